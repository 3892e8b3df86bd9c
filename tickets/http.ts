import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import pkg from "../package.json" with { type: "json" };
import { errorText, trackerRefusal } from "./error-text.ts";
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from "./retry.ts";
import { ForbiddenAddressError, guardedLookup, literalAddressProblem, type AddressPolicy } from "./tracker-url.ts";

const USER_AGENT = `cloud15/${pkg.version}`;

export interface TrackerRequest {
  method: "GET" | "POST" | "PUT" | "PATCH";
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Whether sending it twice does no harm. One that is not (a new ticket, a comment) is retried
   * only when the tracker surely did not act on it: a 429, or a connection it refused.
   */
  idempotent: boolean;
}

export interface TrackerResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A tracker request that failed. The message names the method and path, never the query
 * (Backlog's API key travels there) nor any secret the adapter registered; a refusal is cut
 * to its status and a short reason (error-text.ts).
 */
export class TrackerError extends Error {
  override name = "TrackerError";
  constructor(
    message: string,
    readonly status: number | undefined,
    /** The tracker may well take it on another try: network trouble, 408, 429, 5xx. */
    readonly transient: boolean,
    /** Nothing reached the tracker, or it refused to act (429): safe to send again whatever the request. */
    readonly notActedOn: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface TrackerHttpOptions {
  retry?: RetryPolicy;
  /** Per request: how long a connection may sit without an answer. */
  timeoutMs?: number;
  /** The target's `allowPrivateNetwork`: private and loopback addresses may be called. */
  allowPrivateNetwork?: boolean;
}

/** Answers bigger than this are not tracker API answers worth reading. */
const MAX_BODY = 8 * 1024 * 1024;

/**
 * The one way cloud15 talks to trackers: node:http(s) with the address guard on every
 * connection, no redirects followed (a redirect could lead anywhere), a timeout, and the retry
 * policy. `secrets` are blanked out of every error message.
 */
export class TrackerHttp {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly addresses: AddressPolicy;

  constructor(private readonly secrets: readonly string[], opts: TrackerHttpOptions = {}) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.timeoutMs = opts.timeoutMs ?? 20_000;
    this.addresses = { allowPrivateNetwork: opts.allowPrivateNetwork === true };
  }

  send(req: TrackerRequest): Promise<TrackerResponse> {
    return withRetry(() => this.once(req), this.retry, (error) => {
      if (!(error instanceof TrackerError)) return { retryable: false };
      const retryable = error.transient && (req.idempotent || error.notActedOn);
      return { retryable, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) };
    });
  }

  async json<T>(req: TrackerRequest): Promise<T> {
    const res = await this.send(req);
    try {
      return JSON.parse(res.body) as T;
    } catch {
      throw new TrackerError(`${describe(req)}: HTTP ${res.status} with a body that is not JSON`, res.status, false, false);
    }
  }

  private once(req: TrackerRequest): Promise<TrackerResponse> {
    const problem = literalAddressProblem(req.url, this.addresses);
    if (problem) return Promise.reject(new TrackerError(`${describe(req)}: refused: ${problem}`, undefined, false, true));
    const plainHttp = req.url.protocol === "http:";
    const send = plainHttp ? httpRequest : httpsRequest;
    const headers: Record<string, string> = { "user-agent": USER_AGENT, ...req.headers };
    if (req.body !== undefined) headers["content-length"] = String(Buffer.byteLength(req.body));
    const options: RequestOptions = { method: req.method, headers, lookup: guardedLookup(plainHttp, this.addresses), timeout: this.timeoutMs };

    return new Promise<TrackerResponse>((resolve, reject) => {
      let sent = false;
      const request = send(req.url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) request.destroy(new Error("answer too large"));
          else chunks.push(chunk);
        });
        res.on("error", (error) => reject(this.networkError(req, error, true)));
        res.on("end", () => {
          const response = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") };
          if (response.status >= 200 && response.status < 300) resolve(response);
          else reject(this.httpError(req, response));
        });
      });
      request.on("timeout", () => request.destroy(Object.assign(new Error("no answer in time"), { code: "ETIMEDOUT" })));
      request.on("finish", () => { sent = true; });
      request.on("error", (error) => reject(this.networkError(req, error, sent)));
      request.end(req.body);
    });
  }

  private httpError(req: TrackerRequest, res: TrackerResponse): TrackerError {
    // The tracker's clock is the wall clock, whatever clock the outbox is scheduled by.
    const retryAfterMs = retryAfter(res, new Date());
    const rateLimited = res.status === 429 || (res.status === 403 && retryAfterMs !== undefined);
    const transient = rateLimited || res.status === 408 || res.status >= 500;
    // Registered secrets go first, while whole: a cut could leave part of one behind.
    const message = errorText(`${describe(req)}: ${trackerRefusal(res.status, this.redact(res.body))}`);
    return new TrackerError(message, res.status, transient, rateLimited, retryAfterMs);
  }

  private networkError(req: TrackerRequest, error: Error, sent: boolean): TrackerError {
    if (error instanceof ForbiddenAddressError) return new TrackerError(`${describe(req)}: refused: ${error.message}`, undefined, false, true);
    const code = (error as NodeJS.ErrnoException).code;
    // A refused connection never reached the tracker; anything after sending may have.
    const notActedOn = code === "ECONNREFUSED" || code === "ENOTFOUND" || !sent;
    return new TrackerError(errorText(this.redact(`${describe(req)}: ${code ?? error.message}`)), undefined, true, notActedOn);
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (secret.length >= 4) out = out.split(secret).join("[secret]");
    return out;
  }
}

function describe(req: TrackerRequest): string {
  return `${req.method} ${req.url.host}${req.url.pathname}`;
}

/**
 * How long the tracker asks to wait: `Retry-After` (seconds or an HTTP date; Jira, GitHub's
 * secondary limits), else an exhausted `X-RateLimit-Reset` in epoch seconds (GitHub's primary
 * limit, Backlog).
 */
function retryAfter(res: TrackerResponse, now: Date): number | undefined {
  const header = res.headers["retry-after"];
  if (typeof header === "string" && header.trim() !== "") {
    if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
    const at = Date.parse(header);
    if (!Number.isNaN(at)) return Math.max(0, at - now.getTime());
  }
  const reset = res.headers["x-ratelimit-reset"];
  const remaining = res.headers["x-ratelimit-remaining"];
  if (typeof reset === "string" && /^\d+$/.test(reset) && (res.status === 429 || remaining === "0")) {
    return Math.max(0, Number(reset) * 1000 - now.getTime());
  }
  return undefined;
}

/** `base` + `path`, keeping a path prefix in the base (Redmine under /redmine). */
export function endpoint(base: string, path: string, query: Record<string, string | string[]> = {}): URL {
  const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : `${base}/`);
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
  }
  return url;
}
