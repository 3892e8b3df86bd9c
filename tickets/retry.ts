import pRetry from "p-retry";
import { setTimeout as sleep } from "node:timers/promises";

/** How hard one run tries a tracker request before leaving it to the next run. */
export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  /** Backoff before the first retry; doubles each time. */
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /**
   * The longest `Retry-After` a run waits out. A tracker asking for longer gets its wish: the
   * update waits in the outbox for the next run instead of holding this one up.
   */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, minTimeoutMs: 1_000, maxTimeoutMs: 8_000, maxWaitMs: 30_000 };

/** What a failed attempt says about trying again. */
export interface RetryHint {
  retryable: boolean;
  retryAfterMs?: number;
}

/**
 * Runs `attempt` until it succeeds, the error is not retryable, the tracker asks to wait
 * longer than the policy allows, or the retries run out. Waits at least as long as the
 * tracker's `Retry-After` before trying again.
 */
export function withRetry<T>(attempt: () => Promise<T>, policy: RetryPolicy, hint: (error: Error) => RetryHint): Promise<T> {
  const worthRetrying = (error: Error) => {
    const h = hint(error);
    return h.retryable && (h.retryAfterMs ?? 0) <= policy.maxWaitMs;
  };
  return pRetry(attempt, {
    retries: policy.retries,
    minTimeout: policy.minTimeoutMs,
    maxTimeout: policy.maxTimeoutMs,
    factor: 2,
    shouldRetry: ({ error }) => worthRetrying(error),
    onFailedAttempt: async ({ error, retriesLeft }) => {
      const wait = hint(error).retryAfterMs;
      if (wait && retriesLeft > 0 && worthRetrying(error)) await sleep(wait);
    },
  });
}

/** When a failed update is tried again by a later run: 5 min, doubling, at most 6 h, never before `Retry-After`. */
export function nextAttemptDelayMs(attempts: number, retryAfterMs: number | undefined): number {
  const backoff = Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60_000);
  return Math.max(backoff, retryAfterMs ?? 0);
}
