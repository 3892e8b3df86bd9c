import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { httpApiHandler } from "../../functions/http-adapter.ts";
import { redactedMessage, redactSecrets } from "../../providers/redact-secrets.ts";
import type { ProviderScanner } from "../../scan/provider-scanner.ts";
import { scanProvider } from "../../scan/scan-steps.ts";

const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
const PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";

describe("the providers' secret redaction", () => {
  it("blanks out every kind of credential a provider's or a tracker's message may quote", () => {
    const cases: [string, string][] = [
      ["key AKIAIOSFODNN7EXAMPLE denied", "key [access key] denied"],
      ["X-Amz-Signature=0123abcdef&x=1", "X-Amz-Signature=[redacted]&x=1"],
      [`the key ${PEM} is bad`, "the key [key] is bad"],
      ["Authorization: Bearer abc.def-ghi~jkl", "Authorization: Bearer [redacted]"],
      ["Authorization: Basic dXNlcjpzZWNyZXQ=", "Authorization: Basic [redacted]"],
      ["token ya29.a0AfH6SMBx-abc refused", "token [token] refused"],
      [`assertion ${JWT} expired`, "assertion [token] expired"],
      ["token ghp_aaaaBBBBccccDDDDeeeeFFFF0123 refused", "token [token] refused"],
      ["POST /token client_secret=s3cr3t&grant_type=x", "POST /token client_secret=[redacted]&grant_type=x"],
      ["GET /api/v2/issues?apiKey=abc123&count=100", "GET /api/v2/issues?apiKey=[redacted]&count=100"],
    ];
    for (const [text, expected] of cases) expect(redactSecrets(text), text).toBe(expected);
    // Paging tokens are not credentials and stay readable.
    expect(redactSecrets("?pageToken=abc&$skiptoken=def")).toBe("?pageToken=abc&$skiptoken=def");
  });

  it("bounds a thrown value's message", () => {
    expect(redactedMessage(new Error("x".repeat(2_000)))).toHaveLength(500);
    expect(redactedMessage(`Bearer ${JWT}`)).toBe("Bearer [redacted]");
  });

  it("keeps credentials out of the feed when a provider's collection blows up with them in its message", async () => {
    const scanner: ProviderScanner<object> = {
      provider: "aws",
      checks: [],
      configured: () => true,
      fallbackResource: (t) => ({ uid: t.id, name: t.name, type: "tenant" }),
      collect: () => Promise.reject(new Error(`request failed: Authorization: Bearer ${JWT}; key ${PEM}`)),
    };
    const run = await scanProvider(scanner, { id: "example-co", name: "Example Co." }, new Date(), {});
    expect(run.scan.status).toBe("unreachable");
    expect(run.scan.errors).toEqual([{ operation: "collect aws", code: "Error", message: "request failed: Authorization: Bearer [redacted]; key [key]" }]);
  });

  it("keeps credentials out of the Lambda log when a page request fails with them in its message, and tells the client nothing", async () => {
    const handler = httpApiHandler(() => Promise.reject(new Error(`SSM refused: Authorization: Bearer ${JWT}`)));
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => { logged.push(line); });
    try {
      const event = { rawPath: "/t/acme/", headers: {}, requestContext: { http: { method: "GET" } } } as unknown as APIGatewayProxyEventV2;
      const response = await handler(event);
      expect(response.statusCode).toBe(500);
      expect(response.body).toBe("internal error");
    } finally {
      spy.mockRestore();
    }
    expect(logged.join("\n")).toContain("Bearer [redacted]");
    expect(logged.join("\n")).not.toContain(JWT);
  });
});
