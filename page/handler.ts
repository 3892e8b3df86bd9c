import { randomBytes } from "node:crypto";
import { parseAnswerInput, type StoredAnswer } from "../feed/answers.ts";
import { isSiteApprovalRequest, siteApprovalFrom } from "../feed/site-approval.ts";
import { feedWithRecordedAnswers } from "../feed/owner-view.ts";
import type { Feed } from "../feed/schema.ts";
import type { AnswerStore } from "../store/answer-store.ts";
import { etag, type PageAssets } from "./assets.ts";
import {
  cookieHeader, csrfToken, readCookie, sessionCookieName, sessionCookiePath, signSessionToken, TENANT_ID, VENDOR_COOKIE,
  VENDOR_PRINCIPAL, verifyApiToken, verifyCsrfToken, verifyLinkToken, verifySessionToken,
} from "./auth.ts";
import { monthAgo, type ScorePoint, type TenantFeeds } from "./feeds.ts";
import type { TenantSecrets } from "./secrets.ts";
import { VendorOverview } from "./vendor/overview.ts";

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
  /**
   * The owner's answers: read to show the feed as answered, appended to by the page. Without
   * one (a deployment that has no answer table yet) the feed is served as stored and answering
   * is refused with 501.
   */
  answers?: AnswerStore;
  secrets: TenantSecrets;
  /** Without them only the API answers: the Lambda `feed` function carries no page files. */
  assets?: PageAssets;
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

const API_ROUTE = /^\/api\/tenants\/([^/]+)\/(feed|history|session|answers)$/;
const TENANT_PAGE = /^\/t\/([^/]+)\/?$/;
const VENDOR_API = /^\/api\/vendor\/(session|overview)$/;
const VENDOR_PAGE = /^\/vendor\/?$/;
/**
 * The largest request the page accepts: an answer with a note of 2,000 characters of Japanese
 * (3 bytes each in UTF-8) and a name fits with room to spare.
 */
export const MAX_BODY = 16 * 1024;
export const CSRF_HEADER = "x-csrf-token";

function respond(status: number, contentType: string, body: string, extra: Record<string, string> = {}): PageResponse {
  return { status, headers: { ...SECURITY_HEADERS, "content-type": contentType, ...extra }, body };
}

function json(status: number, value: unknown, extra: Record<string, string> = {}): PageResponse {
  return respond(status, "application/json; charset=utf-8", JSON.stringify(value), { "cache-control": "no-store", ...extra });
}

/** The same answer for an unknown tenant, a missing credential and a wrong one: it tells nothing. */
const UNAUTHORIZED = () => json(401, { error: "unauthorized" }, { "www-authenticate": 'Bearer realm="cloud15"' });

/** The trend, and what was failing about a month ago for "fixed since last month". */
function trendResponse(points: readonly ScorePoint[]): unknown {
  const baseline = monthAgo(points);
  return {
    points: points.map(({ failing: _failing, ...point }) => point),
    ...(baseline ? { monthAgo: { scanId: baseline.scanId, finishedAt: baseline.finishedAt, failing: baseline.failing } } : {}),
  };
}

/**
 * Who signs in: a tenant's owner, or the IT vendor (page/vendor/). Each has its own secret,
 * its own name in the MACs and its own cookie, and is otherwise signed in the same way.
 */
interface SignInScope {
  principal: string;
  cookie: { name: string; path: string };
  secret(): Promise<Buffer | undefined>;
}

export function createPageHandler(options: PageHandlerOptions): PageHandler {
  const { feeds, answers, secrets, assets, secureCookies } = options;
  const sessionSeconds = options.sessionSeconds ?? SESSION_SECONDS;
  const files: Record<string, { type: string; body: string; etag: string }> = !assets ? {} : {
    "/assets/app.js": { type: "text/javascript; charset=utf-8", body: assets.script, etag: etag(assets.script) },
    "/assets/styles.css": { type: "text/css; charset=utf-8", body: assets.styles, etag: etag(assets.styles) },
    "/assets/icon.svg": { type: "image/svg+xml", body: assets.icon, etag: etag(assets.icon) },
    "/assets/vendor.js": { type: "text/javascript; charset=utf-8", body: assets.vendor.script, etag: etag(assets.vendor.script) },
    "/assets/vendor.css": { type: "text/css; charset=utf-8", body: assets.vendor.styles, etag: etag(assets.vendor.styles) },
  };
  const tenantScope = (tenantId: string): SignInScope => ({
    principal: tenantId,
    cookie: { name: sessionCookieName(tenantId), path: sessionCookiePath(tenantId) },
    secret: () => secrets.get(tenantId),
  });
  const vendorOverview = new VendorOverview(feeds, answers);
  const vendorScope: SignInScope = { principal: VENDOR_PRINCIPAL, cookie: VENDOR_COOKIE, secret: () => secrets.vendor() };

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

  async function startSession(scope: SignInScope, request: PageRequest): Promise<PageResponse> {
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
    const secret = await scope.secret();
    if (!secret || typeof token !== "string" || !verifyLinkToken(secret, scope.principal, token)) return UNAUTHORIZED();
    const value = signSessionToken(secret, scope.principal, new Date(Date.now() + sessionSeconds * 1000));
    return json(200, { ok: true, csrfToken: csrfToken(secret, scope.principal, value) }, {
      "set-cookie": cookieHeader(scope.cookie, value, { maxAgeSeconds: sessionSeconds, secure: secureCookies }),
    });
  }

  function endSession(scope: SignInScope): PageResponse {
    return json(200, { ok: true }, { "set-cookie": cookieHeader(scope.cookie, "", { maxAgeSeconds: 0, secure: secureCookies }) });
  }

  /** The session cookie's value when it is a valid session of this scope; bearer tokens never count here. */
  async function signedIn(scope: SignInScope, request: PageRequest): Promise<{ secret: Buffer; session: string } | undefined> {
    if (request.headers.authorization !== undefined) return undefined;
    const secret = await scope.secret();
    const session = readCookie(request.headers.cookie, scope.cookie.name);
    if (!secret || session === undefined || !verifySessionToken(secret, scope.principal, session)) return undefined;
    return { secret, session };
  }

  const ownerSession = (tenantId: string, request: PageRequest) => signedIn(tenantScope(tenantId), request);

  /**
   * Records one answer. Three locks: the session cookie (SameSite=Strict, so another site's
   * request arrives without it), the CSRF token only this origin's page can obtain, and a JSON
   * body, which a cross-site form cannot send. Nothing is stored unless all pass and the answer
   * is valid; a stored answer is appended, never overwriting an earlier one.
   */
  async function recordAnswer(tenantId: string, request: PageRequest): Promise<PageResponse> {
    if (!answers) return json(501, { error: "answers are not stored by this deployment" });
    const owner = await ownerSession(tenantId, request);
    if (!owner) return UNAUTHORIZED();
    const token = request.headers[CSRF_HEADER];
    if (token === undefined || !verifyCsrfToken(owner.secret, tenantId, owner.session, token)) {
      return json(403, { error: "missing or invalid CSRF token: reload the page and try again" });
    }
    if (!request.headers["content-type"]?.toLowerCase().startsWith("application/json")) {
      return json(415, { error: "expected application/json" });
    }
    if ((request.body?.length ?? 0) > MAX_BODY) return json(413, { error: "too large" });
    let body: unknown;
    try {
      body = JSON.parse(request.body ?? "");
    } catch {
      return json(400, { error: "expected JSON" });
    }
    const stamp = { id: randomBytes(12).toString("base64url"), at: new Date().toISOString() };
    if (isSiteApprovalRequest(body)) {
      // The approved inventory comes from the stored feed: the page can approve only what the scan saw.
      const stored = await feeds.latestJson(tenantId);
      const approval = siteApprovalFrom(body as Record<string, unknown>, stored === undefined ? undefined : JSON.parse(stored) as Feed);
      if ("problem" in approval) return json(approval.status, { error: approval.problem });
      const answer: StoredAnswer = { ...approval.record, ...stamp };
      await answers.append(tenantId, answer);
      return json(201, { answer });
    }
    const parsed = parseAnswerInput(body);
    if ("problem" in parsed) return json(400, { error: parsed.problem });
    const answer = { ...parsed.input, ...stamp } as StoredAnswer;
    await answers.append(tenantId, answer);
    return json(201, { answer });
  }

  /** The stored feed with the answers given since its scan; byte for byte when there are none. */
  async function feedResponse(tenantId: string): Promise<PageResponse> {
    const stored = await feeds.latestJson(tenantId);
    if (stored === undefined) return json(404, { error: "no feed yet" });
    const recorded = answers ? await answers.list(tenantId) : [];
    const body = recorded.length === 0
      ? stored
      : JSON.stringify(feedWithRecordedAnswers(JSON.parse(stored) as Feed, recorded, new Date()));
    return respond(200, "application/json; charset=utf-8", body, { "cache-control": "no-store" });
  }

  async function api(tenantId: string, what: string, request: PageRequest): Promise<PageResponse> {
    if (what === "session") {
      if (request.method === "POST") return startSession(tenantScope(tenantId), request);
      if (request.method === "DELETE") return endSession(tenantScope(tenantId));
      if (request.method === "GET") {
        // A reloaded page has its cookie but not its token; only this origin can read the answer.
        const owner = await ownerSession(tenantId, request);
        return owner ? json(200, { csrfToken: csrfToken(owner.secret, tenantId, owner.session) }) : UNAUTHORIZED();
      }
      return json(405, { error: "method not allowed" }, { allow: "GET, POST, DELETE" });
    }
    if (what === "answers" && request.method === "POST") return recordAnswer(tenantId, request);
    if (request.method !== "GET" && request.method !== "HEAD") {
      return json(405, { error: "method not allowed" }, { allow: what === "answers" ? "GET, HEAD, POST" : "GET, HEAD" });
    }
    if (!(await authorized(tenantId, request))) return UNAUTHORIZED();
    if (what === "feed") return feedResponse(tenantId);
    if (what === "answers") return json(200, { answers: answers ? await answers.list(tenantId) : [] });
    return json(200, trendResponse(await feeds.scoreTrend(tenantId)));
  }

  /**
   * The vendor's overview of every tenant. Read-only: the vendor signs in with its own link
   * and never writes a tenant's answers (they are the owner's statements), and no tenant's
   * link, session or token opens it.
   */
  async function vendorApi(what: string, request: PageRequest): Promise<PageResponse> {
    if (what === "session") {
      if (request.method === "POST") return startSession(vendorScope, request);
      if (request.method === "DELETE") return endSession(vendorScope);
      return json(405, { error: "method not allowed" }, { allow: "POST, DELETE" });
    }
    if (request.method !== "GET" && request.method !== "HEAD") return json(405, { error: "method not allowed" }, { allow: "GET, HEAD" });
    if (!(await signedIn(vendorScope, request))) return UNAUTHORIZED();
    return json(200, { tenants: await vendorOverview.list() });
  }

  return async function handle(request: PageRequest): Promise<PageResponse> {
    const vendorMatch = VENDOR_API.exec(request.path);
    if (vendorMatch) return vendorApi(vendorMatch[1]!, request);
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
    if (assets && (request.path === "/" || (page && TENANT_ID.test(page[1]!)))) return respond(200, "text/html; charset=utf-8", assets.html, { "cache-control": "no-cache" });
    if (assets && VENDOR_PAGE.test(request.path)) return respond(200, "text/html; charset=utf-8", assets.vendor.html, { "cache-control": "no-cache" });
    return respond(404, "text/plain; charset=utf-8", "not found");
  };
}
