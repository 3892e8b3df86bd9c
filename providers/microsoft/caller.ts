import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import { collected, type CollectionError, type Fact } from "../fact.ts";
import { GraphCallError, isTransient, MALFORMED, toCollectionError } from "./errors.ts";
import type { GraphOperation } from "./permissions.ts";
import { retryAfterMs, type ThrottleGate } from "./throttle.ts";
import { GraphHttpError } from "./transport.ts";

/**
 * Tenant-wide reads (licences, policies, listings) decide what else is needed, so they go
 * ahead of the per-drive and per-user reads queued behind them.
 */
export type CallLane = "tenant" | "resource";

/** Graph takes at most 20 requests in one `$batch`. */
export const BATCH_LIMIT = 20;

export interface BatchRequestBody {
  requests: { id: string; method: "GET"; url: string; headers?: Record<string, string> }[];
}

export interface BatchResponseBody {
  responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

/** A `$batch` answer that has arrived whole; `read` parses it, or throws the envelope's failure. */
export interface ArrivedBatch {
  read(): BatchResponseBody;
}

export type SendBatch = (body: BatchRequestBody) => Promise<ArrivedBatch>;

export interface RetryTuning {
  /** Further attempts for a throttled or failed request (a `$batch` sub-request on its own). */
  retries: number;
  /** First backoff; doubles each attempt, on top of any `Retry-After` the gate already waited. */
  minTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryTuning = { retries: 4, minTimeoutMs: 500 };

/** How one read is sent and what its answer must look like. */
export interface ReadOptions {
  lane?: CallLane;
  /** Request headers of this read inside the `$batch` (e.g. `Prefer`). */
  headers?: Record<string, string>;
  /** Throws (a malformed answer, retried like a passing failure) when the body is not what Graph sends. */
  check?: (body: unknown) => void;
}

interface Waiting {
  operation: GraphOperation;
  url: string;
  headers?: Record<string, string>;
  resolve(body: unknown): void;
  reject(err: unknown): void;
}

interface Page<T> {
  value?: T[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

/**
 * Every Graph read of a scan goes through here. Reads wait in two lanes; whenever one of the
 * bounded number of slots is free, up to 20 of them leave together in one `$batch`, so the
 * number of round trips follows the number of reads divided by 20 rather than the reads.
 * A sub-request that fails for a passing reason is retried on its own; a `Retry-After`
 * pauses every read of the tenant (see ThrottleGate). Counts each read by operation.
 */
export class GraphCaller {
  /** Reads by operation, retries included; `$batch` counts the round trips that carried them. */
  readonly apiCalls: Record<string, number> = {};
  readonly errors: CollectionError[] = [];
  private readonly waiting: Record<CallLane, Waiting[]> = { tenant: [], resource: [] };
  /** `$batch` requests taking their reads or on the wire: at most `concurrency`. */
  private active = 0;
  /** Of those, the ones still to take their reads: one per 20 waiting reads is enough. */
  private taking = 0;

  constructor(
    private readonly send: SendBatch,
    /** `https://graph.microsoft.com/v1.0`: stripped from nextLinks to make them batchable. */
    private readonly versionRoot: string,
    private readonly gate: ThrottleGate,
    private readonly concurrency: number,
    private readonly retry: RetryTuning = DEFAULT_RETRY,
  ) {
    this.capacity = concurrency * BATCH_LIMIT;
  }

  /** Reads on the wire at once when every slot carries a full `$batch`. */
  readonly capacity: number;

  /** Counts one HTTP round trip; the connection calls it for every attempt, the Graph client's retries included. */
  countRoundTrip(): void {
    this.apiCalls.$batch = (this.apiCalls.$batch ?? 0) + 1;
  }

  /**
   * One GET (a path relative to the version root), retried while the failure is a passing
   * one: throttled, unavailable, or an answer cut short or malformed on the way. The backoff
   * doubles from `minTimeoutMs`; a `Retry-After` was already waited out at the gate.
   */
  async get<T>(operation: GraphOperation, url: string, lane: CallLane | ReadOptions = "tenant"): Promise<T> {
    const opts: ReadOptions = typeof lane === "string" ? { lane } : lane;
    for (let attempt = 0; ; attempt++) {
      try {
        const body = await this.once<T>(operation, url, opts.lane ?? "tenant", opts.headers);
        opts.check?.(body);
        return body;
      } catch (err) {
        if (attempt >= this.retry.retries || !isTransient(err)) throw err;
        await sleep(this.retry.minTimeoutMs * 2 ** attempt);
      }
    }
  }

  /**
   * Every page of a collection, following `@odata.nextLink`. With `each`, every item is turned
   * into what the scan keeps as its page arrives, so no raw page outlives the next read.
   */
  async list<T, R = T>(operation: GraphOperation, url: string, lane: CallLane = "tenant", each?: (item: T) => R): Promise<R[]> {
    const all: R[] = [];
    for (let next: string | undefined = url; next !== undefined;) {
      const page: Page<T> = await this.get<Page<T>>(operation, next, { lane, check: (body) => {
        if (!Array.isArray((body as Page<T>).value)) throw malformed(operation, "a collection without `value`");
      } });
      for (const item of page.value!) all.push(each ? each(item) : item as unknown as R);
      next = page["@odata.nextLink"] === undefined ? undefined : this.relative(operation, page["@odata.nextLink"]);
    }
    return all;
  }

  /** A nextLink or deltaLink made relative to the version root, as `$batch` needs it. */
  relative(operation: GraphOperation, link: string): string {
    if (link.startsWith("/")) return link;
    if (!link.startsWith(`${this.versionRoot}/`)) throw malformed(operation, `a link outside ${this.versionRoot}: ${link.slice(0, 120)}`);
    return link.slice(this.versionRoot.length);
  }

  /** Runs `work` and records its outcome as a Fact. */
  async fact<T>(operation: GraphOperation, work: () => Promise<T>): Promise<Fact<T>> {
    try {
      return collected(await work());
    } catch (err) {
      return this.failure(operation, err);
    }
  }

  /** A failed Fact; the scan's error list keeps each distinct failure once, however many users or drives it hit. */
  failure(operation: GraphOperation, err: unknown): { readonly ok: false; readonly error: CollectionError } {
    const error = toCollectionError(operation, err);
    const seen = this.errors.some((e) => e.operation === error.operation && e.code === error.code && e.message === error.message);
    if (!seen) this.errors.push(error);
    return { ok: false, error };
  }

  private once<T>(operation: GraphOperation, url: string, lane: CallLane, headers?: Record<string, string>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting[lane].push({ operation, url, headers, resolve: resolve as (body: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Starts a `$batch` while a slot is free and reads wait that no starting one will take.
   * `arrived`: a slot was just freed by an answer to resource reads, before it is parsed.
   */
  private pump(arrived = false): void {
    while (this.active < this.concurrency && this.waiting.tenant.length + this.waiting.resource.length > this.taking * BATCH_LIMIT) {
      // A full `$batch` already waits beyond what the starting ones will take: waiting a turn
      // for more reads could not fill it further, and the wire would stay idle while other
      // answers of that turn are parsed.
      const full = arrived && this.waiting.tenant.length + this.waiting.resource.length >= (this.taking + 1) * BATCH_LIMIT;
      this.active++;
      this.taking++;
      let released = false;
      const release = (arrivedAnswer = false) => {
        if (released) return;
        released = true;
        this.active--;
        this.pump(arrivedAnswer);
      };
      void this.flush(release, full).finally(release);
    }
  }

  /**
   * Takes whatever waits (tenant lane first) into one `$batch`; a no-op when earlier flushes took
   * it all. Once an answer to resource reads alone has arrived, `release` frees the slot, so the
   * next `$batch` is on its way while this one is parsed and its reads go on. An answer that
   * carries tenant reads frees it once their chains have asked for what follows, before its
   * resource reads go on. Never rejects.
   */
  private async flush(release: (arrivedAnswer?: boolean) => void, full: boolean): Promise<void> {
    // Reads asked for in the same tick travel together: those that answers just resolved ask
    // for once their promise chains have run (a listing's next page). Not a turn of the event
    // loop, which would queue this `$batch` behind the other answers waiting to be parsed.
    if (!full) await settled();
    this.taking--;
    const batch = [...this.waiting.tenant.splice(0, BATCH_LIMIT)];
    const tenantReads = batch.length;
    batch.push(...this.waiting.resource.splice(0, BATCH_LIMIT - batch.length));
    if (batch.length === 0) return;
    try {
      await this.gate.ready();
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (const w of batch) this.apiCalls[w.operation] = (this.apiCalls[w.operation] ?? 0) + 1;

    let answer: BatchResponseBody;
    try {
      const arrived = await this.send({ requests: batch.map((w, i) => ({ id: String(i + 1), method: "GET", url: w.url, headers: w.headers })) });
      // Tenant-wide reads are chains (a listing's next page, the reads its answer decides): their
      // answer is read before the slot is freed, so what follows rides in the slot's next `$batch`.
      if (tenantReads === 0) {
        release(true);
        // The next `$batch` (taken on the turn just queued ahead of this one) is written out first.
        await nextTurn();
      }
      answer = arrived.read();
    } catch (err) {
      for (const w of batch) w.reject(envelopeError(w.operation, err));
      return;
    }
    // An envelope that parsed but is not a batch answer fails each read as malformed: retried, then error.
    const byRequest = answersByRequest(answer, batch.length);
    // The slot is still held for the tenant reads' sake: their chains go on first and the slot is
    // freed for their next reads, while the resource reads' answers wait until that `$batch` has
    // left (their jobs take a few ms, which the chain would otherwise wait out every page).
    const later: [Waiting, unknown][] = [];
    batch.forEach((w, i) => {
      const r = byRequest[i];
      if (r === undefined) {
        w.reject(malformed(w.operation, "the $batch answer has no response for this request"));
        return;
      }
      if (r.status >= 200 && r.status < 300) {
        // Every read cloud15 makes answers a JSON object; anything else was cut short or mangled.
        if (typeof r.body !== "object" || r.body === null || Array.isArray(r.body)) w.reject(malformed(w.operation, "a body that is not a JSON object"));
        else if (tenantReads > 0 && i >= tenantReads) later.push([w, r.body]);
        else w.resolve(r.body);
        return;
      }
      const headers = lowerCaseKeys(r.headers);
      const wait = retryAfterMs(headers["retry-after"]);
      if (wait !== undefined && (r.status === 429 || r.status === 503)) this.gate.hold(wait);
      const error = (r.body as { error?: { code?: string; message?: string } } | undefined)?.error;
      w.reject(new GraphCallError(w.operation, r.status, error?.code ?? `HTTP${r.status}`, error?.message ?? `HTTP ${r.status}`,
        wait, headers.location));
    });
    if (later.length === 0) return;
    release();
    await nextTurn();
    for (const [w, body] of later) w.resolve(body);
  }
}

type SubResponse = NonNullable<BatchResponseBody["responses"]>[number];

/**
 * The sub-responses in the order of the requests (ids "1" to "n", answered in any order);
 * undefined where none came back. Anything in the envelope that is not an answer is ignored.
 */
function answersByRequest(answer: BatchResponseBody, count: number): (SubResponse | undefined)[] {
  const byRequest = new Array<SubResponse | undefined>(count).fill(undefined);
  const responses = Array.isArray(answer?.responses) ? answer.responses : [];
  // The last of two answers with one id counts, as it did when they were looked up by id.
  for (const r of responses) {
    if (typeof r !== "object" || r === null) continue;
    const id = String(r.id);
    const index = Number(id) - 1;
    // Only the exact spelling we sent ("1", not "01" or "1.0") names a request.
    if (index >= 0 && index < count && String(index + 1) === id) byRequest[index] = r;
  }
  return byRequest;
}

/** Resolves once the microtasks queued so far, and those they queue, have run: before any I/O or timer. */
function settled(): Promise<void> {
  return new Promise((resolve) => process.nextTick(resolve));
}

export function malformed(operation: GraphOperation, what: string): GraphCallError {
  return new GraphCallError(operation, 200, MALFORMED, `Graph answered ${what}`);
}

/** The whole `$batch` failed: each request it carried fails the same way. */
function envelopeError(operation: GraphOperation, err: unknown): unknown {
  if (err instanceof GraphCallError || (err as Error)?.name === "Throttled") return err;
  if (err instanceof GraphHttpError) {
    // A 2xx that is not JSON (a body cut short): the answer is malformed, not a refusal.
    if (err.status >= 200 && err.status < 300) return malformed(operation, `a $batch body that is not JSON (${err.message})`.slice(0, 200));
    return new GraphCallError(operation, err.status, err.code, err.message, err.retryAfterMs);
  }
  const e = err as { message?: string; name?: string };
  return new GraphCallError(operation, 0, e?.name ?? "NetworkError", e?.message ?? String(err));
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}
