import https from "node:https";
import { AzureAuthorityHosts, ClientCertificateCredential, ClientSecretCredential, type AccessToken, type TokenCredential } from "@azure/identity";
import {
  AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, RetryHandler, RetryHandlerOptions, TelemetryHandler,
  type AuthenticationProvider, type Context, type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
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
const KNOWN_AUTHORITIES = new Set<string>(Object.values(AzureAuthorityHosts));

export interface GraphConnection {
  client: Client;
  credential: TokenCredential;
  scope: string;
  /**
   * Why OpenID discovery failed, read straight from the authority: MSAL reports every such
   * failure (unknown tenant, untrusted certificate, unreachable host) as one opaque code.
   */
  diagnoseSignIn(): Promise<{ code: string; message: string } | undefined>;
  destroy(): void;
}

/**
 * The Graph client the provider uses: app-only token from @azure/identity, the client's own
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
  const scope = `${origin}/.default`;
  const credential = tokenCredential(config, secrets, tuning.caCertificatePem);
  const agent = new https.Agent({
    keepAlive: true,
    // Headers and body leave as separate writes; with Nagle on, each round trip waits for a delayed ACK.
    noDelay: true,
    maxSockets: tuning.maxSockets,
    ...(tuning.caCertificatePem ? { ca: tuning.caCertificatePem } : {}),
  });
  const retry = new RetryHandlerOptions(1, tuning.maxRetries, (_delay, _attempt, _request, _options, response) => {
    // A wait past the run's deadline is left to the checkpoint instead of slept through.
    const wait = retryAfterMs(response.headers.get("Retry-After"));
    return wait === undefined || gate.fits(wait);
  });
  const client = Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler(new ReusedToken(credential, scope)),
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
  const discovery = `${new URL(config.authorityHost ?? "https://login.microsoftonline.com").origin}/${encodeURIComponent(config.tenantId)}/v2.0/.well-known/openid-configuration`;
  return {
    client, credential, scope,
    diagnoseSignIn: () => diagnoseDiscovery(discovery, agent, tuning.requestTimeoutMs),
    destroy: () => agent.destroy(),
  };
}

function diagnoseDiscovery(url: string, agent: https.Agent, timeoutMs: number): Promise<{ code: string; message: string } | undefined> {
  return new Promise((resolve) => {
    const req = https.get(url, { agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => { body += chunk; });
      res.on("end", () => {
        if (res.statusCode === 200) return resolve(undefined);
        let description = `HTTP ${res.statusCode}`;
        try {
          description = (JSON.parse(body) as { error_description?: string }).error_description ?? description;
        } catch {
          // Not Entra's JSON: the status says enough.
        }
        resolve({ code: /AADSTS\d+/.exec(description)?.[0] ?? `HTTP${res.statusCode}`, message: `${url}: ${description}` });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "TimeoutError" })));
    req.on("error", (err: NodeJS.ErrnoException) => resolve({ code: err.code ?? err.name, message: `${url}: ${err.message}` }));
  });
}

function tokenCredential(config: MicrosoftTenantConfig, secrets: MicrosoftSecrets, ca: string | undefined): TokenCredential {
  const authorityHost = config.authorityHost;
  const options = {
    ...(authorityHost ? { authorityHost } : {}),
    // Instance discovery asks login.microsoftonline.com about the authority: only known clouds answer.
    ...(authorityHost && !KNOWN_AUTHORITIES.has(new URL(authorityHost).origin) ? { disableInstanceDiscovery: true } : {}),
    ...(ca ? { tlsOptions: { ca } } : {}),
  };
  if (secrets.certificatePem) {
    return new ClientCertificateCredential(config.tenantId, config.clientId, { certificate: secrets.certificatePem }, options);
  }
  if (secrets.clientSecret) return new ClientSecretCredential(config.tenantId, config.clientId, secrets.clientSecret, options);
  throw new Error("no client secret or certificate to sign in with");
}

/**
 * The app's token for every request until five minutes before it expires. The client asks
 * for it once per request; MSAL's own cache answers too, but at a cost that, over thousands
 * of batches, is a good part of the scan's CPU time.
 */
class ReusedToken implements AuthenticationProvider {
  private token?: AccessToken;
  private pending?: Promise<AccessToken>;

  constructor(private readonly credential: TokenCredential, private readonly scope: string) {}

  async getAccessToken(): Promise<string> {
    if (this.token && this.token.expiresOnTimestamp - Date.now() > 300_000) return this.token.token;
    this.pending ??= this.credential.getToken(this.scope)
      .then((token) => {
        if (!token) throw new Error("@azure/identity returned no access token");
        this.token = token;
        return token;
      })
      .finally(() => { this.pending = undefined; });
    return (await this.pending).token;
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

  execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const options = context.options ?? {};
    const headers = new Headers(options.headers as HeadersInit | undefined);
    const body = typeof options.body === "string" ? options.body : undefined;
    if (body !== undefined) headers.set("content-length", String(Buffer.byteLength(body)));
    return new Promise<void>((resolve, reject) => {
      const req = https.request(url, {
        method: options.method ?? "GET",
        headers: Object.fromEntries(headers),
        agent: this.agent,
      }, (res) => {
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
          context.response = new Response(noBody ? null : Buffer.concat(chunks), { status, headers: responseHeaders });
          resolve();
        });
      });
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(Object.assign(new Error(`no answer within ${this.timeoutMs} ms`), { name: "TimeoutError" }));
      });
      req.on("error", reject);
      req.end(body);
    });
  }
}
