import pkg from "../package.json" with { type: "json" };
import { SEVERITIES } from "../checks/framework.ts";
import { itemGrid, countStatuses, type Attestations } from "./items.ts";
import { findingsAgainstPrevious, type CheckRun } from "./lifecycle.ts";
import { FEED_SCHEMA_VERSION, type Feed, type FeedProviderScan } from "./schema.ts";
import { scoreOf } from "./score.ts";

/** What the store found where the previous feed should be. */
export type PreviousFeed =
  | { feed: Feed }
  | { missing: true }
  | { problem: string; setAsideTo: string };

export interface BuildFeedInput {
  tenant: { id: string; name: string };
  scanId: string;
  startedAt: Date;
  finishedAt: Date;
  checks: readonly CheckRun[];
  providers: readonly FeedProviderScan[];
  previous: PreviousFeed;
  attestations?: Attestations;
}

/**
 * The feed of one scan. Pure: everything it needs comes in, so the CLI, the Lambda and the
 * tests build identical feeds from identical inputs. Results are seen at `startedAt`, the
 * moment the checks' clock was set to.
 */
export function buildFeed(input: BuildFeedInput): Feed {
  const seenAt = input.startedAt.toISOString();
  const previousFindings = "feed" in input.previous ? input.previous.feed.findings : [];
  const findings = findingsAgainstPrevious(input.tenant.id, input.checks, previousFindings, seenAt);

  const failBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Feed["summary"]["failBySeverity"];
  for (const f of findings) if (f.status === "fail") failBySeverity[f.severity] += 1;
  const score = scoreOf(findings);
  const states = { new: 0, open: 0, resolved: 0 };
  for (const f of findings) if (f.state) states[f.state] += 1;

  return {
    schemaVersion: FEED_SCHEMA_VERSION,
    generator: { name: "cloud15", version: pkg.version },
    tenant: { id: input.tenant.id, name: input.tenant.name },
    scan: {
      id: input.scanId,
      startedAt: seenAt,
      finishedAt: input.finishedAt.toISOString(),
      durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
      providers: [...input.providers],
      previousFeed: previousFeedReport(input.previous),
    },
    summary: {
      score: score.value,
      ...(score.note ? { scoreNote: score.note } : {}),
      byStatus: countStatuses(findings),
      failBySeverity,
      ...states,
    },
    items: itemGrid(findings, input.checks.map((c) => c.meta), input.attestations),
    findings,
  };
}

function previousFeedReport(previous: PreviousFeed): Feed["scan"]["previousFeed"] {
  if ("feed" in previous) return { status: "loaded", scanId: previous.feed.scan.id };
  if ("missing" in previous) return { status: "missing" };
  return { status: "set_aside", problem: previous.problem, setAsideTo: previous.setAsideTo };
}
