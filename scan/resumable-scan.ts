import type { Provider } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { Feed } from "../feed/schema.ts";
import type { AnswerStore } from "../store/answer-store.ts";
import type { FeedStore } from "../store/feed-store.ts";
import { restoredRun, storedRun, type ScanCheckpoints } from "./checkpoint.ts";
import type { ProviderScanner } from "./provider-scanner.ts";
import { PROVIDER_SCANNERS, providerFailed, scanProvider, storeScan, type ProviderRun, type ScanTenantOptions } from "./scan-tenant.ts";

export interface ResumableScanOptions extends Pick<ScanTenantOptions, "credentials" | "concurrency" | "onProgress" | "tickets" | "state"> {
  tenant: TenantConfig;
  store: FeedStore;
  answers?: AnswerStore;
  checkpoints: ScanCheckpoints;
  /** The scan a continuation continues; absent for a scan the schedule or an operator asks for. */
  scanId?: string;
  /** Milliseconds this invocation has left (Lambda's `context.getRemainingTimeInMillis`). */
  remainingMs: () => number;
  /** Kept free at the end of an invocation to checkpoint, store the feed and re-enqueue. */
  reserveMs?: number;
  /** Invocations one scan may take; at the last one's deadline, unfinished providers are `error`. */
  maxInvocations?: number;
  /** A checkpoint older than this is dropped and the scan starts over. */
  maxAgeMs?: number;
  now?: () => Date;
  scanners?: readonly ProviderScanner<any>[];
}

export type ResumableScanOutcome =
  | { outcome: "stored"; feed: Feed; invocation: number; resumed: Provider[] }
  /** Time ran out: the finished providers are checkpointed; the caller re-enqueues `scanId`. */
  | { outcome: "suspended"; scanId: string; invocation: number; pending: Provider[] }
  /** Another invocation holds this tenant's scan, or the continuation is stale: nothing to do. */
  | { outcome: "busy" };

/** Storing a feed of thousands of findings plus its finding state takes seconds; a minute is ample. */
export const DEFAULT_RESERVE_MS = 60_000;
/** Three invocations of 15 minutes: far beyond what the largest account we benchmarked needs. */
export const DEFAULT_MAX_INVOCATIONS = 3;
export const DEFAULT_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/**
 * The scan pipeline (`scanProvider` per provider, then `storeScan`) spread over invocations
 * of at most 15 minutes. Each provider is checkpointed the moment it finishes; when the
 * deadline nears, the scan stops waiting, hands over, and the caller re-enqueues it. A
 * continuation scans only what is not checkpointed, so nothing is collected twice and
 * nothing is lost. A provider that cannot finish even in `maxInvocations` invocations is
 * stored as `error` with the reason: the scan is never cut short without saying so.
 */
export async function resumableScan(opts: ResumableScanOptions): Promise<ResumableScanOutcome> {
  const { tenant } = opts;
  const now = opts.now ?? (() => new Date());
  const maxInvocations = opts.maxInvocations ?? DEFAULT_MAX_INVOCATIONS;
  const claimedAt = now();
  const claim = await opts.checkpoints.claim({
    tenantId: tenant.id,
    ...(opts.scanId ? { scanId: opts.scanId } : {}),
    now: claimedAt,
    leaseUntil: new Date(claimedAt.getTime() + opts.remainingMs()),
    maxAgeMs: opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
  });
  if (!claim) return { outcome: "busy" };

  try {
    const scanners = (opts.scanners ?? PROVIDER_SCANNERS).filter((s) => s.configured(tenant));
    const runs = new Map<Provider, ProviderRun>();
    for (const scanner of scanners) {
      const stored = claim.done.get(scanner.provider);
      const run = stored && restoredRun(scanner, stored);
      if (run) runs.set(scanner.provider, run);
    }
    const resumed = [...runs.keys()];
    const pending = scanners.filter((s) => !runs.has(s.provider));

    // Closed at the deadline: a provider finishing after it belongs to no invocation, and
    // its late result must not touch a checkpoint the next invocation may already hold.
    let open = true;
    const saves = new Set<Promise<void>>();
    const stopAtMs = opts.remainingMs() - (opts.reserveMs ?? DEFAULT_RESERVE_MS);
    // Providers that can stop on their own (Microsoft's crawl keeps its place) are told when.
    const deadline = new Date(Date.now() + stopAtMs);
    const work = Promise.all(pending.map(async (scanner) => {
      const run = await scanProvider(scanner, tenant, claim.startedAt, { ...opts, deadline });
      if (!open) return;
      const saved = claim.saveRun(scanner.provider, storedRun(run)).then(() => { runs.set(scanner.provider, run); });
      saves.add(saved);
      await saved;
    }));
    const finished = await beforeDeadline(work, stopAtMs);
    open = false;

    if (!finished) {
      // A save already under way completes (it is quick); its provider then counts as done.
      await Promise.allSettled(saves);
      const unfinished = pending.filter((s) => !runs.has(s.provider));
      // Every provider made it after all (the last just in time): the reserve stores the feed.
      if (unfinished.length > 0 && claim.invocation < maxInvocations) {
        await claim.release();
        return { outcome: "suspended", scanId: claim.scanId, invocation: claim.invocation, pending: unfinished.map((s) => s.provider) };
      }
      for (const scanner of unfinished) {
        runs.set(scanner.provider, providerFailed(scanner, tenant, {
          operation: `collect ${scanner.provider}`,
          code: "ScanTimeLimit",
          message: `collection did not finish within ${maxInvocations} Lambda invocations`,
        }, claim.startedAt));
      }
    }

    const feed = await storeScan({
      tenant,
      store: opts.store,
      ...(opts.answers ? { answers: opts.answers } : {}),
      ...(opts.tickets ? { tickets: opts.tickets } : {}),
      scanId: claim.scanId,
      startedAt: claim.startedAt,
      finishedAt: now(),
      runs: scanners.map((s) => runs.get(s.provider)!),
    });
    await claim.complete();
    return { outcome: "stored", feed, invocation: claim.invocation, resumed };
  } catch (err) {
    // Hand the scan over at once, so that the queue's retry can claim it without waiting
    // for this invocation's lease to run out.
    await claim.release().catch(() => undefined);
    throw err;
  }
}

/** True when `work` finished within `ms`; false when the time ran out first. Its failure rethrows. */
async function beforeDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), Math.max(0, ms)); });
  try {
    return await Promise.race([work.then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
