import { collected, type Fact, type Unlicensed } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import type { SensitivityLabel } from "./facts.ts";

/** Stands in for sensitivity labels where no subscription includes Purview Information Protection. */
export const NEEDS_INFORMATION_PROTECTION: Unlicensed = {
  unlicensed: {
    ja: "秘密度ラベルを使えるライセンス（Microsoft 365 Business Premium、E3、E5 など）がありません",
    en: "no subscription includes sensitivity labels (Microsoft 365 Business Premium, E3, E5, …)",
  },
};

/**
 * The sensitivity labels published to the organisation. Graph has them in beta only, so they
 * go through a caller on the beta version; not read where the licences say there are none.
 */
export async function getSensitivityLabels(betaCaller: GraphCaller, licensed: boolean | undefined): Promise<Fact<SensitivityLabel[] | Unlicensed>> {
  if (licensed === false) return collected(NEEDS_INFORMATION_PROTECTION);
  return betaCaller.fact("ListSensitivityLabels", async () => {
    const labels = await betaCaller.list<GraphLabel>("ListSensitivityLabels", "/security/informationProtection/sensitivityLabels");
    // Only an explicit isActive true counts: an absent flag is not an active label.
    return labels.map((l) => ({ id: l.id, name: l.name ?? l.id, isActive: l.isActive === true }));
  });
}

interface GraphLabel {
  id: string;
  name?: string;
  isActive?: boolean;
}
