import type { Feed } from "../../feed/schema.ts";
import type { ScorePoint } from "../feeds.ts";

/** The page's calls to its own server. The session cookie travels by itself (same origin). */

const LINK_PREFIX = "#link=";

/** `/t/<tenant>/` → the tenant id; anything else → undefined. The server decides what a tenant is. */
export function tenantFromPath(pathname: string): string | undefined {
  return /^\/t\/([a-z0-9][a-z0-9-]{0,62})\/?$/.exec(pathname)?.[1];
}

/**
 * Takes the link token out of the address at once, whatever happens next: it must not stay in
 * the history, a bookmark or a screenshot. It came in the fragment, which browsers never send
 * to a server, so it is in no access log either.
 */
export function takeLinkToken(): string | undefined {
  if (!location.hash.startsWith(LINK_PREFIX)) return undefined;
  // Digits, a dot and base64url: nothing to decode.
  const token = location.hash.slice(LINK_PREFIX.length);
  history.replaceState(null, "", location.pathname + location.search);
  return token;
}

function apiPath(tenantId: string, what: "session" | "feed" | "history"): string {
  return `/api/tenants/${encodeURIComponent(tenantId)}/${what}`;
}

/** Exchanges a link token for the session cookie. */
export async function startSession(tenantId: string, token: string): Promise<boolean> {
  const response = await fetch(apiPath(tenantId, "session"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  return response.ok;
}

export async function endSession(tenantId: string): Promise<void> {
  await fetch(apiPath(tenantId, "session"), { method: "DELETE" });
}

export type Loaded =
  | { kind: "ok"; feed: Feed; trend: ScorePoint[] }
  | { kind: "unauthorized" | "no-feed" | "failed" };

export async function loadTenant(tenantId: string): Promise<Loaded> {
  try {
    const [feedResponse, trendResponse] = await Promise.all([
      fetch(apiPath(tenantId, "feed")),
      fetch(apiPath(tenantId, "history")),
    ]);
    if (feedResponse.status === 401) return { kind: "unauthorized" };
    if (feedResponse.status === 404) return { kind: "no-feed" };
    if (!feedResponse.ok) return { kind: "failed" };
    const feed = (await feedResponse.json()) as Feed;
    // The trend is a nicety: without it the page still shows the latest scan.
    const trend = trendResponse.ok ? ((await trendResponse.json()) as { points: ScorePoint[] }).points : [];
    return { kind: "ok", feed, trend };
  } catch {
    return { kind: "failed" };
  }
}
