import { createHash, X509Certificate } from "node:crypto";
import https from "node:https";
import { afterEach, describe, expect, it } from "vitest";
import { httpsRequest } from "../../../providers/microsoft/transport.ts";
import { appSignIn, type TokenPost } from "../../../providers/microsoft/sign-in.ts";
import { selfSignedCertificate } from "../../../simulator/microsoft/certificate.ts";
import { EXAMPLE_CO_CLIENT_SECRET, EXAMPLE_CO_TENANT_ID, exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator } from "../../../simulator/microsoft/server.ts";
import { collectFrom, microsoftConfig } from "../../support/microsoft.ts";

let sim: MicrosoftSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** The provider's own https transport to the simulator, trusting its CA; every form posted is kept for the test to read. */
function recordingFetch(s: MicrosoftSimulator): { fetch: TokenPost; forms: URLSearchParams[] } {
  const forms: URLSearchParams[] = [];
  const agent = new https.Agent({ ca: s.caCertificatePem });
  const fetch: TokenPost = (url, init) => {
    forms.push(new URLSearchParams(init.body));
    return httpsRequest(agent, 10_000, url, { method: "POST", ...init });
  };
  return { fetch, forms };
}

const GRAPH_SCOPE = (s: MicrosoftSimulator) => `${s.origin}/.default`;
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;

async function simWithCertificate() {
  const tenant = exampleCoTenant();
  const cert = selfSignedCertificate({ commonName: "cloud15 scanner", keyType: "rsa" });
  tenant.apps[0]!.certificatePem = cert.certPem;
  sim = await startMicrosoftSimulator({ tenant });
  return { sim, cert };
}

describe("signing the app in to Entra ID", () => {
  it("signs in with the certificate by a PS256 assertion that names its SHA-256 thumbprint and the token endpoint", async () => {
    const { sim, cert } = await simWithCertificate();
    const { fetch, forms } = recordingFetch(sim);
    const token = await appSignIn(microsoftConfig(sim), { certificatePem: `${cert.keyPem}${cert.certPem}` }, GRAPH_SCOPE(sim), fetch)();
    expect(token.token).toMatch(/^ey/);
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
    // Entra's hour-long token is used until five minutes before it runs out.
    expect(token.expiresAt - token.refreshAt).toBe(300_000);

    const form = forms[0]!;
    expect(form.get("grant_type")).toBe("client_credentials");
    expect(form.get("scope")).toBe(`${sim.origin}/.default`);
    expect(form.get("client_secret")).toBeNull();
    expect(form.get("client_assertion_type")).toBe("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    const [header, payload] = form.get("client_assertion")!.split(".").slice(0, 2).map((part) => decode(part));
    expect(header).toMatchObject({
      alg: "PS256", typ: "JWT",
      "x5t#S256": createHash("sha256").update(new X509Certificate(cert.certPem).raw).digest("base64url"),
    });
    expect(payload).toMatchObject({
      aud: `${sim.origin}/${EXAMPLE_CO_TENANT_ID}/oauth2/v2.0/token`,
      iss: microsoftConfig(sim).clientId, sub: microsoftConfig(sim).clientId, jti: expect.any(String),
    });
  });

  it("names Entra's AADSTS700027 when the certificate on file is not the one registered on the app", async () => {
    const { sim } = await simWithCertificate();
    const other = selfSignedCertificate({ commonName: "someone else", keyType: "rsa" });
    const signIn = appSignIn(microsoftConfig(sim), { certificatePem: `${other.keyPem}${other.certPem}` }, GRAPH_SCOPE(sim), recordingFetch(sim).fetch);
    await expect(signIn()).rejects.toMatchObject({ name: "invalid_client", message: expect.stringMatching(/^AADSTS700027: Client assertion contains an invalid signature/) });
  });

  it("says what the file must hold when the certificate's key is not RSA", async () => {
    const { sim } = await simWithCertificate();
    const ec = selfSignedCertificate({ commonName: "ec", keyType: "ec" });
    const signIn = appSignIn(microsoftConfig(sim), { certificatePem: `${ec.keyPem}${ec.certPem}` }, GRAPH_SCOPE(sim), recordingFetch(sim).fetch);
    await expect(signIn()).rejects.toThrow("the certificate's key is ec; Entra ID signs app assertions with RSA keys only");
    expect(sim.calls.token).toBeUndefined();
  });

  it("posts the client secret in the form, and names Entra's AADSTS90002 for a tenant that does not exist", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const { fetch, forms } = recordingFetch(sim);
    await appSignIn(microsoftConfig(sim), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, GRAPH_SCOPE(sim), fetch)();
    expect(forms[0]!.get("client_secret")).toBe(EXAMPLE_CO_CLIENT_SECRET);
    const unknown = appSignIn(microsoftConfig(sim, { tenantId: "no-such-tenant.onmicrosoft.com" }), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, GRAPH_SCOPE(sim), fetch);
    await expect(unknown()).rejects.toMatchObject({ message: expect.stringMatching(/^AADSTS90002: Tenant 'no-such-tenant.onmicrosoft.com' not found/) });
  });

  it("fails the sign-in with the status, and no token, when the token endpoint answers without an OAuth error", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const gateway: TokenPost = async () => ({ status: 503, headers: { "content-type": "text/html" }, body: "<html>Service Unavailable</html>" });
    const signIn = appSignIn(microsoftConfig(sim), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, GRAPH_SCOPE(sim), gateway);
    await expect(signIn()).rejects.toMatchObject({ name: "SignInFailed", message: expect.stringContaining("HTTP 503") });
  });

  it("takes no token from a 200 that carries no bearer access_token", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    for (const body of [{ token_type: "Bearer", expires_in: 3599 }, { access_token: "ey.x.y", token_type: "pop", expires_in: 3599 }, { access_token: "ey.x.y", token_type: "Bearer", expires_in: "soon" }]) {
      const answer: TokenPost = async () => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const signIn = appSignIn(microsoftConfig(sim), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, GRAPH_SCOPE(sim), answer);
      await expect(signIn()).rejects.toMatchObject({ name: "SignInFailed" });
    }
  });

  it("keeps a token for its expires_in, an hour when Entra leaves it out, and takes none whose expires_in is not positive", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const answering = (body: object): TokenPost => async () => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const signIn = (body: object) => appSignIn(microsoftConfig(sim!), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, GRAPH_SCOPE(sim!), answering(body))();

    const before = Date.now();
    const short = await signIn({ access_token: "ey.a.b", token_type: "Bearer", expires_in: 120 });
    expect(short.expiresAt - before).toBeGreaterThanOrEqual(120_000);
    expect(short.expiresAt - before).toBeLessThan(125_000);
    // Renewed half-way through a short token, five minutes ahead of a long one.
    expect(short.expiresAt - short.refreshAt).toBe(60_000);
    const unstated = await signIn({ access_token: "ey.a.b", token_type: "Bearer" });
    expect(unstated.expiresAt - before).toBeGreaterThanOrEqual(3_599_000);
    expect(unstated.expiresAt - unstated.refreshAt).toBe(300_000);

    for (const expiresIn of [0, -60]) {
      await expect(signIn({ access_token: "ey.a.b", token_type: "Bearer", expires_in: expiresIn })).rejects.toMatchObject({ name: "SignInFailed" });
    }
  });

  it("signs in once for a whole collection of thousands of reads", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const collection = await collectFrom(sim);
    expect(collection.errors).toEqual([]);
    expect(sim.calls.token).toBe(1);
    expect(Object.values(sim.calls).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
  });
});
