import pkg from "../package.json" with { type: "json" };
import type { Provider } from "../checks/framework.ts";
import { answersInForce, type StoredAnswer } from "./answers.ts";
import { itemGrid, type Attestations, type OwnerPolicy } from "./items.ts";
import { byImportance, findingsAgainstPrevious, type CheckRun } from "./lifecycle.ts";
import { withOwnerAnswers } from "./owner-view.ts";
import { FEED_SCHEMA_VERSION, type Feed, type FeedProviderScan } from "./schema.ts";
import { carryNotScanned, withCarriedChecks } from "./not-scanned.ts";
import { carryUnreachable } from "./stale.ts";
import { findingGroups } from "./site-group.ts";
import { summarize } from "./summary.ts";

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
  /**
   * Providers the tenant has that this scan round left out (the shop's hourly rounds scan
   * only the shop): their last results are carried unchanged (feed/not-scanned.ts).
   */
  notScanned?: readonly Provider[];
  /** Answers pre-seeded in the config. */
  attestations?: Attestations;
  /** Answers the owner gave on the page, oldest first; they win over the config's. */
  recordedAnswers?: readonly StoredAnswer[];
  /** The tenant's rules, shown under item 4; the defaults when absent. */
  policy?: OwnerPolicy;
}

/**
 * The feed of one scan. Pure: everything it needs comes in, so the CLI, the Lambda and the
 * tests build identical feeds from identical inputs. Results are seen at `startedAt`, the
 * moment the checks' clock was set to.
 */
export function buildFeed(input: BuildFeedInput): Feed {
  const seenAt = input.startedAt.toISOString();
  const previousFeed = "feed" in input.previous ? input.previous.feed : undefined;
  const previousFindings = previousFeed?.findings ?? [];
  // A provider this scan could not reach keeps its last verdicts (feed/stale.ts); the rest is judged.
  const { providers, runs, carried } = carryUnreachable(input.checks, input.providers, previousFeed);
  // A provider this round left out was not looked at: its last results stand as they were.
  const left = carryNotScanned(previousFeed, (input.notScanned ?? []).filter((p) => !input.providers.some((s) => s.provider === p)));
  const findings = [...findingsAgainstPrevious(input.tenant.id, runs, previousFindings, seenAt), ...carried, ...left.findings].sort(byImportance);
  const answers = answersInForce({ items: input.attestations ?? {} }, input.recordedAnswers ?? []);

  const feed: Feed = {
    schemaVersion: FEED_SCHEMA_VERSION,
    generator: { name: "cloud15", version: pkg.version },
    tenant: { id: input.tenant.id, name: input.tenant.name },
    scan: {
      id: input.scanId,
      startedAt: seenAt,
      finishedAt: input.finishedAt.toISOString(),
      durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
      providers: [...providers, ...left.providers].sort((a, b) => PROVIDER_ORDER.indexOf(a.provider) - PROVIDER_ORDER.indexOf(b.provider)),
      previousFeed: previousFeedReport(input.previous),
    },
    summary: summarize(findings),
    items: withCarriedChecks(itemGrid(findings, input.checks.map((c) => c.meta), answers.items, input.policy), previousFeed, left),
    findings,
  };
  const groupChecks = [
    ...input.checks.filter((c) => c.meta.group === "ec_site").map((c) => c.meta.id),
    ...(previousFeed?.groups ?? []).flatMap((g) => g.checks).filter((id) => left.checkIds.has(id)),
  ];
  const groups = findingGroups(findings, groupChecks);
  if (groups.length > 0) feed.groups = groups;
  return withOwnerAnswers(feed, answers, previousFindings, { seenAt, keepUnchanged: false });
}

/** The feed lists providers in one order, whichever round scanned them. */
const PROVIDER_ORDER: readonly Provider[] = ["aws", "microsoft", "google", "site"];

function previousFeedReport(previous: PreviousFeed): Feed["scan"]["previousFeed"] {
  if ("feed" in previous) return { status: "loaded", scanId: previous.feed.scan.id };
  if ("missing" in previous) return { status: "missing" };
  return { status: "set_aside", problem: previous.problem, setAsideTo: previous.setAsideTo };
}
