import { createSign, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace, READONLY_SCOPES } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { errorOf, googleApis, SCOPE } from "./clients.ts";

let sim: GoogleSimulator;
let api: ReturnType<typeof googleApis>;
const clientId = () => sim.workspace.serviceAccount.clientId;

beforeAll(async () => {
  sim = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
  api = googleApis(sim, { retries: 0 });
});
beforeEach(() => {
  sim.workspace.delegation = { [clientId()]: [...READONLY_SCOPES] };
  sim.resetCalls();
});
afterAll(() => sim.stop());

/** A JWT bearer assertion made by hand, for claims the library never sends wrong. */
function assertion(claims: Record<string, unknown>): string {
  const key = JSON.parse(sim.serviceAccountKey) as { private_key: string };
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}`;
  return `${input}.${createSign("RSA-SHA256").update(input).sign(key.private_key, "base64url")}`;
}

async function postGrant(jwt: string) {
  const res = await fetch(sim.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: jwt }),
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

describe("the token endpoint (JWT bearer grant with domain-wide delegation)", () => {
  it("grants a token for a delegated scope, and the API then answers as the impersonated user", async () => {
    const jwt = api.credential(EXAMPLE_CO_ADMIN, SCOPE.users);
    const tokens = await jwt.authorize();
    expect(tokens).toMatchObject({ access_token: expect.stringMatching(/^ya29\./), token_type: "Bearer" });
    const page = await api.directory.users.list({ auth: jwt, customer: "my_customer", fields: "users(primaryEmail)" });
    expect(page.data.users?.length).toBe(13);
    expect(sim.calls).toEqual({ token: 1, "users.list": 1 });
  });

  it("refuses a scope delegation does not grant with 401 unauthorized_client, as Google words it", async () => {
    sim.workspace.delegation[clientId()] = [SCOPE.users];
    const err = await errorOf(api.credential(EXAMPLE_CO_ADMIN, SCOPE.policies).authorize());
    expect(err.response?.status).toBe(401);
    expect(err.response?.data).toEqual({
      error: "unauthorized_client",
      error_description: "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.",
    });
    expect(err.message).toMatch(/^unauthorized_client: Client is unauthorized/);
  });

  it("refuses every scope to a client with no domain-wide delegation at all", async () => {
    sim.workspace.delegation = {};
    for (const scope of Object.values(SCOPE)) {
      expect((await errorOf(api.credential(EXAMPLE_CO_ADMIN, scope).authorize())).response?.data.error).toBe("unauthorized_client");
    }
  });

  it("refuses to act as a suspended user or a stranger with invalid_grant", async () => {
    for (const subject of ["yamada@example-co.jp", "nobody@elsewhere.example"]) {
      const err = await errorOf(api.credential(subject, SCOPE.metadata).authorize());
      expect(err.response).toMatchObject({ status: 400, data: { error: "invalid_grant", error_description: "Invalid email or User ID" } });
    }
  });

  it("refuses an assertion signed with another key", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const err = await errorOf(api.credential(EXAMPLE_CO_ADMIN, SCOPE.users, other).authorize());
    expect(err.response?.data).toEqual({ error: "invalid_grant", error_description: "Invalid JWT Signature." });
  });

  it("checks the audience is Google's token URL and the lifetime at most an hour, wherever it was posted", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: sim.workspace.serviceAccount.clientEmail, sub: EXAMPLE_CO_ADMIN, scope: SCOPE.users, iat: now, exp: now + 3600 };
    expect((await postGrant(assertion({ ...claims, aud: "https://oauth2.googleapis.com/token" }))).status).toBe(200);
    expect((await postGrant(assertion({ ...claims, aud: sim.tokenUrl }))).body.error_description).toMatch(/^Invalid JWT: Failed audience check/);
    const long = await postGrant(assertion({ ...claims, aud: "https://oauth2.googleapis.com/token", exp: now + 7200 }));
    expect(long.body).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/short-lived token \(60 minutes\)/) });
  });
});

describe("API calls and their tokens", () => {
  it("answers 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT, naming the accepted scopes, to a token without the method's scope", async () => {
    const err = await errorOf(api.directory.users.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.metadata), customer: "my_customer" }));
    expect(err.response?.status).toBe(403);
    expect(err.response?.data.error).toMatchObject({
      code: 403,
      message: "Request had insufficient authentication scopes.",
      errors: [{ message: "Insufficient Permission", domain: "global", reason: "insufficientPermissions" }],
      status: "PERMISSION_DENIED",
      details: [expect.objectContaining({ reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT", metadata: expect.objectContaining({ service: "admin.googleapis.com" }) })],
    });
    expect(err.response?.headers.get("www-authenticate")).toContain(`scope="https://www.googleapis.com/auth/admin.directory.user`);
  });

  it("answers 401 UNAUTHENTICATED to a request without a token", async () => {
    const res = await fetch(`${sim.rootUrl}drive/v3/files`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 401, status: "UNAUTHENTICATED", errors: [{ reason: "required", location: "Authorization" }] } });
  });
});
