import type { FeedFinding } from "./schema.ts";

/**
 * A finding carried from the previous feed into a round that did not look at its provider
 * (left out of an hourly shop round, or unreachable). The state is the lifecycle against the
 * previous feed (feed/schema.ts): a problem the previous round called `new` was failing before
 * this one, so it is `open`; one it called `resolved` was not failing before, and was not looked
 * at now, so it has no state. The round that found or fixed it said so once; the rounds after it
 * do not repeat it in `summary.new` or `summary.resolved`. Status, reason and texts stay, so the
 * tickets hear of no change.
 */
export function asCarried(finding: FeedFinding): FeedFinding {
  if (finding.state === "new") return { ...finding, state: "open" };
  if (finding.state === "resolved") {
    const { state: _resolved, ...rest } = finding;
    return rest;
  }
  return finding;
}
