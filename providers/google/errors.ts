import type { CollectionError } from "../fact.ts";
import { redactSecrets } from "../redact-secrets.ts";
import type { GoogleOperation, GoogleScope } from "./scopes.ts";

/** What one call was: the method, the scope its token carried, the user it acted as. */
export interface CallTarget {
  operation: GoogleOperation;
  scope: GoogleScope;
  subject: string;
}

/** Carries which call failed out of a multi-call fact (a token, a page of a listing). */
export class GoogleCallError extends Error {
  constructor(readonly target: CallTarget, override readonly cause: unknown) {
    super(`${target.operation} failed`);
  }
}

interface GaxiosLike {
  message?: string;
  name?: string;
  code?: string | number;
  response?: { status?: number; data?: unknown };
}

interface ApiErrorBody {
  code?: number;
  message?: string;
  status?: string;
  errors?: { reason?: string; message?: string }[];
}

/** 403s that mean "slow down", which the Google clients do not retry by themselves. */
const RATE_LIMIT_REASONS = new Set(["userRateLimitExceeded", "rateLimitExceeded"]);

export function isRateLimited403(err: unknown): boolean {
  const cause = (err instanceof GoogleCallError ? err.cause : err) as GaxiosLike;
  if (cause?.response?.status !== 403) return false;
  const body = (cause.response.data as { error?: ApiErrorBody } | undefined)?.error;
  return typeof body === "object" && RATE_LIMIT_REASONS.has(body?.errors?.[0]?.reason ?? "");
}

/**
 * Turns a failed call into a CollectionError for the fact `factOperation`: which method,
 * which scope would allow it, Google's reason, and what to do. A refused token is reported
 * against the method it was for, since that is what the owner's check could not do.
 */
export function toCollectionError(factOperation: GoogleOperation, err: unknown, clientId: string): CollectionError {
  if (!(err instanceof GoogleCallError)) {
    const e = err as GaxiosLike;
    return { operation: factOperation, code: e?.name ?? "Error", message: sanitize(e?.message ?? String(err)) };
  }
  const { target } = err;
  const cause = err.cause as GaxiosLike;
  const status = cause?.response?.status;
  const data = cause?.response?.data as { error?: unknown; error_description?: unknown } | undefined;
  const operation = target.operation === "token" ? factOperation : target.operation;
  const base = { operation, permission: target.scope };

  if (typeof data?.error === "string") {
    const description = typeof data.error_description === "string" ? data.error_description : "";
    const message = data.error === "unauthorized_client"
      ? `domain-wide delegation does not grant ${target.scope} to client ${clientId}: add it in the Admin console, ` +
        `Security > Access and data control > API controls > Manage domain-wide delegation (Google said: ${description})`
      : `the token endpoint refused to act as ${target.subject} (${data.error}: ${description})`;
    return { ...base, code: data.error, message: sanitize(message) };
  }
  if (typeof data?.error === "object" && data.error !== null) {
    const body = data.error as ApiErrorBody;
    const code = body.errors?.[0]?.reason ?? body.status ?? `HTTP${status ?? ""}`;
    return { ...base, code, message: sanitize(`${body.message ?? "error"} (HTTP ${status})${hint(target, status, code)}`) };
  }
  const code = typeof cause?.code === "string" ? cause.code : cause?.name ?? "Error";
  return { ...base, code, message: sanitize(`${cause?.message ?? String(cause)}${status ? ` (HTTP ${status})` : ""}`) };
}

function hint(target: CallTarget, status: number | undefined, code: string): string {
  if (status !== 403 || RATE_LIMIT_REASONS.has(code)) return "";
  if (code === "insufficientPermissions") return `; the access token lacks ${target.scope}`;
  if (target.operation === "policies.list") return `; only a super administrator can read the Policy API, and ${target.subject} acted here`;
  return `; ${target.subject} may lack the administrator privilege this needs`;
}

// Access tokens, signed assertions and keys never reach the feed, whatever a message quotes.
function sanitize(message: string): string {
  return redactSecrets(message).slice(0, 600);
}
