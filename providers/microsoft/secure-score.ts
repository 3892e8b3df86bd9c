import type { Fact } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import { GraphCallError } from "./errors.ts";
import type { SecureScore } from "./facts.ts";
import { parseScore } from "./parse.ts";

/**
 * The latest Microsoft Secure Score (`$top=1`: the list is sorted newest first and keeps 90
 * days) and the control profiles that say what each control is worth, read together.
 */
export function getSecureScore(caller: GraphCaller): Promise<Fact<SecureScore>> {
  return caller.fact("ListSecureScores", async () => {
    const [page, profiles] = await Promise.all([
      // One page only: following its nextLink would read every day of the last 90.
      caller.get<{ value?: GraphSecureScore[] }>("ListSecureScores", "/security/secureScores?$top=1"),
      caller.list<GraphControlProfile>("ListSecureScoreControlProfiles", "/security/secureScoreControlProfiles"),
    ]);
    const latest = Array.isArray(page.value) ? page.value[0] : undefined;
    if (latest === undefined) {
      throw new GraphCallError("ListSecureScores", 200, "NoSecureScore", "Microsoft has not computed a Secure Score for this tenant yet (the first one appears within 48 hours of sign-up)");
    }
    const currentScore = parseScore(latest.currentScore);
    const maxScore = parseScore(latest.maxScore);
    if (currentScore === null || maxScore === null || maxScore <= 0) {
      throw new GraphCallError("ListSecureScores", 200, "UnknownValue", `a Secure Score without a usable currentScore / maxScore (${String(latest.currentScore)} / ${String(latest.maxScore)})`);
    }
    const attained = new Map((latest.controlScores ?? []).map((c) => [c.controlName ?? "", parseScore(c.score)]));
    return {
      createdDateTime: typeof latest.createdDateTime === "string" ? latest.createdDateTime : "",
      currentScore,
      maxScore,
      controls: profiles.filter((p) => p.deprecated !== true && typeof p.id === "string").map((p) => ({
        id: p.id,
        title: p.title ?? p.id,
        category: p.controlCategory ?? "",
        score: attained.get(p.id) ?? null,
        maxScore: parseScore(p.maxScore) ?? 0,
      })),
    };
  });
}

interface GraphSecureScore {
  createdDateTime?: unknown;
  currentScore?: unknown;
  maxScore?: unknown;
  controlScores?: { controlName?: string; score?: unknown }[];
}

interface GraphControlProfile {
  id: string;
  title?: string;
  controlCategory?: string;
  maxScore?: unknown;
  deprecated?: boolean;
}
