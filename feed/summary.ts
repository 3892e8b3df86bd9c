import { SEVERITIES } from "../checks/framework.ts";
import { countStatuses } from "./items.ts";
import type { Feed, FeedFinding } from "./schema.ts";
import { scoreOf } from "./score.ts";

/** Score, counts and lifecycle totals of a feed's findings. */
export function summarize(findings: readonly FeedFinding[]): Feed["summary"] {
  const failBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Feed["summary"]["failBySeverity"];
  for (const f of findings) if (f.status === "fail") failBySeverity[f.severity] += 1;
  const score = scoreOf(findings);
  const states = { new: 0, open: 0, resolved: 0 };
  for (const f of findings) if (f.state) states[f.state] += 1;
  return {
    score: score.value,
    ...(score.note ? { scoreNote: score.note } : {}),
    byStatus: countStatuses(findings),
    failBySeverity,
    ...states,
  };
}
