import https from "node:https";
import { ClientCertificateCredential, ClientSecretCredential } from "@azure/identity";
import { afterEach, describe, expect, it } from "vitest";
import { connectGraph, type GraphConnection } from "../../support/graph-sdk-client.ts";
import { ThrottleGate } from "../../../providers/microsoft/throttle.ts";
import { selfSignedCertificate } from "../../../simulator/microsoft/certificate.ts";
import { EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_CLIENT_SECRET, EXAMPLE_CO_TENANT_ID, exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { changeItem, changeSharing, deleteItem, expireDeltaTokens, type SimMicrosoftTenant } from "../../../simulator/microsoft/model.ts";
import { DELTA_PREFER } from "../../../providers/microsoft/files.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator, type MicrosoftSimulatorOptions } from "../../../simulator/microsoft/server.ts";
import { anyoneLink, SKU } from "../../../simulator/microsoft/build.ts";
import { warmUp } from "../../../simulator/microsoft/warm-up.ts";
import { microsoftConfig } from "../../support/microsoft.ts";

let sim: MicrosoftSimulator | undefined;
let connection: GraphConnection | undefined;
afterEach(async () => {
  connection?.destroy();
  connection = undefined;
  await sim?.stop();
  sim = undefined;
});

/** The real Graph client, signed in through @azure/identity against the simulator. */
async function graph(opts: Partial<MicrosoftSimulatorOptions> = {}) {
  sim = await startMicrosoftSimulator({ tenant: exampleCoTenant(), ...opts });
  connection = connectGraph(microsoftConfig(sim), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, new ThrottleGate(),
    { requestTimeoutMs: 10_000, maxSockets: 4, maxRetries: 3, caCertificatePem: sim.caCertificatePem });
  return { sim, client: connection.client };
}

const credentialOptions = (s: MicrosoftSimulator) => ({ authorityHost: s.origin, disableInstanceDiscovery: true, tlsOptions: { ca: s.caCertificatePem } });

describe("Microsoft simulator: Entra ID token endpoint", () => {
  it("signs an app in with its client secret over https, via OpenID discovery then the token endpoint", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const credential = new ClientSecretCredential(EXAMPLE_CO_TENANT_ID, EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_CLIENT_SECRET, credentialOptions(sim));
    const token = await credential.getToken(`${sim.origin}/.default`);
    const claims = JSON.parse(Buffer.from(token.token.split(".")[1]!, "base64url").toString());
    expect(claims).toMatchObject({ aud: sim.origin, tid: EXAMPLE_CO_TENANT_ID, appid: EXAMPLE_CO_CLIENT_ID, idtyp: "app" });
    expect(claims.roles).toContain("User.Read.All");
    expect(sim.calls).toMatchObject({ "openid-configuration": 1, token: 1 });
  });

  it("refuses a wrong secret with Entra's AADSTS7000215", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const credential = new ClientSecretCredential(EXAMPLE_CO_TENANT_ID, EXAMPLE_CO_CLIENT_ID, "not-the-secret", credentialOptions(sim));
    await expect(credential.getToken(`${sim.origin}/.default`)).rejects.toThrow(/AADSTS7000215: Invalid client secret provided/);
  });

  it("signs an app in with a certificate-signed client assertion, checked against the registered certificate", async () => {
    const tenant = exampleCoTenant();
    const cert = selfSignedCertificate({ commonName: "cloud15 scanner", keyType: "rsa" });
    tenant.apps[0]!.certificatePem = cert.certPem;
    sim = await startMicrosoftSimulator({ tenant });
    const good = new ClientCertificateCredential(EXAMPLE_CO_TENANT_ID, EXAMPLE_CO_CLIENT_ID, { certificate: `${cert.keyPem}${cert.certPem}` }, credentialOptions(sim));
    expect((await good.getToken(`${sim.origin}/.default`)).token).toMatch(/^ey/);

    const other = selfSignedCertificate({ commonName: "someone else", keyType: "rsa" });
    const bad = new ClientCertificateCredential(EXAMPLE_CO_TENANT_ID, EXAMPLE_CO_CLIENT_ID, { certificate: `${other.keyPem}${other.certPem}` }, credentialOptions(sim));
    await expect(bad.getToken(`${sim.origin}/.default`)).rejects.toThrow(/AADSTS700027/);
  });

  it("serves only https, with a certificate a client does not trust unless told to", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const status = (ca?: string) => new Promise<string>((resolve) => {
      https.get(`${sim!.origin}/v1.0/organization`, { ...(ca ? { ca } : {}) }, (res) => { res.resume(); resolve(String(res.statusCode)); })
        .on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    expect(await status()).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
    expect(await status(sim.caCertificatePem)).toBe("401");
  });
});

describe("Microsoft simulator: Graph", () => {
  it("pages users with @odata.nextLink, never more per page than the server allows, keeping $select", async () => {
    const { client } = await graph({ pageSizes: { users: 4 } });
    const first = await client.api("/users").select(["id", "userPrincipalName"]).top(999).get();
    expect(first.value).toHaveLength(4);
    expect(Object.keys(first.value[0]).sort()).toEqual(["id", "userPrincipalName"]);
    const seen = [...first.value];
    for (let next = first["@odata.nextLink"]; next; ) {
      const page = await client.api(next).get();
      seen.push(...page.value);
      next = page["@odata.nextLink"];
    }
    expect(seen.map((u) => u.id)).toEqual(sim!.tenant.users.map((u) => u.id));
  });

  it("answers a $batch in an order of its own, each response under its request's id, and refuses more than 20", async () => {
    const { client } = await graph();
    const requests = ["/organization", "/subscribedSkus", "/policies/identitySecurityDefaultsEnforcementPolicy", "/solutions/backupRestore"]
      .map((url, i) => ({ id: String(i + 1), method: "GET", url }));
    const { responses } = await client.api("/$batch").post({ requests });
    expect(responses.map((r: { id: string }) => r.id)).not.toEqual(["1", "2", "3", "4"]);
    const byId = Object.fromEntries(responses.map((r: { id: string; body: unknown }) => [r.id, r.body]));
    expect(byId["1"].value[0].countryLetterCode).toBe("JP");
    expect(byId["3"].isEnabled).toBe(false);
    expect(byId["4"].serviceStatus.status).toBe("enabled");
    expect(sim!.calls.$batch).toBe(1);

    const tooMany = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/organization" }));
    await expect(client.api("/$batch").post({ requests: tooMany })).rejects.toMatchObject({ statusCode: 400 });
  });

  it("refuses an app without the permission with 403 Authorization_RequestDenied", async () => {
    const tenant = exampleCoTenant();
    tenant.apps[0]!.roles = tenant.apps[0]!.roles.filter((r) => r !== "Policy.Read.All");
    const { client } = await graph({ tenant });
    await expect(client.api("/policies/identitySecurityDefaultsEnforcementPolicy").get())
      .rejects.toMatchObject({ statusCode: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." });
  });

  it("refuses the Entra ID P1 APIs of a tenant without P1 with Graph's licence error", async () => {
    const tenant: SimMicrosoftTenant = { ...exampleCoTenant(), skus: [{ ...SKU.businessStandard, enabledUnits: 10 }] };
    const { client } = await graph({ tenant });
    for (const url of ["/reports/authenticationMethods/userRegistrationDetails", "/users?$select=id,signInActivity", "/identity/conditionalAccess/policies"]) {
      await expect(client.api(url).get()).rejects.toMatchObject({ statusCode: 403, code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant" });
    }
    expect((await client.api("/users?$select=id").get()).value.length).toBeGreaterThan(0);
  });

  it("throttles with 429 and Retry-After, which the Graph client waits out and retries by itself", async () => {
    const { client } = await graph({ faults: [{ operation: "GetOrganization", kind: "Throttled", retryAfterSeconds: 1, times: 1 }] });
    const started = Date.now();
    const org = await client.api("/organization").get();
    expect(org.value[0].id).toBe(EXAMPLE_CO_TENANT_ID);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim!.calls.GetOrganization).toBe(2);
  });

  it("delta: enumerates a drive, then only its changes with the deltaLink, deletions as `deleted`", async () => {
    const { client } = await graph();
    const site = sim!.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
    const drive = site.drives[0]!;
    const full = await client.api(`/sites/${site.id}/drive/root/delta`).get();
    expect(full.value.map((i: { name: string }) => i.name)).toEqual(["root", "製品カタログ.pdf", "提案書_A社.pptx", "売上実績.xlsx"]);
    expect(full.value[1].shared).toMatchObject({ scope: "anonymous" });
    expect(full.value[2].shared).toMatchObject({ scope: "organization" });
    expect(full.value[3].shared).toBeUndefined();
    expect(full["@odata.deltaLink"]).toMatch(/\/drives\/.+\/root\/delta\?token=/);

    const [catalogue, , figures] = drive.items.slice(1);
    changeItem(drive, figures!.id, (item) => { item.name = "売上実績_2026.xlsx"; });
    deleteItem(drive, catalogue!.id);
    const changes = await client.api(full["@odata.deltaLink"]).get();
    expect(changes.value).toEqual([
      expect.objectContaining({ id: figures!.id, name: "売上実績_2026.xlsx" }),
      { id: catalogue!.id, parentReference: expect.any(Object), deleted: { state: "deleted" } },
    ]);
    const nothing = await client.api(changes["@odata.deltaLink"]).get();
    expect(nothing.value).toEqual([]);
  });

  it("delta: a token the drive no longer honours answers 410 Gone with a Location to start over", async () => {
    const { client } = await graph();
    const site = sim!.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
    const full = await client.api(`/sites/${site.id}/drive/root/delta`).get();
    expireDeltaTokens(site.drives[0]!);
    const gone = await client.api(full["@odata.deltaLink"]).get().catch((e: unknown) => e);
    expect(gone).toMatchObject({ statusCode: 410, code: "resyncRequired" });
    const location = (gone as { headers: Headers }).headers.get("location")!;
    expect((await client.api(location).get()).value).toHaveLength(4);
  });

  it("delta: a change of sharing alone appears only with Prefer deltashowsharingchanges, marked sharedChanged", async () => {
    const { client } = await graph();
    const site = sim!.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
    const drive = site.drives[0]!;
    const plain = await client.api(`/sites/${site.id}/drive/root/delta`).get();
    const preferring = await client.api(`/sites/${site.id}/drive/root/delta`).header("Prefer", DELTA_PREFER).get();
    const figures = drive.items.find((i) => i.name === "売上実績.xlsx")!;
    changeSharing(drive, figures.id, [anyoneLink("edit")]);

    expect((await client.api(plain["@odata.deltaLink"]).get()).value).toEqual([]);
    const shown = await client.api(preferring["@odata.deltaLink"]).header("Prefer", DELTA_PREFER).get();
    expect(shown.value).toEqual([expect.objectContaining({ id: figures.id, shared: expect.objectContaining({ scope: "anonymous" }), "@microsoft.graph.sharedChanged": "True" })]);
  });

  it("delta with hierarchicalsharing: `shared` only where sharing changed, an empty one where it was removed", async () => {
    const { client } = await graph();
    const site = sim!.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
    const drive = site.drives[0]!;
    const full = await client.api(`/sites/${site.id}/drive/root/delta`).header("Prefer", DELTA_PREFER).get();
    expect(full.value.find((i: { name: string }) => i.name === "製品カタログ.pdf").shared).toMatchObject({ scope: "anonymous" });
    const [catalogue, proposal] = drive.items.slice(1);
    changeItem(drive, catalogue!.id, (item) => { item.name = "製品カタログ_v2.pdf"; });
    changeSharing(drive, proposal!.id, []);
    const changes = await client.api(full["@odata.deltaLink"]).header("Prefer", DELTA_PREFER).get();
    expect(changes.value).toEqual([
      expect.not.objectContaining({ shared: expect.anything() }),
      expect.objectContaining({ id: proposal!.id, shared: {}, "@microsoft.graph.sharedChanged": "True" }),
    ]);
  });

  it("pages delta with next links when the server's page is smaller than the drive", async () => {
    const { client } = await graph({ pageSizes: { delta: 2 } });
    const site = sim!.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
    const first = await client.api(`/sites/${site.id}/drive/root/delta`).get();
    expect(first.value).toHaveLength(2);
    const second = await client.api(first["@odata.nextLink"]).get();
    expect(second.value).toHaveLength(2);
    expect(second["@odata.deltaLink"]).toBeDefined();
  });

  it("lists an item's permissions with its sharing links as Graph shapes them", async () => {
    const { client } = await graph();
    const site = sim!.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
    const drive = site.drives[0]!;
    const catalogue = drive.items[1]!;
    const { value } = await client.api(`/drives/${drive.id}/items/${catalogue.id}/permissions`).get();
    expect(value[0].roles).toEqual(["owner"]);
    expect(value[1]).toMatchObject({ roles: ["read"], hasPassword: false, link: { scope: "anonymous", type: "view", webUrl: expect.stringContaining(":w:") } });
    expect(value[1].expirationDateTime).toBeUndefined();
  });

  it("warms up without counting a call, taking a fault or changing what delta then answers", async () => {
    const { client } = await graph({ faults: [{ operation: "DriveDelta", kind: "Throttled", times: 1 }] });
    const site = sim!.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
    warmUp(sim!.tenant);
    expect(sim!.calls).toEqual({});
    expect(sim!.faults[0]!.times).toBe(1);
    const full = await client.api(`/sites/${site.id}/drive/root/delta`).get();
    // The throttle fell on the client's read, which the client then repeated.
    expect(sim!.faults[0]!.times).toBe(0);
    expect(sim!.calls.DriveDelta).toBe(2);
    expect(full.value.map((i: { name: string }) => i.name)).toEqual(site.drives[0]!.items.filter((i) => !i.deleted).map((i) => (i.parentId === undefined ? "root" : i.name)));
  });
});
