import https from "node:https";
import {
  AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, RetryHandler, RetryHandlerOptions, TelemetryHandler,
  type AuthenticationProvider, type Context, type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
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
  /** Retries the Graph client makes by itself for a throttled or unavailable `$batch`. */
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

export interface GraphConnection {
  client: Client;
  /** The app-only token every request uses: from Entra ID on the first call and shortly before it expires. */
  signIn(): Promise<AppToken>;
  destroy(): void;
}

/**
 * The Graph client the provider uses: app-only token (sign-in.ts), the client's own
 * middleware (token, retry after `Retry-After`, redirects, telemetry), one observer that
 * shares every `Retry-After` with the whole scan, and an https transport with a keep-alive
 * pool and a timeout (global fetch has neither, and cannot trust an extra CA per client).
 */
export function connectGraph(
  config: MicrosoftTenantConfig,
  secrets: MicrosoftSecrets,
  gate: ThrottleGate,
  tuning: ConnectionTuning,
  /** Called for every HTTP round trip to Graph, the Graph client's own retries included. */
  onRoundTrip: () => void = () => {},
): GraphConnection {
  const origin = new URL(config.graphUrl ?? GRAPH_PUBLIC_CLOUD).origin;
  const agent = new https.Agent({
    keepAlive: true,
    // Headers and body leave as separate writes; with Nagle on, each round trip waits for a delayed ACK.
    noDelay: true,
    maxSockets: tuning.maxSockets,
    ...(tuning.caCertificatePem ? { ca: tuning.caCertificatePem } : {}),
  });
  const token = new ReusedToken(appSignIn(config, secrets, `${origin}/.default`, (url, init) => httpsFetch(agent, tuning.requestTimeoutMs, url, init)));
  const retry = new RetryHandlerOptions(1, tuning.maxRetries, (_delay, _attempt, _request, _options, response) => {
    // A wait past the run's deadline is left to the checkpoint instead of slept through.
    const wait = retryAfterMs(response.headers.get("Retry-After"));
    return wait === undefined || gate.fits(wait);
  });
  const client = Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler(token),
      new RetryHandler(retry),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      new RoundTripObserver(gate, onRoundTrip),
      new HttpsTransport(agent, tuning.requestTimeoutMs),
    ],
    baseUrl: `${origin}/`,
    defaultVersion: "v1.0",
    // The client sends the token only to Graph's own hosts and these: bare host names, no port.
    customHosts: new Set([new URL(origin).hostname]),
  });
  return { client, signIn: () => token.current(), destroy: () => agent.destroy() };
}

/** The app's token for every request until its `refreshAt`; one sign-in at a time. */
class ReusedToken implements AuthenticationProvider {
  private token?: AppToken;
  private pending?: Promise<AppToken>;

  constructor(private readonly signIn: () => Promise<AppToken>) {}

  async getAccessToken(): Promise<string> {
    return (await this.current()).token;
  }

  current(): Promise<AppToken> {
    if (this.token && Date.now() < this.token.refreshAt) return Promise.resolve(this.token);
    this.pending ??= this.signIn()
      .then((token) => { this.token = token; return token; })
      .finally(() => { this.pending = undefined; });
    return this.pending;
  }
}

/** Sees every attempt, the ones the RetryHandler repeats included: counts it, and pauses the whole scan on a throttle. */
class RoundTripObserver implements Middleware {
  private next?: Middleware;

  constructor(private readonly gate: ThrottleGate, private readonly onRoundTrip: () => void) {}

  async execute(context: Context): Promise<void> {
    this.onRoundTrip();
    await this.next!.execute(context);
    const status = context.response?.status;
    if (status === 429 || status === 503) {
      const wait = retryAfterMs(context.response!.headers.get("Retry-After"));
      if (wait !== undefined) this.gate.hold(wait);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The last link of the chain: one https request per attempt, answered as a fetch Response. */
class HttpsTransport implements Middleware {
  constructor(private readonly agent: https.Agent, private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const options = context.options ?? {};
    context.response = await httpsFetch(this.agent, this.timeoutMs, url, {
      method: options.method ?? "GET",
      headers: new Headers(options.headers as HeadersInit | undefined),
      ...(typeof options.body === "string" ? { body: options.body } : {}),
    });
  }
}

/** One request over the pool, with a timeout (global fetch has neither, nor a CA of its own per client). */
export const httpsFetch = (agent: https.Agent, timeoutMs: number, url: string, init: { method: string; headers: Headers; body?: string }): Promise<Response> =>
  new Promise<Response>((resolve, reject) => {
    const { headers, body } = init;
    if (body !== undefined) headers.set("content-length", String(Buffer.byteLength(body)));
    const req = https.request(url, { method: init.method, headers: Object.fromEntries(headers), agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const status = res.statusCode ?? 0;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        const noBody = status === 204 || status === 304;
        resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
      });
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: "TimeoutError" }));
    });
    req.on("error", reject);
    req.end(body);
  });
