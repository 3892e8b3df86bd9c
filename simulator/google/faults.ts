import { GoogleError, type ErrorStyle, type GoogleOperation } from "./wire.ts";

/**
 * `truncatedJson`: the real answer, status 200, cut off halfway (a transfer that broke);
 * `emptyList`: the real answer without its list and next page (a listing of nothing);
 * `permissionDenied`: 403 as for a caller without the privilege (e.g. a policy read refused).
 */
export type GoogleFaultKind = "userRateLimitExceeded" | "rateLimitExceeded" | "backendError" | "hang" | "truncatedJson" | "emptyList" | "permissionDenied";

/** The 200 answers a fault makes of the real one; the other kinds are errors. */
export type AnswerFault = "truncatedJson" | "emptyList";

export function faultyAnswer(kind: AnswerFault, body: string): string {
  if (kind === "truncatedJson") return body.slice(0, Math.floor(body.length / 2));
  const answer = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(answer).filter(([k, v]) => !Array.isArray(v) && k !== "nextPageToken")));
}

export interface GoogleFault {
  /** The operation it hits, or `*` for every API operation (never the token endpoint). */
  operation: Exclude<GoogleOperation, "token"> | "*";
  kind: GoogleFaultKind;
  /** Only requests made as this user (the JWT's `sub`). */
  subject?: string;
  /** How many more requests it hits; undefined = every time. Counts down as it fires. */
  times?: number;
}

/** The first fault that applies to this request, after counting one use of it. */
export function takeFault(
  faults: GoogleFault[],
  operation: Exclude<GoogleOperation, "token">,
  subject: string | undefined,
): GoogleFault | undefined {
  const fault = faults.find((f) =>
    (f.operation === "*" || f.operation === operation) &&
    (f.subject === undefined || f.subject === subject) &&
    (f.times === undefined || f.times > 0));
  if (fault?.times !== undefined) fault.times -= 1;
  return fault;
}

/**
 * What Google answers for each kind. Directory and Drive report per-user quota as 403
 * `userRateLimitExceeded` and project quota as 429 `rateLimitExceeded` (domain usageLimits);
 * Cloud Identity, a google.rpc API, reports any quota as 429 RESOURCE_EXHAUSTED.
 */
export function faultError(kind: Exclude<GoogleFaultKind, "hang" | AnswerFault>, style: ErrorStyle): GoogleError {
  switch (kind) {
    case "permissionDenied":
      return new GoogleError(403, "forbidden", "The caller does not have permission", { rpcStatus: "PERMISSION_DENIED" });
    case "userRateLimitExceeded":
      if (style === "rpc") return quotaExhausted();
      return new GoogleError(403, "userRateLimitExceeded", "User Rate Limit Exceeded", { domain: "usageLimits" });
    case "rateLimitExceeded":
      if (style === "rpc") return quotaExhausted();
      return new GoogleError(429, "rateLimitExceeded", "Rate Limit Exceeded", { domain: "usageLimits" });
    case "backendError":
      if (style === "rpc") return new GoogleError(500, "backendError", "Internal error encountered.", { rpcStatus: "INTERNAL" });
      return new GoogleError(500, "backendError", "Internal Error");
  }
}

function quotaExhausted(): GoogleError {
  return new GoogleError(429, "rateLimitExceeded",
    "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'cloudidentity.googleapis.com'.",
    { rpcStatus: "RESOURCE_EXHAUSTED" });
}
