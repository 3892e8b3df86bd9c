import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import { isNotFound, toCollectionError } from "./errors.ts";
import { AWS_OPERATION_PERMISSIONS, type AwsOperation } from "./permissions.ts";
import { isThrottle, type ServiceConcurrency } from "./service-concurrency.ts";

/**
 * Account-wide calls (IAM, Backup, listings) decide what each resource still needs, so they
 * go ahead of the per-resource calls queued behind them.
 */
export type CallLane = "account" | "resource";
const PRIORITY: Record<CallLane, number> = { account: 1, resource: 0 };

/**
 * The service family an operation belongs to: the prefix of the IAM action behind it, so an
 * operation added to permissions.ts gets its service's limit without naming it here.
 * GetCallerIdentity needs no permission; it is STS's.
 */
export function serviceFamily(operation: AwsOperation): string {
  const permission: string | null = AWS_OPERATION_PERMISSIONS[operation];
  return permission === null ? "sts" : permission.slice(0, permission.indexOf(":"));
}

/**
 * Every AWS call of a scan goes through here: one adaptive concurrency limit per service
 * family, one count per operation for the feed, and one way to turn a failure into a Fact.
 * Calls are never nested inside a family's queue, so the limits cannot deadlock.
 */
export class AwsCaller {
  readonly apiCalls: Record<string, number> = {};
  readonly errors: CollectionError[] = [];

  /** `budgetMs`: one deadline for an operation, all its attempts and backoff waits together. */
  constructor(private readonly limits: ServiceConcurrency, private readonly budgetMs: number) {}

  /**
   * `send` gets the signal that ends its attempts when the budget is spent; the call also
   * stops waiting then, even inside the SDK's backoff between attempts.
   */
  async call<T>(operation: AwsOperation, send: (abortSignal: AbortSignal) => Promise<T>, lane: CallLane = "account"): Promise<T> {
    const family = this.limits.family(serviceFamily(operation));
    return family.queue.add(async () => {
      this.apiCalls[operation] = (this.apiCalls[operation] ?? 0) + 1;
      const deadline = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = Object.assign(new Error(`no answer within ${this.budgetMs / 1000} s, all attempts together`), { name: "OperationTimeout" });
          deadline.abort(err);
          reject(err);
        }, this.budgetMs);
      });
      try {
        const out = await Promise.race([send(deadline.signal), expired]);
        family.succeeded();
        return out;
      } catch (cause) {
        // The service answered (a denial, "not configured"): that too is a call that went well.
        if (!isThrottle(cause) && !deadline.signal.aborted) family.succeeded();
        throw new AwsCallError(operation, deadline.signal.aborted ? deadline.signal.reason : cause);
      } finally {
        clearTimeout(timer);
      }
    }, { priority: PRIORITY[lane] });
  }

  /**
   * Runs `work` (one or more calls) and records its outcome as a Fact. `absent` names the
   * error codes that mean "not configured" and the value that stands for it.
   */
  async fact<T>(
    operation: AwsOperation,
    work: () => Promise<T>,
    absent?: { codes: readonly string[]; value: T },
  ): Promise<Fact<T>> {
    try {
      return collected(await work());
    } catch (err) {
      const cause = err instanceof AwsCallError ? err.cause : err;
      if (absent && isNotFound(cause, absent.codes)) return collected(absent.value);
      return this.failure(err instanceof AwsCallError ? err.operation : operation, cause);
    }
  }

  failure(operation: AwsOperation, err: unknown): Fact<never> {
    const error = toCollectionError(operation, err instanceof AwsCallError ? err.cause : err);
    this.errors.push(error);
    return failed(error);
  }
}

/** Carries which operation failed out of a multi-call fact (a page of a listing, a GetGroup). */
export class AwsCallError extends Error {
  constructor(readonly operation: AwsOperation, override readonly cause: unknown) {
    super(`${operation} failed`);
  }
}
