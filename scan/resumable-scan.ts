import type { Provider } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { Feed } from "../feed/schema.ts";
import { redactedMessage } from "../providers/redact-secrets.ts";
import type { AnswerStore } from "../store/answer-store.ts";
import type { FeedStore } from "../store/feed-store.ts";
import { restoredRun, type ScanCheckpoints, type ScanRound, type StoredProviderRun } from "./checkpoint.ts";
import type { ProviderScanner } from "./provider-scanner.ts";
import { providerFailed, scanProvider, storeScan, type ProviderRun, type ProviderScanOptions } from "./scan-steps.ts";
import type { TicketSync } from "../tickets/sync.ts";

/** What a round needs from the deployment's config. */
export interface RoundSetup {
  tenant: TenantConfig;
  /** Turns the feed's changes into tickets, if this invocation builds it. */
  tickets?: TicketSync;
}

export interface ResumableScanOptions extends Omit<ProviderScanOptions, "deadline"> {
  tenantId: string;
  /**
   * The tenant as the config has it, read while the provider is claimed (two round trips at
   * once, not one after the other), or why this invocation cannot scan it (`dropped`). A
   * claim taken for a round it then does not scan is handed back uncounted.
   */
  setup: Promise<RoundSetup | { dropped: string }>;
  /** The one provider this invocation scans. */
  scanner: ProviderScanner<any>;
  round: ScanRound;
  store: FeedStore;
  answers?: AnswerStore;
  checkpoints: ScanCheckpoints;
  /** Milliseconds this invocation has left (Lambda's `context.getRemainingTimeInMillis`). */
  remainingMs: () => number;
  /** Kept free at the end of an invocation to checkpoint, store the feed and re-enqueue. */
  reserveMs?: number;
  /** Invocations one provider may take; at the last one's deadline it is `unreachable`. */
  maxInvocations?: number;
  /**
   * The queue's last delivery of this message: a failure is saved as the provider's `unreachable`
   * (and the round's feed built) instead of thrown, so the feed says so rather than missing.
   */
  lastAttempt?: boolean;
  now?: () => Date;
}

export type ResumableScanOutcome =
  /** This provider finished the round: the feed is stored. */
  | { outcome: "stored"; feed: Feed; invocation: number }
  /** This provider is saved; the round waits for another provider, whose function builds the feed. */
  | { outcome: "saved"; invocation: number }
  /** Time ran out: the caller re-enqueues the round for this provider. */
  | { outcome: "suspended"; invocation: number }
  /** Another invocation scans this provider of the round, or the round is stored or replaced, or gave way to a wider unfinished one: nothing to do. */
  | { outcome: "busy" | "superseded" | "deferred" }
  /** The config no longer lets this tenant be scanned (removed since the round was queued, or not scannable here): a retry would fail alike. */
  | { outcome: "dropped"; reason: string };

/** Storing a feed of thousands of findings plus its finding state takes seconds; a minute is ample. */
export const DEFAULT_RESERVE_MS = 60_000;
/** Three invocations of 15 minutes: far beyond what the largest account we benchmarked needs. */
export const DEFAULT_MAX_INVOCATIONS = 3;

/**
 * One provider's part of a scan round (`scanProvider`), spread over invocations of at most
 * 15 minutes, then the round's feed (`storeScan`) if this provider was the last one in. The
 * provider is checkpointed the moment it finishes; if the deadline comes first, the caller
 * re-enqueues it and a continuation scans it again (a provider that keeps its place, like
 * Microsoft's crawl, resumes from its state). A provider that cannot finish even in
 * `maxInvocations` invocations is stored as `unreachable` with the reason (the feed keeps its
 * last verdicts, marked stale): never cut short without saying so. Whoever saves the last
 * missing provider builds the feed, exactly once.
 */
export async function resumableScan(opts: ResumableScanOptions): Promise<ResumableScanOutcome> {
  const { scanner, round } = opts;
  const now = opts.now ?? (() => new Date());
  const maxInvocations = opts.maxInvocations ?? DEFAULT_MAX_INVOCATIONS;
  const leaseUntil = () => new Date(now().getTime() + opts.remainingMs());
  const [claimed, setup] = await Promise.allSettled([
    opts.checkpoints.claim({ tenantId: opts.tenantId, round, provider: scanner.provider, now: now(), leaseUntil: leaseUntil() }),
    opts.setup,
  ]);
  // Nothing is held: whatever the config says, there is nothing to hand back.
  if (claimed.status === "rejected") throw claimed.reason;
  const claim = claimed.value;
  if (claim.outcome !== "claimed") return claim;
  const held = claim.scan;
  if (setup.status === "rejected") {
    // The queue's retry claims the provider at once, and this attempt does not count against its invocations.
    await held.handBack().catch(() => undefined);
    throw setup.reason;
  }
  if ("dropped" in setup.value) {
    await held.handBack();
    return { outcome: "dropped", reason: setup.value.dropped };
  }
  const { tenant, tickets } = setup.value;

  let saved: Awaited<ReturnType<typeof held.saveRun>> = "saved";
  if (!held.finished) {
    try {
      const stopAtMs = opts.remainingMs() - (opts.reserveMs ?? DEFAULT_RESERVE_MS);
      // Providers that can stop on their own (Microsoft's crawl keeps its place) are told when.
      const deadline = new Date(Date.now() + stopAtMs);
      const run = await beforeDeadline(scanProvider(scanner, tenant, round.startedAt, { ...opts, deadline }), stopAtMs);
      if (!run && held.invocation < maxInvocations) {
        await held.release();
        return { outcome: "suspended", invocation: held.invocation };
      }
      saved = await held.saveRun(run || providerFailed(scanner, tenant, {
        operation: `collect ${scanner.provider}`,
        code: "ScanTimeLimit",
        message: `collection did not finish within ${maxInvocations} Lambda invocations`,
      }, round.startedAt));
    } catch (err) {
      if (!opts.lastAttempt) {
        // Hand the provider over at once, so that the queue's retry can claim it without
        // waiting for this invocation's lease to run out.
        await held.release().catch(() => undefined);
        throw err;
      }
      saved = await held.saveRun(providerFailed(scanner, tenant, {
        operation: `scan ${scanner.provider}`,
        code: err instanceof Error ? err.name : "Error",
        message: `failed on every delivery of its message: ${redactedMessage(err)}`,
      }, round.startedAt));
    }
  }
  // Another invocation holds the provider (it finishes the round), or the round is over.
  if (saved !== "saved") return { outcome: saved };

  const assembly = await held.assemble(leaseUntil());
  if (!assembly) return { outcome: "saved", invocation: held.invocation };
  try {
    const feed = await storeScan({
      tenant,
      store: opts.store,
      ...(opts.answers ? { answers: opts.answers } : {}),
      ...(tickets ? { tickets } : {}),
      scanId: round.scanId,
      startedAt: round.startedAt,
      finishedAt: now(),
      runs: round.providers.map((provider) => assembledRun(provider, assembly.runs.get(provider), round)),
    });
    await assembly.complete();
    return { outcome: "stored", feed, invocation: held.invocation };
  } catch (err) {
    await assembly.release().catch(() => undefined);
    throw err;
  }
}

/**
 * A saved provider's run as the feed takes it. One whose checkpoint is gone or unreadable
 * stops the assembly, which the queue retries: a feed is never built from part of a round,
 * where the missing provider's checks would vanish from it, and the stored feed stays the
 * previous complete one. (This function holds only its own provider's checks.)
 */
function assembledRun(provider: Provider, stored: StoredProviderRun | undefined, round: ScanRound): ProviderRun {
  const run = restoredRun(stored);
  if (run) return run;
  throw new Error(`the saved results of ${provider} for scan ${round.scanId} are ${stored ? "unreadable (saved by another version?)" : "gone"}; the feed is not built from part of a round`);
}

/** The work's result when it finished within `ms`; undefined when the time ran out first. Its failure rethrows. */
async function beforeDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), Math.max(0, ms)); });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
