import { setTimeout as sleep } from "node:timers/promises";

/**
 * Graph throttles per app and tenant, so a `Retry-After` on one answer is a pause for the
 * whole scan: every request of the tenant waits at this gate. A pause that would outlast
 * the run's deadline is not waited out; the crawl keeps a checkpoint and the next run resumes.
 */
export class ThrottleGate {
  private resumeAt = 0;
  /** Seconds of the longest `Retry-After` seen, for the feed's notes. */
  longestWaitSeconds = 0;

  constructor(private readonly deadline: number = Number.POSITIVE_INFINITY, private readonly now: () => number = Date.now) {}

  hold(retryAfterMs: number): void {
    this.longestWaitSeconds = Math.max(this.longestWaitSeconds, Math.ceil(retryAfterMs / 1000));
    this.resumeAt = Math.max(this.resumeAt, this.now() + retryAfterMs);
  }

  /** Whether a wait of this length still ends before the deadline. */
  fits(waitMs: number): boolean {
    return this.now() + waitMs < this.deadline;
  }

  /** Resolves when requests may go out again; throws when that is past the deadline. */
  async ready(): Promise<void> {
    for (let wait = this.resumeAt - this.now(); wait > 0; wait = this.resumeAt - this.now()) {
      if (!this.fits(wait)) throw new PastDeadline(wait);
      await sleep(wait);
    }
  }
}

/** Graph asked for a pause longer than the run has left. */
export class PastDeadline extends Error {
  constructor(readonly waitMs: number) {
    super(`Microsoft Graph asked to wait ${Math.ceil(waitMs / 1000)} s (Retry-After), longer than this run has left; the next scan resumes from the saved checkpoint`);
    this.name = "Throttled";
  }
}

/** `Retry-After` in ms: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: () => number = Date.now): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}
