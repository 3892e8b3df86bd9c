import { gzipSync } from "node:zlib";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { PageHandler, PageRequest } from "../page/handler.ts";
import { redactedMessage } from "../providers/redact-secrets.ts";
import { log } from "./log.ts";

/** Below this, gzip saves less than it costs. */
const MIN_GZIP_BYTES = 1024;

/**
 * API Gateway HTTP API (payload 2.0) ⇄ the page handler's request and response, the Lambda
 * twin of page/server.ts. Payload 2.0 takes cookies out of the headers, both ways: the
 * browser's `Cookie` arrives as `event.cookies`, and a `Set-Cookie` must leave as `cookies`.
 */
export function httpApiHandler(handle: PageHandler) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const method = event.requestContext.http.method;
    const headers: Record<string, string | undefined> = { ...event.headers };
    if (event.cookies?.length) headers.cookie = event.cookies.join("; ");
    const request: PageRequest = {
      method,
      path: event.rawPath,
      headers,
      ...(event.body !== undefined ? { body: event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body } : {}),
    };
    try {
      const response = await handle(request);
      const { "set-cookie": setCookie, ...rest } = response.headers;
      const body = method === "HEAD" ? "" : response.body;
      // API Gateway does not compress, and a Lambda's answer is capped at 6 MB: a large
      // account's feed (12 MB of JSON) only fits gzipped. Every browser and curl accept gzip.
      const gzip = body.length >= MIN_GZIP_BYTES && /\bgzip\b/i.test(request.headers["accept-encoding"] ?? "");
      return {
        statusCode: response.status,
        headers: gzip ? { ...rest, "content-encoding": "gzip", vary: "accept-encoding" } : rest,
        ...(setCookie ? { cookies: [setCookie] } : {}),
        ...(gzip ? { body: gzipSync(body).toString("base64"), isBase64Encoded: true } : { body }),
      };
    } catch (error) {
      // The detail goes to the log, never to the client; the tenant id helps find it.
      log("error", "page request failed", { path: event.rawPath, error: error instanceof Error ? `${error.name}: ${redactedMessage(error)}` : redactedMessage(error) });
      return { statusCode: 500, headers: { "content-type": "text/plain; charset=utf-8" }, body: "internal error" };
    }
  };
}
