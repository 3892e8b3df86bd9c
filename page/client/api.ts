import type { AnswerInput, StoredAnswer } from "../../feed/answers.ts";
import type { Feed } from "../../feed/schema.ts";
import type { FailingFinding, ScorePoint } from "../feeds.ts";

/** One scan on the trend, as the history endpoint sends it. */
export type HistoryPoint = Omit<ScorePoint, "failing">;
/** What was failing about a month ago. */
export interface MonthAgo { scanId: string; finishedAt: string; failing: FailingFinding[] }
import type { SiteApprovalInput } from "./shop-view.ts";

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

function apiPath(tenantId: string, what: "session" | "feed" | "history" | "answers"): string {
  return `/api/tenants/${encodeURIComponent(tenantId)}/${what}`;
}

/**
 * Exchanges a link token for the session cookie; resolves to the CSRF token every answer must
 * carry, or undefined when the link was refused.
 */
export async function startSession(tenantId: string, token: string): Promise<string | undefined> {
  const response = await fetch(apiPath(tenantId, "session"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  return response.ok ? ((await response.json()) as { csrfToken: string }).csrfToken : undefined;
}

/** The CSRF token of the session already held (after a reload), or undefined without one. */
export async function sessionCsrfToken(tenantId: string): Promise<string | undefined> {
  const response = await fetch(apiPath(tenantId, "session"));
  return response.ok ? ((await response.json()) as { csrfToken: string }).csrfToken : undefined;
}

/** Records one answer; resolves to undefined when stored, else to the server's reason. */
export async function postAnswer(tenantId: string, csrfToken: string, input: AnswerInput | SiteApprovalInput): Promise<string | undefined> {
  try {
    const response = await fetch(apiPath(tenantId, "answers"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
      body: JSON.stringify(input),
    });
    if (response.ok) return undefined;
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return body.error ?? `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function endSession(tenantId: string): Promise<void> {
  await fetch(apiPath(tenantId, "session"), { method: "DELETE" });
}

export type Loaded =
  | { kind: "ok"; feed: Feed; trend: HistoryPoint[]; monthAgo?: MonthAgo; history: StoredAnswer[] }
  | { kind: "unauthorized" | "no-feed" | "failed" };

export async function loadTenant(tenantId: string): Promise<Loaded> {
  try {
    const [feedResponse, trendResponse, answersResponse] = await Promise.all([
      fetch(apiPath(tenantId, "feed")),
      fetch(apiPath(tenantId, "history")),
      fetch(apiPath(tenantId, "answers")),
    ]);
    if (feedResponse.status === 401) return { kind: "unauthorized" };
    if (feedResponse.status === 404) return { kind: "no-feed" };
    if (!feedResponse.ok) return { kind: "failed" };
    const feed = (await feedResponse.json()) as Feed;
    // The trend is a nicety: without it the page still shows the latest scan.
    const { points: trend, monthAgo } = trendResponse.ok
      ? ((await trendResponse.json()) as { points: HistoryPoint[]; monthAgo?: MonthAgo })
      : { points: [], monthAgo: undefined };
    // Earlier answers are shown as history; without them the page still shows the answers in force.
    const history = answersResponse.ok ? ((await answersResponse.json()) as { answers: StoredAnswer[] }).answers : [];
    return { kind: "ok", feed, trend, ...(monthAgo ? { monthAgo } : {}), history };
  } catch {
    return { kind: "failed" };
  }
}
