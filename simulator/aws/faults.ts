import { AwsError, type Route, type ServiceName } from "./wire.ts";

export type AwsFaultKind = "AccessDenied" | "Throttling" | "SlowDown" | "InternalError" | "Hang";

export interface AwsFault {
  /** SDK operation name, e.g. `GetBucketAcl`, or `*` for every operation. */
  operation: string;
  kind: AwsFaultKind;
  /** Only requests for this bucket. */
  bucket?: string;
  /** Only requests signed for this region (the regional services: EC2, RDS, …). */
  region?: string;
  /**
   * Only this service. S3 and S3 Control both have an operation named GetPublicAccessBlock:
   * `service: "s3-control"` targets the account-level one alone.
   */
  service?: ServiceName;
  /** How many more requests it hits; undefined = every time. Counts down as it fires. */
  times?: number;
}

/** The first fault that applies to this request, after counting one use of it. */
export function takeFault(faults: AwsFault[], service: ServiceName, route: Route, region: string): AwsFault | undefined {
  const fault = faults.find((f) =>
    (f.operation === "*" || f.operation === route.operation) &&
    (f.region === undefined || f.region === region) &&
    (f.service === undefined || f.service === service) &&
    (f.bucket === undefined || f.bucket === route.bucket) &&
    (f.times === undefined || f.times > 0));
  if (fault?.times !== undefined) fault.times -= 1;
  return fault;
}

/** The JSON services' own names for throttling and for a server fault. */
const JSON_FAULTS: Partial<Record<ServiceName, { throttle: [number, string]; internal: [number, string] }>> = {
  "backup": { throttle: [429, "ThrottlingException"], internal: [500, "ServiceUnavailableException"] },
  "cloudtrail": { throttle: [400, "ThrottlingException"], internal: [500, "InternalFailure"] },
  "support": { throttle: [400, "ThrottlingException"], internal: [500, "InternalServerError"] },
  "access-analyzer": { throttle: [429, "ThrottlingException"], internal: [500, "InternalServerException"] },
  "macie2": { throttle: [429, "ThrottlingException"], internal: [500, "InternalServerException"] },
  "account": { throttle: [429, "TooManyRequestsException"], internal: [500, "InternalServerException"] },
  "dynamodb": { throttle: [400, "ThrottlingException"], internal: [500, "InternalServerError"] },
  "efs": { throttle: [429, "ThrottlingException"], internal: [500, "InternalServerErrorException"] },
  "guardduty": { throttle: [429, "TooManyRequestsException"], internal: [500, "InternalServerErrorException"] },
};

/**
 * The error each service really answers for a fault kind. Throttling and SlowDown are the
 * same condition; each service names it its own way (S3 SlowDown 503, IAM/STS Throttling 400,
 * Backup ThrottlingException 429), so both kinds produce the service's native throttle.
 */
export function faultError(kind: Exclude<AwsFaultKind, "Hang">, service: ServiceName, route: Route, callerArn: string): AwsError {
  const s3Like = service === "s3" || service === "s3-control";
  const json = JSON_FAULTS[service];
  switch (kind) {
    case "AccessDenied": {
      const resource = route.bucket === undefined ? "*" : `arn:aws:s3:::${route.bucket}`;
      const message = `User: ${callerArn} is not authorized to perform: ${route.permission} on resource: ${resource} ` +
        `because no identity-based policy allows the ${route.permission} action`;
      if (service === "ec2") return new AwsError(403, "UnauthorizedOperation", `You are not authorized to perform this operation. ${message}`);
      if (service === "dynamodb") return new AwsError(400, "AccessDeniedException", message);
      return json ? new AwsError(403, "AccessDeniedException", message) : new AwsError(403, "AccessDenied", message);
    }
    case "Throttling":
    case "SlowDown":
      if (s3Like) return new AwsError(503, "SlowDown", "Please reduce your request rate.");
      if (json) return new AwsError(...json.throttle, "Rate exceeded");
      if (service === "tagging") return new AwsError(400, "ThrottledException", "Rate exceeded");
      if (service === "ec2") return new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
      return new AwsError(400, "Throttling", "Rate exceeded");
    case "InternalError":
      if (s3Like) return new AwsError(500, "InternalError", "We encountered an internal error. Please try again.");
      if (json) return new AwsError(...json.internal, "The request failed due to a temporary failure of the server.");
      if (service === "ec2") return new AwsError(500, "InternalError", "An internal error has occurred.");
      return new AwsError(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.");
  }
}
