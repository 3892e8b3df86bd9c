import { createHash, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { SimAwsAccount } from "./model.ts";

/** One HTTP request, with what its SigV4 credential scope says. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Signing name from the credential scope: `s3` (also S3 Control), `iam`, `sts`, `backup`, `tagging`. */
  signingService: string;
  region: string;
  accessKeyId: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ServiceName =
  | "s3" | "s3-control" | "iam" | "sts" | "backup" | "tagging"
  | "cloudtrail" | "access-analyzer" | "account" | "support" | "macie2"
  | "ec2" | "rds" | "dynamodb" | "efs" | "guardduty";

/** State the server keeps beside the account model: things the API itself creates. */
export interface SimState {
  credentialReport: "none" | "started" | "complete";
  credentialReportGeneratedAt?: string;
  /** Temporary credentials handed out by AssumeRole, by access key id. */
  sessions: Map<string, { roleArn: string; sessionName: string }>;
}

export interface SimContext {
  account: SimAwsAccount;
  state: SimState;
}

/** What a request turned out to be, decided before faults and latency apply. */
export interface Route {
  /** SDK operation name, e.g. `GetBucketAcl`. */
  operation: string;
  /** IAM action a policy must allow, e.g. `s3:GetBucketPublicAccessBlock`. */
  permission: string;
  bucket?: string;
  respond(): SimResponse;
}

export interface SimService {
  name: ServiceName;
  route(req: SimRequest, ctx: SimContext): Route;
  /** Renders an error in the service's own protocol, so the SDK parses its code. */
  error(err: AwsError): SimResponse;
}

/** An error a handler throws; each service renders it in its protocol. */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements of the error document (S3's BucketName, Endpoint, ...). */
    readonly details: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function requestId(): string {
  return randomUUID();
}

/** An unsupported request: the simulator serves the read operations the scanner uses. */
export function unsupported(service: ServiceName, operation: string, error: () => AwsError): Route {
  return {
    operation,
    permission: `${service}:${operation}`,
    respond: () => {
      throw error();
    },
  };
}

/**
 * Pages a list with an opaque token, as the AWS list APIs do. A token the simulator did not
 * issue gets the service's own invalid-parameter error.
 */
export function pageOf<T>(
  items: readonly T[],
  token: string | null | undefined,
  size: number,
  invalid: (message: string) => AwsError,
): { items: T[]; next?: string } {
  let start = 0;
  if (token) {
    const offset = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"))?.[1];
    if (offset === undefined || Number(offset) > items.length) throw invalid("Invalid pagination token");
    start = Number(offset);
  }
  const end = Math.min(items.length, start + size);
  const page = items.slice(start, end);
  return end < items.length ? { items: page, next: Buffer.from(`offset:${end}`).toString("base64url") } : { items: page };
}

/** An integer parameter within AWS's documented range; undefined when absent. */
export function intParam(
  name: string,
  value: string | null | undefined,
  range: { min: number; max: number },
  invalid: (message: string) => AwsError,
): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw invalid(`${name} must be an integer from ${range.min} to ${range.max}`);
  }
  return n;
}

/** ISO 8601 without milliseconds, as IAM and STS write timestamps. */
export function isoSeconds(date: string | Date): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** IAM-style unique id (`AIDA…` user, `AGPA…` group, `AROA…` role): stable for a name. */
export function stableId(prefix: string, name: string): string {
  const digest = createHash("sha256").update(name).digest();
  return prefix + Array.from(digest.subarray(0, 17), (byte) => "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[byte % 32]).join("");
}
