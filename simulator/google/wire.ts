import type { IncomingHttpHeaders } from "node:http";

/** The Google operations the simulator serves, named as the scanner and the faults name them. */
export type GoogleOperation =
  | "token"
  | "users.list"
  | "orgunits.list"
  | "files.list"
  | "drives.list"
  | "permissions.list"
  | "policies.list"
  | "alerts.list"
  | "licenseAssignments.listForProduct"
  | "labels.list";

/** Directory and Drive speak the older JSON error format with `errors[]`; Cloud Identity speaks google.rpc.Status. */
export type ErrorStyle = "discovery" | "rpc";

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Who an access token speaks for: the impersonated user (`sub`) and the scopes granted. */
export interface Caller {
  subject?: string;
  scopes: readonly string[];
  clientId: string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { "content-type": "application/json; charset=UTF-8", ...headers }, body: JSON.stringify(body) };
}

/** An error a handler throws; the server renders it in its API's style. */
export class GoogleError extends Error {
  constructor(
    readonly status: number,
    /** `errors[].reason` in the discovery style, e.g. `userRateLimitExceeded`. */
    readonly reason: string,
    message: string,
    readonly extra: {
      /** google.rpc code name, e.g. `PERMISSION_DENIED`; always sent in the rpc style. */
      rpcStatus?: string;
      domain?: string;
      /** `errors[].message` where Google words it apart from the top-level message. */
      itemMessage?: string;
      location?: string;
      locationType?: string;
      details?: unknown[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
  }

  render(style: ErrorStyle): SimResponse {
    const { rpcStatus, details, headers } = this.extra;
    if (style === "rpc") {
      return json(this.status, {
        error: { code: this.status, message: this.message, status: rpcStatus ?? RPC_STATUS[this.status] ?? "UNKNOWN", ...(details ? { details } : {}) },
      }, headers);
    }
    const item: Record<string, string> = { message: this.extra.itemMessage ?? this.message, domain: this.extra.domain ?? "global", reason: this.reason };
    if (this.extra.location) {
      item.location = this.extra.location;
      item.locationType = this.extra.locationType ?? "parameter";
    }
    return json(this.status, {
      error: {
        code: this.status,
        message: this.message,
        errors: [item],
        ...(rpcStatus ? { status: rpcStatus } : {}),
        ...(details ? { details } : {}),
      },
    }, headers);
  }
}

const RPC_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE",
};

/** `Invalid Value` on a query parameter, as Drive answers a bad `q` or page token. */
export function invalidValue(location: string): GoogleError {
  return new GoogleError(400, "invalid", "Invalid Value", { location });
}

/** An integer parameter within its documented range; undefined when absent. */
export function intParam(query: URLSearchParams, name: string, range: { min: number; max: number }): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw new GoogleError(400, "invalidParameter",
      `Invalid value '${raw}'. Values must be within the range: [${range.min}, ${range.max}]`, { location: name });
  }
  return n;
}

export function boolParam(query: URLSearchParams, name: string): boolean {
  return query.get(name) === "true";
}

/**
 * Pages a list with an opaque token bound to the request's other parameters, as Google's
 * list methods require ("all other parameters must match the call that provided the token").
 */
export function pageOf<T>(
  items: readonly T[],
  token: string | null,
  size: number,
  boundTo: string,
  invalid: () => GoogleError,
): { items: T[]; next?: string } {
  let start = 0;
  if (token) {
    let decoded: { o?: unknown; b?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; b?: unknown };
    } catch {
      throw invalid();
    }
    if (typeof decoded.o !== "number" || decoded.b !== boundTo || decoded.o > items.length) throw invalid();
    start = decoded.o;
  }
  const end = Math.min(items.length, start + size);
  const page = items.slice(start, end);
  if (end >= items.length) return { items: page };
  return { items: page, next: Buffer.from(JSON.stringify({ o: end, b: boundTo })).toString("base64url") };
}
