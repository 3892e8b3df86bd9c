import { unreachableReason, type Provider } from "../checks/framework.ts";
import type { Text } from "../checks/text.ts";
import { asCarried } from "./carried-state.ts";
import { fromMeta, type CheckRun } from "./lifecycle.ts";
import type { Feed, FeedFinding, FeedProviderScan } from "./schema.ts";

/** What a scan reports and judges once the providers it could not scan carry their last verdicts. */
export interface CarriedScan {
  /** The providers as the feed reports them: an unreachable one that carries says since when and why. */
  providers: FeedProviderScan[];
  /** The checks left for the lifecycle to judge: every one whose findings are not carried. */
  runs: CheckRun[];
  /** The last known findings of the unreachable providers, each marked stale. */
  carried: FeedFinding[];
}

const NO_REASON: Text = { ja: "理由は記録されていません。", en: "No reason was recorded." };

/**
 * A provider this scan could not scan at all (`unreachable`) has seen nothing: its `error`
 * results would turn every earlier verdict into an error (the score falls to 0, a pass looks
 * lost) and would say nothing the owner can act on. Its findings from the previous feed stand
 * instead — status, first and last seen unchanged, the state moved on as for any carried
 * finding (`asCarried`: `new` is not repeated every round the cloud stays unreachable) — and
 * marked `stale`; nothing of it is resolved, so no ticket closes. The texts come from the checks as they are now, as for any
 * finding. A check it has no earlier finding for (new since) keeps its `error`: never a pass.
 *
 * It carries only what an earlier scan collected: the previous feed must have scanned the
 * provider (`ok` or `partial`), or have carried it already, in which case `since` stays the
 * time of the last scan that did collect it.
 */
export function carryUnreachable(
  runs: readonly CheckRun[],
  providers: readonly FeedProviderScan[],
  previous: Feed | undefined,
): CarriedScan {
  const out: CarriedScan = { providers: [], runs: [], carried: [] };
  const carriedProviders = new Set<Provider>();
  for (const scan of providers) {
    const since = scan.status === "unreachable" && previous ? lastCollected(previous, scan.provider) : undefined;
    if (since === undefined) {
      out.providers.push(scan);
      continue;
    }
    carriedProviders.add(scan.provider);
    out.providers.push({ ...scan, stale: { since, reason: scan.errors[0] ? unreachableReason(scan.errors[0]) : NO_REASON } });
  }

  const runsById = new Map(runs.map((run) => [run.meta.id, run]));
  const carriedChecks = new Set<string>();
  for (const prior of previous?.findings ?? []) {
    const run = runsById.get(prior.checkId);
    // A check no longer in cloud15 has nothing to say, as in the lifecycle.
    if (!run || !carriedProviders.has(run.meta.provider)) continue;
    out.carried.push({ ...asCarried(prior), ...fromMeta(run.meta), stale: true });
    carriedChecks.add(run.meta.id);
  }
  out.runs = runs.filter((run) => !carriedChecks.has(run.meta.id));
  return out;
}

/**
 * When a scan last collected from the provider, by the previous feed; undefined when none did.
 * A provider the previous round left out names the scan that did look (`lastScan`).
 */
function lastCollected(previous: Feed, provider: Provider): string | undefined {
  const before = previous.scan.providers.find((p) => p.provider === provider);
  if (before?.stale) return before.stale.since;
  return before?.status === "ok" || before?.status === "partial" ? before.lastScan?.startedAt ?? previous.scan.startedAt : undefined;
}
