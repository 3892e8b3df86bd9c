import type PQueue from "p-queue";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import { isNotFound, toCollectionError } from "./errors.ts";
import type { AwsOperation } from "./permissions.ts";

/**
 * Account-wide calls (IAM, Backup, listings) decide what each resource still needs, so they
 * go ahead of the per-resource calls queued behind them.
 */
export type CallLane = "account" | "resource";
const PRIORITY: Record<CallLane, number> = { account: 1, resource: 0 };

/**
 * Every AWS call of a scan goes through here: one concurrency bound for the whole tenant,
 * one count per operation for the feed, and one way to turn a failure into a Fact.
 * Calls are never nested inside the queue, so the bound cannot deadlock.
 */
export class AwsCaller {
  readonly apiCalls: Record<string, number> = {};
  readonly errors: CollectionError[] = [];

  /** `budgetMs`: one deadline for an operation, all its attempts and backoff waits together. */
  constructor(private readonly queue: PQueue, private readonly budgetMs: number) {}

  /**
   * `send` gets the signal that ends its attempts when the budget is spent; the call also
   * stops waiting then, even inside the SDK's backoff between attempts.
   */
  async call<T>(operation: AwsOperation, send: (abortSignal: AbortSignal) => Promise<T>, lane: CallLane = "account"): Promise<T> {
    return this.queue.add(async () => {
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
        return await Promise.race([send(deadline.signal), expired]);
      } catch (cause) {
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
