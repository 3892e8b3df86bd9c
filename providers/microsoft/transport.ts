import https from "node:https";
import type { IncomingHttpHeaders } from "node:http";
import { randomUUID } from "node:crypto";
import { createSecureContext } from "node:tls";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
import type { ArrivedBatch, BatchRequestBody, BatchResponseBody } from "./caller.ts";
import { PreconnectingAgent } from "./preconnecting-agent.ts";
import { appSignIn, type AppToken } from "./sign-in.ts";
import { retryAfterMs, type ThrottleGate } from "./throttle.ts";

/** What the caller hands in to sign in: the secret values, never read from the config file. */
export interface MicrosoftSecrets {
  clientSecret?: string;
  /** PEM holding the private key and the certificate registered on the app. */
  certificatePem?: string;
}

export interface ConnectionTuning {
  /** A request that gets no answer within this many ms fails. */
  requestTimeoutMs: number;
  maxSockets: number;
  /** Times a `$batch` that Graph throttled with a `Retry-After` is sent again, after that wait. */
  maxRetries: number;
  /** A CA to trust for the token and Graph hosts on top of the system's (the simulator's self-signed one). */
  caCertificatePem?: string;
}

export const GRAPH_PUBLIC_CLOUD = "https://graph.microsoft.com";

/** `https://graph.microsoft.com/v1.0`: what every nextLink starts with. */
export function graphVersionRoot(config: Pick<MicrosoftTenantConfig, "graphUrl">): string {
  return `${new URL(config.graphUrl ?? GRAPH_PUBLIC_CLOUD).origin}/v1.0`;
}
/** `https://graph.microsoft.com/beta`: for the few reads Graph has in beta only. */
export function graphBetaRoot(config: Pick<MicrosoftTenantConfig, "graphUrl">): string {
  return `${new URL(config.graphUrl ?? GRAPH_PUBLIC_CLOUD).origin}/beta`;
}

/** A `$batch` that did not come back as a batch answer: Graph's refusal of the whole envelope, or no answer (status 0). */
export class GraphHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = "GraphHttpError";
  }
}

export interface GraphTransport {
  /** One `$batch` of reads: every attempt counted, a throttled envelope sent again after its `Retry-After`. */
  batch(version: "v1.0" | "beta", body: BatchRequestBody): Promise<ArrivedBatch>;
  /** The app-only token every request uses: from Entra ID on the first call and shortly before it expires. */
  signIn(): Promise<AppToken>;
  /**
   * Opens this many connections to Graph once the sign-in request has left (at once if it has):
   * their handshakes run while the token is on its way, not before the sign-in's own. Sends nothing.
   */
  preconnect(connections: number): void;
  agent: https.Agent;
  destroy(): void;
}

/**
 * The scan's line to Graph: the app-only token (sign-in.ts) and an https keep-alive pool with
 * a timeout (global fetch has neither, and cannot trust an extra CA per client). Every read
 * travels in a `$batch` (caller.ts), so one POST is all the transport does: no SDK request
 * builder, middleware chain or fetch Response per round trip, and one JSON parse per answer,
 * left to the caller so that the next `$batch` leaves before it.
 */
export function openGraphTransport(
  config: MicrosoftTenantConfig,
  secrets: MicrosoftSecrets,
  gate: ThrottleGate,
  tuning: ConnectionTuning,
  /** Called for every HTTP round trip to Graph, the envelope's retries included. */
  onRoundTrip: () => void = () => {},
): GraphTransport {
  const origin = new URL(config.graphUrl ?? GRAPH_PUBLIC_CLOUD).origin;
  const agent = new PreconnectingAgent({
    keepAlive: true,
    // Headers and body leave as separate writes; with Nagle on, each round trip waits for a delayed ACK.
    noDelay: true,
    maxSockets: tuning.maxSockets,
    // One TLS context for every connection: given only the CA, each connection would build its own.
    ...(tuning.caCertificatePem ? { secureContext: createSecureContext({ ca: tuning.caCertificatePem }) } : {}),
  });
  let signInSent = false;
  let preconnect = 0;
  const tokenSent = (tokenUrl: string) => {
    signInSent = true;
    // Where one host serves both (the simulator), the sign-in's own connection is the first for Graph.
    agent.preconnect(origin, new URL(tokenUrl).origin === origin ? preconnect - 1 : preconnect);
    preconnect = 0;
  };
  const token = new ReusedToken(appSignIn(config, secrets, `${origin}/.default`,
    (url, init) => httpsRequest(agent, tuning.requestTimeoutMs, url, { method: "POST", ...init }, () => tokenSent(url))));

  const batchTargets = { "v1.0": requestTarget(`${origin}/v1.0/$batch`), beta: requestTarget(`${origin}/beta/$batch`) };

  async function batch(version: "v1.0" | "beta", body: BatchRequestBody): Promise<ArrivedBatch> {
    const payload = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      const headers = {
        authorization: `Bearer ${(await token.current()).token}`,
        "content-type": "application/json",
        accept: "application/json",
        // Graph's support asks for it to find a request in its logs.
        "client-request-id": randomUUID(),
      };
      onRoundTrip();
      let answer: RawAnswer;
      try {
        answer = await httpsRequest(agent, tuning.requestTimeoutMs, batchTargets[version], { method: "POST", headers, body: payload });
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        throw new GraphHttpError(0, e.name === "TimeoutError" ? e.name : e.code ?? e.name ?? "NetworkError", e.message ?? String(err));
      }
      const wait = retryAfterMs(header(answer.headers, "retry-after"));
      const throttled = answer.status === 429 || answer.status === 503;
      // Graph throttles per app and tenant: the pause holds every read of the scan.
      if (throttled && wait !== undefined) gate.hold(wait);
      if (throttled && wait !== undefined && attempt < tuning.maxRetries && gate.fits(wait)) {
        await gate.ready();
        continue;
      }
      return { read: () => batchAnswer(answer, wait) };
    }
  }

  return {
    batch,
    signIn: () => token.current(),
    preconnect: (connections) => {
      if (signInSent) agent.preconnect(origin, connections);
      else preconnect = connections;
    },
    agent,
    destroy: () => agent.destroy(),
  };
}

/** The parsed batch answer, or the envelope's failure as Graph described it. */
function batchAnswer(answer: RawAnswer, retryAfter: number | undefined): BatchResponseBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch (err) {
    if (answer.status >= 200 && answer.status < 300) throw new GraphHttpError(answer.status, "MalformedResponse", (err as Error).message);
  }
  if (answer.status >= 200 && answer.status < 300) return parsed as BatchResponseBody;
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === "string" ? error.code : `HTTP${answer.status}`;
  const message = typeof error?.message === "string" ? error.message : `HTTP ${answer.status}`;
  throw new GraphHttpError(answer.status, code, message, retryAfter);
}

/** The app's token for every request until its `refreshAt`; one sign-in at a time. */
class ReusedToken {
  private token?: AppToken;
  private pending?: Promise<AppToken>;

  constructor(private readonly signIn: () => Promise<AppToken>) {}

  current(): Promise<AppToken> {
    if (this.token && Date.now() < this.token.refreshAt) return Promise.resolve(this.token);
    this.pending ??= this.signIn()
      .then((token) => { this.token = token; return token; })
      .finally(() => { this.pending = undefined; });
    return this.pending;
  }
}

/** An answer read whole: its status, headers and body as text. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Graph and Entra answer in UTF-8 JSON. */
  body: string;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Where a request goes, parsed once: a scan sends hundreds of `$batch` requests to the same URL. */
export interface RequestTarget {
  hostname: string;
  port: string;
  path: string;
}

export function requestTarget(url: string): RequestTarget {
  const u = new URL(url);
  return { hostname: u.hostname.replace(/^\[|\]$/g, ""), port: u.port, path: `${u.pathname}${u.search}` };
}

/**
 * One request over the pool, with a timeout; the whole answer as text. `onSent`: the request has
 * left whole. The bytes are decoded once the answer is whole: decoding each chunk as it arrived
 * made a string per chunk and then one more when JSON.parse joined them, ~18 MB more garbage in
 * the young generation on the benchmark's first scan (17 MB of answers).
 */
export function httpsRequest(
  agent: https.Agent, timeoutMs: number, url: string | RequestTarget, init: { method: string; headers: Record<string, string>; body?: string }, onSent?: () => void,
): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const headers = init.body === undefined ? init.headers : { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) };
    const target = typeof url === "string" ? requestTarget(url) : url;
    const req = https.request({ ...target, method: init.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      res.on("data", (chunk: Buffer) => { chunks.push(chunk); length += chunk.length; });
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: wholeText(chunks, length) }));
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: "TimeoutError" }));
    });
    req.on("error", reject);
    if (onSent) req.once("finish", onSent);
    req.end(init.body);
  });
}

/** Answers up to this size are joined in one buffer kept for the next answer; a larger one gets its own. */
const KEPT_BUFFER_BYTES = 1024 * 1024;
let kept = Buffer.allocUnsafeSlow(0);

/**
 * An answer's chunks as one UTF-8 text. Buffer.concat gave every answer a buffer of its own, and
 * writing into new memory costs more than the copy (page faults): the benchmark's first scan
 * spent 45-66 ms joining and decoding its 17 MB of answers, 38-39 ms through one kept buffer.
 * Decoding is synchronous, so two answers never use it at once.
 */
function wholeText(chunks: Buffer[], length: number): string {
  if (chunks.length === 1) return chunks[0]!.toString("utf8");
  if (length > KEPT_BUFFER_BYTES) return Buffer.concat(chunks, length).toString("utf8");
  if (kept.length < length) kept = Buffer.allocUnsafeSlow(Math.min(KEPT_BUFFER_BYTES, Math.max(length, 2 * kept.length, 64 * 1024)));
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(kept, at);
  return kept.toString("utf8", 0, length);
}
