import { etag, type PageAssets } from "./assets.ts";
import {
  readCookie, sessionCookie, sessionCookieName, signSessionToken, TENANT_ID, verifyApiToken,
  verifyLinkToken, verifySessionToken,
} from "./auth.ts";
import type { TenantFeeds } from "./feeds.ts";
import type { TenantSecrets } from "./secrets.ts";

/**
 * The page server without a server: a request in, a response out. The node:http adapter
 * (server.ts) and, later, the Lambda `page`/`feed` functions translate to and from these.
 */
export interface PageRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  body?: string;
}

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface PageHandlerOptions {
  feeds: TenantFeeds;
  secrets: TenantSecrets;
  assets: PageAssets;
  /** `Secure` on the session cookie: true everywhere but a loopback address. */
  secureCookies: boolean;
  sessionSeconds?: number;
}

export type PageHandler = (request: PageRequest) => Promise<PageResponse>;

/** A working day: long enough to read and act, short enough that a forgotten browser forgets. */
const SESSION_SECONDS = 12 * 60 * 60;

/**
 * No inline script, style or handler; nothing from elsewhere; no framing. Trusted Types make
 * any string reaching an HTML sink (innerHTML and the like) an error, so a future change that
 * renders feed text as HTML fails in the browser and in the tests instead of shipping.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join("; ");

const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

const API_ROUTE = /^\/api\/tenants\/([^/]+)\/(feed|history|session)$/;
const TENANT_PAGE = /^\/t\/([^/]+)\/?$/;
/** A session request is a token of under 100 bytes; nothing the page accepts is bigger than this. */
export const MAX_BODY = 4096;

function respond(status: number, contentType: string, body: string, extra: Record<string, string> = {}): PageResponse {
  return { status, headers: { ...SECURITY_HEADERS, "content-type": contentType, ...extra }, body };
}

function json(status: number, value: unknown, extra: Record<string, string> = {}): PageResponse {
  return respond(status, "application/json; charset=utf-8", JSON.stringify(value), { "cache-control": "no-store", ...extra });
}

/** The same answer for an unknown tenant, a missing credential and a wrong one: it tells nothing. */
const UNAUTHORIZED = () => json(401, { error: "unauthorized" }, { "www-authenticate": 'Bearer realm="cloud15"' });

export function createPageHandler(options: PageHandlerOptions): PageHandler {
  const { feeds, secrets, assets, secureCookies } = options;
  const sessionSeconds = options.sessionSeconds ?? SESSION_SECONDS;
  const files: Record<string, { type: string; body: string; etag: string }> = {
    "/assets/app.js": { type: "text/javascript; charset=utf-8", body: assets.script, etag: etag(assets.script) },
    "/assets/styles.css": { type: "text/css; charset=utf-8", body: assets.styles, etag: etag(assets.styles) },
    "/assets/icon.svg": { type: "image/svg+xml", body: assets.icon, etag: etag(assets.icon) },
  };

  /** A bearer token if one is presented (then nothing else counts), else the tenant's session cookie. */
  async function authorized(tenantId: string, request: PageRequest): Promise<boolean> {
    const secret = await secrets.get(tenantId);
    if (!secret) return false;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      return m !== null && verifyApiToken(secret, tenantId, m[1]!);
    }
    const session = readCookie(request.headers.cookie, sessionCookieName(tenantId));
    return session !== undefined && verifySessionToken(secret, tenantId, session);
  }

  async function startSession(tenantId: string, request: PageRequest): Promise<PageResponse> {
    // A JSON body cannot come from a plain cross-site form: the browser would need a CORS
    // preflight, which this server never grants.
    if (!request.headers["content-type"]?.toLowerCase().startsWith("application/json")) {
      return json(415, { error: "expected application/json" });
    }
    if ((request.body?.length ?? 0) > MAX_BODY) return json(413, { error: "too large" });
    let token: unknown;
    try {
      token = (JSON.parse(request.body ?? "") as { token?: unknown }).token;
    } catch {
      return json(400, { error: "expected JSON" });
    }
    const secret = await secrets.get(tenantId);
    if (!secret || typeof token !== "string" || !verifyLinkToken(secret, tenantId, token)) return UNAUTHORIZED();
    const value = signSessionToken(secret, tenantId, new Date(Date.now() + sessionSeconds * 1000));
    return json(200, { ok: true }, {
      "set-cookie": sessionCookie(tenantId, value, { maxAgeSeconds: sessionSeconds, secure: secureCookies }),
    });
  }

  async function api(tenantId: string, what: string, request: PageRequest): Promise<PageResponse> {
    if (what === "session") {
      if (request.method === "POST") return startSession(tenantId, request);
      if (request.method === "DELETE") {
        return json(200, { ok: true }, {
          "set-cookie": sessionCookie(tenantId, "", { maxAgeSeconds: 0, secure: secureCookies }),
        });
      }
      return json(405, { error: "method not allowed" }, { allow: "POST, DELETE" });
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return json(405, { error: "method not allowed" }, { allow: "GET, HEAD" });
    }
    if (!(await authorized(tenantId, request))) return UNAUTHORIZED();
    if (what === "feed") {
      const feed = await feeds.latestJson(tenantId);
      if (feed === undefined) return json(404, { error: "no feed yet" });
      return respond(200, "application/json; charset=utf-8", feed, { "cache-control": "no-store" });
    }
    return json(200, { points: await feeds.scoreTrend(tenantId) });
  }

  return async function handle(request: PageRequest): Promise<PageResponse> {
    const apiMatch = API_ROUTE.exec(request.path);
    if (apiMatch) {
      const tenantId = apiMatch[1]!;
      // Not a tenant id, so no tenant: the same 401 as any other refusal.
      if (!TENANT_ID.test(tenantId)) return UNAUTHORIZED();
      return api(tenantId, apiMatch[2]!, request);
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return respond(405, "text/plain; charset=utf-8", "method not allowed", { allow: "GET, HEAD" });
    }
    const file = files[request.path];
    if (file) {
      const headers = { "cache-control": "no-cache", etag: file.etag };
      if (request.headers["if-none-match"] === file.etag) return { status: 304, headers: { ...SECURITY_HEADERS, ...headers }, body: "" };
      return respond(200, file.type, file.body, headers);
    }
    // The same shell for every tenant and for none: it holds no data, the script asks the API.
    const page = TENANT_PAGE.exec(request.path);
    if (request.path === "/" || (page && TENANT_ID.test(page[1]!))) return respond(200, "text/html; charset=utf-8", assets.html, { "cache-control": "no-cache" });
    return respond(404, "text/plain; charset=utf-8", "not found");
  };
}
