import type { GoogleFacts, WorkspacePolicy } from "../../providers/google/facts.ts";
import { defineCheck } from "../framework.ts";
import type { Text } from "../text.ts";

const REGIONS: Record<string, Text> = {
  US: { ja: "米国", en: "United States" },
  UNITED_STATES: { ja: "米国", en: "United States" },
  EUROPE: { ja: "欧州", en: "Europe" },
  EU: { ja: "欧州", en: "Europe" },
  NO_PREFERENCE: { ja: "指定なし", en: "No preference" },
};

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.data.region",
    provider: "google",
    service: "data",
    severity: "medium",
    ipaItems: [15],
    itemReasons: {
      15: { ja: "Google Workspace のデータ保存地域の設定を読み、保存先を示します。", en: "Reads Workspace's data-region setting and shows where the data is kept." },
    },
    title: { ja: "データの保存先の国・地域を把握している", en: "You know in which countries your Workspace data is stored" },
    detail: {
      ja: "Google Workspace では保存先に日本を指定できません。選べるのは米国・欧州・指定なし（世界各地のデータセンター）だけで、データリージョンの設定も一部のエディションに限られます。個人データを扱うなら、国外に保存されることを前提に、個人情報保護法にもとづく安全管理措置の公表や本人への説明の内容を確かめる必要があります。",
      en: "Google Workspace cannot keep data in Japan: the choice is the United States, Europe or no preference (data centres worldwide), and data regions exist only in some editions. With personal data, assume it is stored abroad and check what the Act on the Protection of Personal Information then asks you to disclose.",
    },
    remediation: {
      steps: {
        ja: "保存先が国外であることを前提に、社内のルールと個人データの扱い（外国にある事業者の利用、安全管理措置の公表）を確認し、設定ファイルの attestations で項目 15 に回答します。米国または欧州に固定したい場合は、対応エディションで「データ > コンプライアンス > データリージョン」を設定します。",
        en: "Assuming the data is stored abroad, check your own rules and how you handle personal data (use of a provider abroad, disclosure of safeguards), then answer item 15 under attestations in the config. To pin data to the United States or Europe, set Data > Compliance > Data regions in an edition that has it.",
      },
      consolePath: { ja: "管理コンソール > データ > コンプライアンス > データリージョン", en: "Admin console > Data > Compliance > Data regions" },
      url: "https://support.google.com/a/answer/7630496",
    },
  },
  needs: ["policies"],
  run({ policies }, ctx) {
    const regions = policies.filter((p) => p.setting.startsWith("data_regions."));
    const shown = regions.length === 0
      ? REGIONS.NO_PREFERENCE!
      : joined(regions.map((p) => regionOf(p)));
    return [{
      status: "manual",
      resource: ctx.tenantResource,
      evidence: {
        dataRegionPolicies: regions.map((p) => ({ setting: p.setting, appliesTo: p.orgUnit ?? p.group ?? "customer", value: p.value })),
      },
      message: {
        ja: `データリージョン: ${shown.ja}${regions.length === 0 ? "（設定なし。世界各地のデータセンターに保存されます）" : ""}。日本は指定できないため、国外保存を前提に確認してください。`,
        en: `Data region: ${shown.en}${regions.length === 0 ? " (not set: stored in data centres worldwide)" : ""}. Japan cannot be chosen, so review this assuming storage abroad.`,
      },
    }];
  },
});

/** The region a data-region policy names, whatever its value field is called. */
function regionOf(p: WorkspacePolicy): Text {
  const where = p.orgUnit ?? p.group;
  for (const v of Object.values(p.value)) {
    const region = typeof v === "string" ? REGIONS[v.toUpperCase()] : undefined;
    if (region) return where ? { ja: `${region.ja}（${where}）`, en: `${region.en} (${where})` } : region;
  }
  // A value cloud15 does not know: named as such; the raw value is in the evidence for engineers.
  const at = where ? { ja: `（${where}）`, en: ` (${where})` } : { ja: "", en: "" };
  return { ja: `判別できない設定${at.ja}`, en: `a setting cloud15 does not recognise${at.en}` };
}

function joined(texts: Text[]): Text {
  return { ja: texts.map((t) => t.ja).join("、"), en: texts.map((t) => t.en).join(", ") };
}
