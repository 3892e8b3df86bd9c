import { graphError, type GraphAnswer } from "./wire.ts";

export type GraphFaultKind = "Throttled" | "Unavailable" | "ServerError" | "Denied" | "Hang";

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

/** What Graph answers for each fault kind (Hang is no answer at all). */
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
    case "Hang":
      throw new Error("a hung request has no answer");
  }
}
