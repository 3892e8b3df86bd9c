import { graphError, type GraphAnswer } from "./wire.ts";

/**
 * `Truncated`: a 200 whose body was cut short on the way. On `$batch` the whole envelope is
 * cut in half; on an operation inside a batch its body arrives as a broken string.
 * `Unanswered`: inside a `$batch`, the operation's response is missing from the answer (on its
 * own, the request hangs).
 */
export type GraphFaultKind = "Throttled" | "Unavailable" | "ServerError" | "Denied" | "Hang" | "Truncated" | "Unanswered";

export interface GraphFault {
  /** Operation (`ListUsers`, `DriveDelta`, …), `$batch` for the batch request itself, `*` for every request. */
  operation: string;
  kind: GraphFaultKind;
  /** For Throttled and Unavailable: the `Retry-After` sent; 1 when absent. */
  retryAfterSeconds?: number;
  /** Only requests about this user, drive, site or item id. */
  resource?: string;
  /** How many more requests it hits; undefined = every time. Counts down as it fires. */
  times?: number;
}

/** The first fault that applies to this request, after counting one use of it. */
export function takeFault(faults: GraphFault[], operation: string, resource: string | undefined): GraphFault | undefined {
  const fault = faults.find((f) =>
    (f.operation === "*" || f.operation === operation) &&
    (f.resource === undefined || f.resource === resource) &&
    (f.times === undefined || f.times > 0));
  if (fault?.times !== undefined) fault.times -= 1;
  return fault;
}

/** What Graph answers for each fault kind (Hang is no answer at all; a truncated `$batch` is cut by the server). */
export function faultAnswer(fault: GraphFault): GraphAnswer {
  const retryAfter = { "Retry-After": String(fault.retryAfterSeconds ?? 1) };
  switch (fault.kind) {
    case "Throttled":
      return graphError(429, "TooManyRequests", "Too many requests", retryAfter);
    case "Unavailable":
      return graphError(503, "serviceNotAvailable", "The service is temporarily unavailable. Please retry after a delay.", retryAfter);
    case "ServerError":
      return graphError(500, "generalException", "An unspecified error has occurred.");
    case "Denied":
      return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    case "Truncated":
      return { status: 200, headers: { "Content-Type": "application/json" }, body: "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users\",\"value\":[{\"id\":\"" };
    case "Hang":
    case "Unanswered":
      throw new Error(`a ${fault.kind === "Hang" ? "hung" : "unanswered"} request has no answer`);
  }
}
