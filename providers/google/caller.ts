import type PQueue from "p-queue";
import pRetry from "p-retry";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import { GoogleCallError, isRateLimited403, toCollectionError, type CallTarget } from "./errors.ts";
import { UnreadableBody } from "./parse.ts";
import type { GoogleOperation } from "./scopes.ts";

/**
 * Tenant-wide calls (users, shared drives, policies, the administrator's tokens) decide what
 * the per-user work is, so they go ahead of the thousands of per-user calls queued behind them.
 */
export type CallLane = "tenant" | "user";
const PRIORITY: Record<CallLane, number> = { tenant: 1, user: 0 };

export interface Backoff {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

/**
 * Every Google call of a scan goes through here: one concurrency bound for the tenant, one
 * count per operation for the feed, the retries the Google clients leave to us, and one way
 * to turn a failure into a Fact. Calls are never nested inside the queue, so it cannot deadlock.
 */
export class GoogleCaller {
  readonly apiCalls: Record<string, number> = {};
  readonly errors: CollectionError[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly queue: PQueue, private readonly backoff: Backoff, private readonly clientId: string) {}

  /**
   * One call, retried with exponential backoff while Google answers 403 userRateLimitExceeded
   * or rateLimitExceeded, or a body that is not JSON (cut off on the way); every attempt waits
   * for its own turn in the queue, so a throttled user does not hold a slot while backing off.
   * 429 and 5xx are the clients' own retries.
   */
  call<T>(target: CallTarget, send: () => Promise<T>, lane: CallLane, skipIf?: () => GoogleCallError | undefined): Promise<T> {
    const attempt = () => this.queue.add(async () => {
      // Decided when the call's turn comes, not when it was queued: by then an earlier call
      // may have shown it is bound to fail.
      const known = skipIf?.();
      if (known) throw known;
      this.apiCalls[target.operation] = (this.apiCalls[target.operation] ?? 0) + 1;
      try {
        return await send();
      } catch (cause) {
        throw new GoogleCallError(target, cause);
      }
    }, { priority: PRIORITY[lane] });
    return pRetry(attempt, {
      retries: this.backoff.retries,
      minTimeout: this.backoff.minTimeoutMs,
      maxTimeout: this.backoff.maxTimeoutMs,
      factor: 2,
      randomize: true,
      shouldRetry: ({ error }) => isRateLimited403(error) || (error instanceof GoogleCallError && error.cause instanceof UnreadableBody),
    });
  }

  /** Runs `work` (one or more calls) and records its outcome as a Fact about `operation`. */
  async fact<T>(operation: GoogleOperation, work: () => Promise<T>): Promise<Fact<T>> {
    try {
      return collected(await work());
    } catch (err) {
      return this.failure(operation, err);
    }
  }

  /**
   * A failed fact. The same failure for thousands of users (a scope not granted, a quota)
   * is listed once in the scan's errors; each user's result still carries it.
   */
  failure(operation: GoogleOperation, err: unknown): Fact<never> {
    const error = err instanceof CollectionErrorCarrier ? err.error : toCollectionError(operation, err, this.clientId);
    const key = JSON.stringify(error);
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.errors.push(error);
    }
    return failed(error);
  }
}

/** A failure already described (e.g. no member to read a shared drive as), passed through `fact`. */
export class CollectionErrorCarrier extends Error {
  constructor(readonly error: CollectionError) {
    super(error.message);
  }
}
