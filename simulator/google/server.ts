import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { waitUntil } from "../wait-until.ts";
import { closeSimulator, simulatorListener } from "../http.ts";
import { listOrgUnits, listUsers } from "./directory.ts";
import { listDrives, listFiles, listPermissions } from "./drive.ts";
import { faultError, faultyAnswer, takeFault, type GoogleFault } from "./faults.ts";
import type { SimWorkspace } from "./model.ts";
import { listAlerts } from "./alert-center.ts";
import { listLabels } from "./labels.ts";
import { listLicencesForProduct } from "./licensing.ts";
import { listPolicies } from "./policies.ts";
import { TokenService } from "./token.ts";
import { GoogleError, type Caller, type ErrorStyle, type GoogleOperation, type SimRequest, type SimResponse } from "./wire.ts";

export type { GoogleFault, GoogleFaultKind } from "./faults.ts";
export type { GoogleOperation } from "./wire.ts";

export interface GoogleSimulator {
  /** `http://host:port/`: the `rootUrl` for the provider and the googleapis clients. */
  rootUrl: string;
  /** Where the JWT bearer grant is posted instead of https://oauth2.googleapis.com/token. */
  tokenUrl: string;
  /**
   * A service-account key file (JSON) for `workspace.serviceAccount`, whose public half the
   * token endpoint checks signatures with. Made fresh for each simulator; never a real key.
   */
  serviceAccountKey: string;
  /** Live and mutable: tests change users, files and delegation between scans. */
  workspace: SimWorkspace;
  /** Requests by operation, faulted and refused ones included. */
  calls: Partial<Record<GoogleOperation, number>>;
  /** Mutable: tests add and remove faults between calls. */
  faults: GoogleFault[];
  resetCalls(): void;
  stop(): Promise<void>;
}

export interface GoogleSimulatorOptions {
  workspace: SimWorkspace;
  /** 0 or absent: a free port. */
  port?: number;
  host?: string;
  /** Delay before every answer, token and errors included. */
  latencyMs?: number;
  faults?: GoogleFault[];
  /**
   * Google's list methods may return fewer items than asked for; a cap makes every list page
   * at most this long, so paging shows up on a small tenant.
   */
  pageSizeCap?: number;
}

interface Route {
  operation: Exclude<GoogleOperation, "token">;
  style: ErrorStyle;
  handle(req: SimRequest, caller: Caller): SimResponse;
}

/**
 * One listener serving the token endpoint and the Directory (users, org units), Drive, Policy,
 * Alert Center, License Manager and Drive Labels APIs of one customer.
 */
export async function startGoogleSimulator(opts: GoogleSimulatorOptions): Promise<GoogleSimulator> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const tokens = new TokenService(() => sim.workspace, publicKey);
  const cap = opts.pageSizeCap ?? Number.MAX_SAFE_INTEGER;

  const server = http.createServer(simulatorListener(answer));

  const delay = () => waitUntil(performance.now() + (opts.latencyMs ?? 0));

  function route(method: string, path: string): Route | undefined {
    const ws = () => sim.workspace;
    if (method === "GET" && path === "/admin/directory/v1/users") {
      return { operation: "users.list", style: "discovery", handle: (r, c) => listUsers(r, c, ws(), cap) };
    }
    const orgUnits = /^\/admin\/directory\/v1\/customer\/([^/]+)\/orgunits$/.exec(path);
    if (method === "GET" && orgUnits) {
      const customerId = decodeURIComponent(orgUnits[1]!);
      return { operation: "orgunits.list", style: "discovery", handle: (r, c) => listOrgUnits(r, c, ws(), customerId) };
    }
    if (method === "GET" && path === "/drive/v3/files") {
      return { operation: "files.list", style: "discovery", handle: (r, c) => listFiles(r, c, ws(), cap) };
    }
    if (method === "GET" && path === "/drive/v3/drives") {
      return { operation: "drives.list", style: "discovery", handle: (r, c) => listDrives(r, c, ws(), cap) };
    }
    const permissions = /^\/drive\/v3\/files\/([^/]+)\/permissions$/.exec(path);
    if (method === "GET" && permissions) {
      const fileId = decodeURIComponent(permissions[1]!);
      return { operation: "permissions.list", style: "discovery", handle: (r, c) => listPermissions(r, c, ws(), fileId, cap) };
    }
    if (method === "GET" && path === "/v1/policies") {
      return { operation: "policies.list", style: "rpc", handle: (r, c) => listPolicies(r, c, ws(), cap) };
    }
    if (method === "GET" && path === "/v1beta1/alerts") {
      return { operation: "alerts.list", style: "rpc", handle: (r, c) => listAlerts(r, c, ws(), cap) };
    }
    const licences = /^\/apps\/licensing\/v1\/product\/([^/]+)\/users$/.exec(path);
    if (method === "GET" && licences) {
      const productId = decodeURIComponent(licences[1]!);
      return { operation: "licenseAssignments.listForProduct", style: "discovery", handle: (r, c) => listLicencesForProduct(r, c, ws(), productId, cap) };
    }
    if (method === "GET" && path === "/v2/labels") {
      return { operation: "labels.list", style: "rpc", handle: (r, c) => listLabels(r, c, ws(), cap) };
    }
    return undefined;
  }

  async function answer(req: http.IncomingMessage, body: string): Promise<SimResponse | undefined> {
    const url = new URL(req.url ?? "/", "http://simulator");
    const request: SimRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body };
    if (request.method === "POST" && request.path === "/token") {
      count("token");
      await delay();
      return tokens.exchange(body);
    }
    const found = route(request.method, request.path);
    await delay();
    if (!found) return new GoogleError(404, "notFound", `Not Found: ${request.method} ${request.path}`).render("discovery");
    count(found.operation);
    try {
      const caller = tokens.callerOf(req.headers.authorization);
      const fault = takeFault(sim.faults, found.operation, caller.subject);
      if (fault?.kind === "hang") return undefined;
      if (fault?.kind === "truncatedJson" || fault?.kind === "emptyList") {
        const whole = found.handle(request, caller);
        return { ...whole, body: faultyAnswer(fault.kind, whole.body) };
      }
      if (fault) throw faultError(fault.kind, found.style);
      return found.handle(request, caller);
    } catch (err) {
      if (err instanceof GoogleError) return err.render(found.style);
      throw err;
    }
  }

  function count(operation: GoogleOperation) {
    sim.calls[operation] = (sim.calls[operation] ?? 0) + 1;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? "127.0.0.1";
  const base = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const sa = opts.workspace.serviceAccount;
  const sim: GoogleSimulator = {
    rootUrl: `${base}/`,
    tokenUrl: `${base}/token`,
    serviceAccountKey: JSON.stringify({
      type: "service_account",
      project_id: sa.projectId,
      private_key_id: randomBytes(20).toString("hex"),
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: sa.clientEmail,
      client_id: sa.clientId,
      auth_uri: "https://accounts.google.com/o/oauth2/auth",
      token_uri: `${base}/token`,
    }, null, 2),
    workspace: opts.workspace,
    calls: {},
    faults: opts.faults ?? [],
    resetCalls() {
      for (const operation of Object.keys(sim.calls)) delete sim.calls[operation as GoogleOperation];
    },
    stop: () => closeSimulator(server),
  };
  return sim;
}
