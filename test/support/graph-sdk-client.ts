import {
  AuthenticationHandler, Client, RedirectHandler, RedirectHandlerOptions, RetryHandler, RetryHandlerOptions, TelemetryHandler,
  type Context, type Middleware,
} from "@microsoft/microsoft-graph-client";
import type https from "node:https";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
import {
  GRAPH_PUBLIC_CLOUD, header, httpsRequest, openGraphTransport, type ConnectionTuning, type GraphTransport, type MicrosoftSecrets,
} from "../../providers/microsoft/transport.ts";
import { retryAfterMs, type ThrottleGate } from "../../providers/microsoft/throttle.ts";

export interface GraphConnection {
  client: Client;
  signIn: GraphTransport["signIn"];
  destroy(): void;
}

/**
 * Microsoft's own Graph client over the scan's transport (its token and https pool), with the
 * client's middleware (token, retry after `Retry-After`, redirects, telemetry) and one observer
 * that shares every `Retry-After` with the gate. The scan does not use it (transport.ts sends
 * its `$batch` requests directly); the simulator's tests do, to show that the simulator answers
 * the official client as Graph does.
 */
export function connectGraph(
  config: MicrosoftTenantConfig,
  secrets: MicrosoftSecrets,
  gate: ThrottleGate,
  tuning: ConnectionTuning,
): GraphConnection {
  const origin = new URL(config.graphUrl ?? GRAPH_PUBLIC_CLOUD).origin;
  const transport = openGraphTransport(config, secrets, gate, tuning);
  const retry = new RetryHandlerOptions(1, tuning.maxRetries, (_delay, _attempt, _request, _options, response) => {
    const wait = retryAfterMs(response.headers.get("Retry-After"));
    return wait === undefined || gate.fits(wait);
  });
  const client = Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler({ getAccessToken: async () => (await transport.signIn()).token }),
      new RetryHandler(retry),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      new ThrottleObserver(gate),
      new HttpsTransport(transport.agent, tuning.requestTimeoutMs),
    ],
    baseUrl: `${origin}/`,
    defaultVersion: "v1.0",
    // The client sends the token only to Graph's own hosts and these: bare host names, no port.
    customHosts: new Set([new URL(origin).hostname]),
  });
  return { client, signIn: transport.signIn, destroy: transport.destroy };
}

/** Sees every attempt, the ones the RetryHandler repeats included, and pauses everything at the gate on a throttle. */
class ThrottleObserver implements Middleware {
  private next?: Middleware;

  constructor(private readonly gate: ThrottleGate) {}

  async execute(context: Context): Promise<void> {
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

/** A request over the scan's https pool answered as a fetch Response, as the Graph client's middleware expects. */
async function httpsFetch(agent: https.Agent, timeoutMs: number, url: string, init: { method: string; headers: Headers; body?: string }): Promise<Response> {
  const answer = await httpsRequest(agent, timeoutMs, url, { method: init.method, headers: Object.fromEntries(init.headers), ...(init.body !== undefined ? { body: init.body } : {}) });
  const headers = new Headers();
  for (const name of Object.keys(answer.headers)) {
    const value = header(answer.headers, name);
    if (value !== undefined) headers.set(name, value);
  }
  const noBody = answer.status === 204 || answer.status === 304;
  return new Response(noBody ? null : answer.body, { status: answer.status, headers });
}
