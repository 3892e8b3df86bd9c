import { randomUUID } from "node:crypto";

/** One Graph answer before it is written out: on its own, or as one response inside a `$batch`. */
export interface GraphAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Graph's error shape, with the request ids Graph always adds. */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  inner: Record<string, string> = {},
): GraphAnswer {
  const requestId = randomUUID();
  return {
    status,
    headers: { "Content-Type": "application/json", ...headers },
    body: {
      error: {
        code,
        message,
        innerError: { ...inner, date: new Date().toISOString().replace(/\.\d+Z$/, ""), "request-id": requestId, "client-request-id": requestId },
      },
    },
  };
}
