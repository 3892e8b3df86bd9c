import { AwsError, requestId, type SimRequest, type SimResponse } from "./wire.ts";

/**
 * The two JSON protocols of the AWS services: JSON 1.1 (one POST path, the operation in
 * `X-Amz-Target`, errors as `__type` in the body) and REST-JSON (operations by method and
 * path, errors named in the `x-amzn-errortype` header).
 */

export function awsJson(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId(), ...headers },
    body: JSON.stringify(body),
  };
}

export function awsJsonError(err: AwsError): SimResponse {
  return awsJson(err.status, { __type: err.code, message: err.message }, err.headers);
}

/** The operation of a JSON 1.1 request: `CloudTrail_20131101.DescribeTrails` → `DescribeTrails` when the prefix matches. */
export function jsonTarget(req: SimRequest, prefix: string): string | undefined {
  const target = String(req.headers["x-amz-target"] ?? "");
  return req.method === "POST" && target.startsWith(`${prefix}.`) ? target.slice(prefix.length + 1) : undefined;
}

/** The request body of a JSON protocol; malformed JSON is the service's own 400. */
export function jsonBody<T>(req: SimRequest, invalid: (message: string) => AwsError): T {
  if (req.body === "") return {} as T;
  try {
    return JSON.parse(req.body) as T;
  } catch {
    throw invalid("The request body is not valid JSON");
  }
}

export function restJson(status: number, body: object, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId(), ...headers },
    body: JSON.stringify(body),
  };
}

export function restJsonError(err: AwsError): SimResponse {
  return restJson(err.status, { message: err.message }, { "x-amzn-errortype": err.code, ...err.headers });
}
