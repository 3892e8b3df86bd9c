import type { CollectionError } from "../fact.ts";
import { redactSecrets } from "../redact-secrets.ts";
import { GRAPH_OPERATION_PERMISSIONS, type GraphOperation } from "./permissions.ts";
import { PastDeadline } from "./throttle.ts";

/** A Graph request that did not succeed, as Graph answered it (or as the network failed it). */
export class GraphCallError extends Error {
  constructor(
    readonly operation: GraphOperation,
    /** HTTP status; 0 when no answer came. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterMs?: number,
    /** The `Location` header: where a 410 on a delta link says to start over. */
    readonly location?: string,
  ) {
    super(message);
    this.name = "GraphCallError";
  }
}

/** Graph's answer when an API needs Entra ID P1 and the tenant has none. */
export const LICENCE_ERROR_CODE = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";

export function isLicenceError(err: unknown): boolean {
  return err instanceof GraphCallError && err.status === 403 && err.code === LICENCE_ERROR_CODE;
}

/**
 * Graph's answer where PIM needs a licence the tenant lacks: "The tenant needs an AAD Premium 2
 * license." (`AadPremiumLicenseRequired`), or "The tenant has not onboarded to PIM."
 */
export function isPimLicenceError(err: unknown): boolean {
  if (!(err instanceof GraphCallError) || (err.status !== 400 && err.status !== 403)) return false;
  return err.code === "AadPremiumLicenseRequired" || /Premium 2 license|not onboarded to PIM/i.test(err.message);
}

export function isDenied(err: unknown): boolean {
  return err instanceof GraphCallError && (err.status === 401 || err.status === 403);
}

/** The answer came but was not what Graph sends (cut short, not JSON, a collection without `value`). */
export const MALFORMED = "MalformedResponse";

/** Worth another attempt: throttled, briefly unavailable, no answer at all, or an answer cut short on the way. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof GraphCallError)) return false;
  return err.status === 0 || err.status === 429 || err.status >= 500 || err.code === MALFORMED;
}

export function toCollectionError(operation: GraphOperation, err: unknown): CollectionError {
  const permission = GRAPH_OPERATION_PERMISSIONS[operation];
  if (err instanceof PastDeadline) return { operation, permission, code: "Throttled", message: err.message };
  if (err instanceof GraphCallError) {
    const status = err.status > 0 ? ` (HTTP ${err.status})` : "";
    return { operation: err.operation, permission: GRAPH_OPERATION_PERMISSIONS[err.operation], code: err.code, message: sanitize(err.message) + status };
  }
  const e = err as { name?: string; message?: string };
  return { operation, permission, code: e?.name ?? "Error", message: sanitize(e?.message ?? String(err)) };
}

/** Entra refused to sign the app in (or could not be reached): named by its AADSTS code when it gave one. */
export function toSignInError(err: unknown): CollectionError {
  const e = err as { name?: string; message?: string; code?: unknown };
  const message = e?.message ?? String(err);
  // Node's network errors (an untrusted certificate, a refused connection) carry their kind in `code`.
  const code = /AADSTS\d+/.exec(message)?.[0] ?? (typeof e?.code === "string" ? e.code : e?.name) ?? "SignInFailed";
  return { operation: "SignIn", code, message: sanitize(message) };
}

/** Bearer tokens and client secrets never reach the feed, even if a message echoes them. */
function sanitize(message: string): string {
  return redactSecrets(message).slice(0, 500);
}
