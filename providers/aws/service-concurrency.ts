import PQueue from "p-queue";

/**
 * How many calls one AWS service may have in flight for one tenant. Each service family (the
 * IAM prefix of its actions: `s3`, `iam`, `ec2`, ...) has its own limit, so a slow or
 * throttling service holds back only its own calls.
 */
export interface FamilyBounds {
  /** In flight at the start of a scan. */
  start: number;
  /** Never more than this, however well the service answers. */
  ceiling: number;
}

/**
 * S3 documents no concurrency limit for bucket configuration reads, only request rates of at
 * least 5,500 GET/HEAD per second per prefix ("Best practices design patterns: optimizing
 * Amazon S3 performance"); 64 in flight stays far below that at any real latency.
 *
 * IAM (and STS with it) throttle with one token bucket per account and API that every caller
 * of the account shares (console, other tools) and that cannot be raised; AWS advises against
 * running IAM calls at the same time ("How do I resolve API throttling or 'Rate exceeded'
 * errors for IAM and AWS STS?", AWS Security Blog "How to monitor and query IAM resources at
 * scale, part 2"). The scan makes a handful of IAM calls, so a low limit costs little.
 */
export const FAMILY_BOUNDS: Readonly<Record<string, FamilyBounds>> = {
  s3: { start: 64, ceiling: 64 },
  iam: { start: 2, ceiling: 4 },
  sts: { start: 2, ceiling: 4 },
};

/** A service not named above: modest, and it adapts to what the service answers. */
export const DEFAULT_FAMILY_BOUNDS: FamilyBounds = { start: 8, ceiling: 16 };

/** Throttles that arrive within this long of a halving are the same episode: one halving. */
const DECREASE_COOLDOWN_MS = 1_000;

/** Error codes and statuses by which AWS services say "slow down". */
const THROTTLE_CODES = new Set([
  "SlowDown", "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
  "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "ProvisionedThroughputExceededException",
]);
const THROTTLE_STATUSES = new Set([429, 503]);

export function isThrottle(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } } | undefined;
  const status = e?.$metadata?.httpStatusCode;
  return THROTTLE_CODES.has(e?.name ?? "") || THROTTLE_CODES.has(e?.Code ?? "") || (status !== undefined && THROTTLE_STATUSES.has(status));
}

/** What one family's limit did during a scan: engineers read it in the feed's scan stats. */
export interface FamilyLimitReport {
  start: number;
  ceiling: number;
  lowest: number;
  highest: number;
  final: number;
  /** Attempts the service answered with a throttle. */
  throttled: number;
}

/**
 * One family's limit, adapted by AIMD: halved on a throttle (once per episode), grown by one
 * after a full window of calls without one, between 1 and the ceiling. The queue runs the
 * account-wide calls (listings, IAM, Backup) ahead of per-resource ones waiting behind them.
 */
class FamilyLimit {
  readonly queue: PQueue;
  private readonly report: FamilyLimitReport;
  private successesInWindow = 0;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;

  constructor(bounds: FamilyBounds) {
    const start = Math.min(bounds.start, bounds.ceiling);
    this.queue = new PQueue({ concurrency: start });
    this.report = { start, ceiling: bounds.ceiling, lowest: start, highest: start, final: start, throttled: 0 };
  }

  throttled(now: number): void {
    this.report.throttled++;
    if (now - this.lastDecreaseAt < DECREASE_COOLDOWN_MS) return;
    this.lastDecreaseAt = now;
    this.set(Math.max(1, Math.floor(this.queue.concurrency / 2)));
  }

  succeeded(): void {
    if (++this.successesInWindow < this.queue.concurrency) return;
    this.successesInWindow = 0;
    if (this.queue.concurrency < this.report.ceiling) this.set(this.queue.concurrency + 1);
  }

  snapshot(): FamilyLimitReport {
    return { ...this.report };
  }

  private set(limit: number): void {
    this.queue.concurrency = limit;
    this.successesInWindow = 0;
    this.report.final = limit;
    this.report.lowest = Math.min(this.report.lowest, limit);
    this.report.highest = Math.max(this.report.highest, limit);
  }
}

/** The limits of one tenant's scan, one per service family, made when a family is first called. */
export class ServiceConcurrency {
  private readonly families = new Map<string, FamilyLimit>();

  /** `cap`: no family above this many in flight (the CLI's --concurrency). */
  constructor(private readonly cap?: number) {}

  family(name: string): FamilyLimit {
    let limit = this.families.get(name);
    if (!limit) {
      const bounds = FAMILY_BOUNDS[name] ?? DEFAULT_FAMILY_BOUNDS;
      const ceiling = this.cap === undefined ? bounds.ceiling : Math.min(bounds.ceiling, this.cap);
      limit = new FamilyLimit({ start: Math.min(bounds.start, ceiling), ceiling });
      this.families.set(name, limit);
    }
    return limit;
  }

  /** Called for every attempt a service answered with an error, retries included. */
  attemptFailed(family: string, err: unknown): void {
    if (isThrottle(err)) this.family(family).throttled(performance.now());
  }

  report(): Record<string, FamilyLimitReport> {
    return Object.fromEntries([...this.families].map(([name, limit]) => [name, limit.snapshot()]));
  }
}
