import https from "node:https";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { waitUntil } from "../wait-until.ts";
import { closeSimulator, simulatorListener } from "../http.ts";
import { selfSignedCertificate, type SelfSignedCertificate } from "./certificate.ts";
import { faultAnswer, takeFault, type GraphFault } from "./faults.ts";
import { authorize, GRAPH_PAGE_SIZES, preferencesOf, routeGraph, type PageSizes } from "./graph.ts";
import type { SimMicrosoftTenant } from "./model.ts";
import { json, TokenService, type AccessToken, type SimResponse } from "./token.ts";
import { graphError, type GraphAnswer } from "./wire.ts";

export type { GraphFault, GraphFaultKind } from "./faults.ts";

export interface MicrosoftSimulator {
  /** `https://127.0.0.1:PORT`: both the config's `graphUrl` and its `authorityHost`. */
  origin: string;
  port: number;
  /** PEM of the self-signed certificate the server presents, made at start: what a client must trust. */
  caCertificatePem: string;
  /** Live and mutable: tests change the tenant between scans. */
  tenant: SimMicrosoftTenant;
  /** Requests by operation (`$batch` envelopes, `token`, and each request a batch carried). */
  calls: Record<string, number>;
  /** Mutable: tests add and remove faults between calls. */
  faults: GraphFault[];
  resetCalls(): void;
  stop(): Promise<void>;
}

export interface MicrosoftSimulatorOptions {
  tenant: SimMicrosoftTenant;
  /** 0 or absent: a free port. */
  port?: number;
  /** Time from a request's arrival to its answer, at least; a `$batch` is one answer. */
  latencyMs?: number;
  faults?: GraphFault[];
  pageSizes?: Partial<PageSizes>;
  /**
   * Presented instead of one made at start: simulators run side by side in one process share
   * it, since a client trusting several self-signed certificates of one subject name through
   * NODE_EXTRA_CA_CERTS finds only the first (OpenSSL looks a trusted certificate up by name).
   */
  certificate?: Pick<SelfSignedCertificate, "certPem" | "keyPem">;
}

const HOST = "127.0.0.1";
const BATCH_LIMIT = 20;

/** The certificate a simulator presents: for 127.0.0.1 and localhost. */
export function microsoftSimulatorCertificate(): SelfSignedCertificate {
  return selfSignedCertificate({ commonName: "cloud15 Microsoft 365 simulator", altNames: [HOST, "localhost"] });
}

/**
 * Entra ID's token endpoint and Microsoft Graph for one tenant, over https on one port.
 * The certificate is generated at start; clients trust it per connection (the provider's
 * `caCertificatePem`) or process-wide through NODE_EXTRA_CA_CERTS.
 */
export async function startMicrosoftSimulator(opts: MicrosoftSimulatorOptions): Promise<MicrosoftSimulator> {
  const certificate = opts.certificate ?? microsoftSimulatorCertificate();
  const pageSizes = { ...GRAPH_PAGE_SIZES, ...opts.pageSizes };
  const tokens = new TokenService(() => sim.tenant, () => sim.origin);
  const count = (operation: string) => { sim.calls[operation] = (sim.calls[operation] ?? 0) + 1; };

  const server = https.createServer({ key: certificate.keyPem, cert: certificate.certPem, noDelay: true, keepAlive: true }, simulatorListener(answer));

  /**
   * The answer leaves `latencyMs` after the request arrived, or when it is ready if that is
   * later: the simulator works out the answer while the latency runs, as Graph's own work is
   * part of the time it takes to answer (and its CPU is not the customer's). A round trip then
   * costs the latency the benchmarks model, not the latency plus the simulator's work.
   */
  async function answer(req: IncomingMessage, body: string): Promise<SimResponse | undefined> {
    const due = performance.now() + (opts.latencyMs ?? 0);
    const response = respond(req, body);
    await waitUntil(due);
    return response;
  }

  function respond(req: IncomingMessage, body: string): SimResponse | undefined {
    const url = new URL(req.url ?? "/", sim.origin);
    const [first, second, ...rest] = url.pathname.split("/").filter(Boolean);
    if (first === "v1.0" || first === "beta") return graph(req, first, [second, ...rest].join("/"), url.searchParams, body);
    if (second === "v2.0" && rest.join("/") === ".well-known/openid-configuration" && req.method === "GET") {
      count("openid-configuration");
      return tokens.openIdConfiguration(first ?? "");
    }
    if (second === "oauth2" && rest.join("/") === "v2.0/token" && req.method === "POST") {
      count("token");
      return tokens.token(first ?? "", new URLSearchParams(body));
    }
    return json(404, { error: "not_found", error_description: `nothing at ${url.pathname}` });
  }

  function graph(req: IncomingMessage, version: string, path: string, query: URLSearchParams, body: string): SimResponse | undefined {
    const linkRoot = `${sim.origin}/${version}`;
    const token = tokens.verify(req.headers.authorization, sim.origin);
    if (path === "$batch" && req.method === "POST") {
      count("$batch");
      const fault = takeFault(sim.faults, "$batch", undefined);
      if (fault?.kind === "Hang") return undefined;
      if (fault && fault.kind !== "Truncated") return write(faultAnswer(fault));
      if (!token) return write(unauthenticated(req));
      const whole = write(batch(body, token, linkRoot));
      // The connection dropped half-way through the body: valid JSON up to there.
      return fault ? { ...whole, body: whole.body.slice(0, Math.floor(whole.body.length / 2)) } : whole;
    }
    if (req.method !== "GET") return write(graphError(405, "Request_BadRequest", "The simulator serves reads only."));
    if (!token) return write(unauthenticated(req));
    const answer = one(`/${path}`, query, token, linkRoot, preferencesOf(req.headers.prefer));
    return answer === undefined || answer === UNANSWERED ? undefined : write(answer);
  }

  /** One GET, on its own or inside a batch; undefined for a hung request. */
  function one(path: string, query: URLSearchParams, token: AccessToken, linkRoot: string, prefer: Set<string>): GraphAnswer | undefined {
    const route = routeGraph(path, query, { tenant: sim.tenant, token, linkRoot, pageSizes, prefer });
    count(route.operation);
    const fault = takeFault(sim.faults, route.operation, route.resource);
    if (fault?.kind === "Hang") return undefined;
    if (fault?.kind === "Unanswered") return UNANSWERED;
    if (fault) return faultAnswer(fault);
    return authorize(route, token, sim.tenant) ?? route.answer();
  }

  function batch(text: string, token: AccessToken, linkRoot: string): GraphAnswer {
    let requests: { id?: unknown; method?: unknown; url?: unknown; headers?: Record<string, string> }[];
    try {
      requests = (JSON.parse(text) as { requests?: typeof requests }).requests ?? [];
    } catch {
      return graphError(400, "BadRequest", "Invalid batch payload format.");
    }
    if (!Array.isArray(requests) || requests.length === 0) return graphError(400, "BadRequest", "Invalid batch payload format.");
    if (requests.length > BATCH_LIMIT) return graphError(400, "BadRequest", `Number of requests in the batch exceeds the maximum of ${BATCH_LIMIT}.`);
    const responses = requests.flatMap((r) => {
      const id = String(r.id ?? "");
      if (r.method !== "GET" || typeof r.url !== "string") {
        return [{ id, ...graphError(400, "BadRequest", "The simulator serves GET requests only.") }];
      }
      // Sub-request URLs are relative to the batch's version; a leading version is tolerated.
      const url = new URL(r.url.replace(/^\/?(v1\.0|beta)\//, "/").replace(/^(?!\/)/, "/"), sim.origin);
      const prefer = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === "prefer")?.[1];
      const answer = one(url.pathname, url.searchParams, token, linkRoot, preferencesOf(prefer)) ?? graphError(504, "gatewayTimeout", "The request timed out.");
      return answer === UNANSWERED ? [] : [{ id, status: answer.status, headers: answer.headers ?? {}, body: answer.body }];
    });
    // Graph answers in whatever order the requests finish; clients must match by id.
    responses.sort((x, y) => scramble(x.id) - scramble(y.id));
    return { status: 200, headers: { "Content-Type": "application/json" }, body: { responses } };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const sim: MicrosoftSimulator = {
    origin: `https://${HOST}:${port}`,
    port,
    caCertificatePem: certificate.certPem,
    tenant: opts.tenant,
    calls: {},
    faults: opts.faults ?? [],
    resetCalls() {
      for (const operation of Object.keys(sim.calls)) delete sim.calls[operation];
    },
    stop: () => closeSimulator(server),
  };
  return sim;
}

function write(answer: GraphAnswer): SimResponse {
  const headers: Record<string, string> = { "content-type": "application/json", ...lower(answer.headers ?? {}) };
  return { status: answer.status, headers, body: answer.body === undefined ? "" : JSON.stringify(answer.body) };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function unauthenticated(req: IncomingMessage): GraphAnswer {
  return req.headers.authorization
    ? graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.")
    : graphError(401, "InvalidAuthenticationToken", "Access token is empty.");
}

/** Stands for a response an `Unanswered` fault leaves out of its `$batch` answer. */
const UNANSWERED: GraphAnswer = { status: 0, body: "" };

/** A stable shuffle, so the order differs from the request's but tests stay repeatable. */
function scramble(id: string): number {
  let h = 2166136261;
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return h >>> 0;
}
