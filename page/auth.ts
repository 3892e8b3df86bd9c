import { createHmac, timingSafeEqual } from "node:crypto";
import { TenantSchema } from "../config/schema.ts";

/**
 * The credentials of one tenant's findings page. All are derived from that tenant's secret,
 * so a stateless server (a Lambda) needs nothing but the secret to check them, and replacing
 * the secret revokes every link, session and API token of that tenant at once.
 *
 * Every MAC covers a label and the tenant id: a link is not a session, a session is not an API
 * token, and nothing issued for tenant A verifies for tenant B (B's secret differs anyway).
 */

/** The config's rule for tenant ids; it also keeps ids safe in paths and cookie names. */
export const TENANT_ID = new RegExp(TenantSchema.properties.id.pattern!);

/** base64url of an HMAC-SHA256, without padding. */
const MAC = /^[A-Za-z0-9_-]{43}$/;
const EXPIRING = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
const API_TOKEN_PREFIX = "c15_";

type Purpose = "link" | "session" | "api" | "csrf";

/** `bound` is what else the MAC vouches for: an expiry, or the session a CSRF token belongs to. */
function mac(secret: Buffer, purpose: Purpose, tenantId: string, bound = ""): string {
  return createHmac("sha256", secret)
    .update(`cloud15 page ${purpose} v1\n${tenantId}\n${bound}`)
    .digest("base64url");
}

/**
 * Constant time over the MAC itself. The format check comes first because base64url decoding
 * is lenient (it skips stray characters, and the last character carries spare bits), so only
 * the canonical text of the MAC is compared.
 */
function macEquals(presented: string, expected: string): boolean {
  return MAC.test(presented) && timingSafeEqual(Buffer.from(presented), Buffer.from(expected));
}

function signExpiring(purpose: Purpose, secret: Buffer, tenantId: string, expiresAt: Date): string {
  const seconds = String(Math.floor(expiresAt.getTime() / 1000));
  return `${seconds}.${mac(secret, purpose, tenantId, seconds)}`;
}

function verifyExpiring(purpose: Purpose, secret: Buffer, tenantId: string, token: string, now: Date): boolean {
  const m = EXPIRING.exec(token);
  if (!m) return false;
  const seconds = m[1]!;
  const valid = macEquals(m[2]!, mac(secret, purpose, tenantId, seconds));
  return valid && Number(seconds) * 1000 > now.getTime();
}

/** The token carried in a page link's fragment: `<expiry in Unix seconds>.<MAC>`. */
export function signLinkToken(secret: Buffer, tenantId: string, expiresAt: Date): string {
  return signExpiring("link", secret, tenantId, expiresAt);
}

export function verifyLinkToken(secret: Buffer, tenantId: string, token: string, now = new Date()): boolean {
  return verifyExpiring("link", secret, tenantId, token, now);
}

/** The value of the session cookie, same shape as a link token but a different MAC label. */
export function signSessionToken(secret: Buffer, tenantId: string, expiresAt: Date): string {
  return signExpiring("session", secret, tenantId, expiresAt);
}

export function verifySessionToken(secret: Buffer, tenantId: string, token: string, now = new Date()): boolean {
  return verifyExpiring("session", secret, tenantId, token, now);
}

/**
 * The bearer token for dashboards reading `GET /api/tenants/<id>/feed`. It does not expire:
 * a dashboard runs unattended. Revoke it by replacing the tenant's secret. The prefix lets
 * secret scanners recognise a leaked token.
 */
export function apiToken(secret: Buffer, tenantId: string): string {
  return API_TOKEN_PREFIX + mac(secret, "api", tenantId);
}

export function verifyApiToken(secret: Buffer, tenantId: string, token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX)
    && macEquals(token.slice(API_TOKEN_PREFIX.length), mac(secret, "api", tenantId));
}

/**
 * The token a write must carry in the `x-csrf-token` header besides the session cookie. It is
 * derived from the session cookie's value, which page script cannot read (HttpOnly), and handed
 * to the page only by the same-origin session endpoint, so another site can neither read nor
 * forge it. Stateless like the rest: a new session, or a new secret, makes a new token.
 */
export function csrfToken(secret: Buffer, tenantId: string, session: string): string {
  return mac(secret, "csrf", tenantId, session);
}

export function verifyCsrfToken(secret: Buffer, tenantId: string, session: string, token: string): boolean {
  return macEquals(token, csrfToken(secret, tenantId, session));
}

/**
 * One cookie per tenant, named and scoped to that tenant's API path: the browser never sends
 * tenant A's cookie with a request for tenant B, and the MAC refuses it if someone does.
 */
export function sessionCookieName(tenantId: string): string {
  return `c15_session_${tenantId}`;
}

export function sessionCookiePath(tenantId: string): string {
  return `/api/tenants/${tenantId}/`;
}

export function sessionCookie(tenantId: string, value: string, opts: { maxAgeSeconds: number; secure: boolean }): string {
  return cookieHeader({ name: sessionCookieName(tenantId), path: sessionCookiePath(tenantId) }, value, opts);
}

/**
 * The IT vendor's overview (page/vendor/) signs in with the same links, sessions and CSRF
 * tokens, under the vendor's own secret and this name in place of a tenant id. "@" is in no
 * tenant id, and the secret is no tenant's, so nothing issued to an owner verifies as the
 * vendor's, nor the other way round. Its cookie is sent to the vendor's API only.
 */
export const VENDOR_PRINCIPAL = "@vendor";
export const VENDOR_COOKIE = { name: "c15_vendor_session", path: "/api/vendor/" } as const;

export function cookieHeader(cookie: { name: string; path: string }, value: string, opts: { maxAgeSeconds: number; secure: boolean }): string {
  const attributes = [
    `${cookie.name}=${value}`,
    `Path=${cookie.path}`,
    `Max-Age=${opts.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  if (opts.secure) attributes.push("Secure");
  return attributes.join("; ");
}

/** The value of one cookie from a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
