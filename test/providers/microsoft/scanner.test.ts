import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MICROSOFT_CHECKS } from "../../../checks/microsoft/index.ts";
import { ConfigError, parseConfig } from "../../../config/load.ts";
import type { MicrosoftTenantConfig, TenantConfig } from "../../../config/schema.ts";
import { isFeed } from "../../../feed/validate.ts";
import { microsoftScanner } from "../../../scan/microsoft-scanner.ts";
import { scanTenant } from "../../../scan/scan-tenant.ts";
import { selfSignedCertificate } from "../../../simulator/microsoft/certificate.ts";
import { EXAMPLE_CO_CLIENT_SECRET, exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator } from "../../../simulator/microsoft/server.ts";
import { FsFeedStore } from "../../../store/fs-feed-store.ts";
import { microsoftConfig } from "../../support/microsoft.ts";

let sim: MicrosoftSimulator;
let data: string;
beforeEach(async () => {
  sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
  data = await mkdtemp(join(tmpdir(), "cloud15-m365-"));
});
afterEach(async () => {
  await sim.stop();
  await rm(data, { recursive: true, force: true });
});

const tenantWith = (microsoft: Partial<MicrosoftTenantConfig>): TenantConfig =>
  ({ id: "example-co", name: "Example Co.", microsoft: { ...microsoftConfig(sim), ...microsoft } });

function scan(tenant: TenantConfig, handed: { clientSecret?: string } = { clientSecret: EXAMPLE_CO_CLIENT_SECRET }) {
  return scanTenant({
    tenant,
    store: new FsFeedStore(data),
    scanners: [microsoftScanner],
    credentials: { microsoft: { ...handed, caCertificatePem: sim.caCertificatePem } },
  });
}

describe("Microsoft 365 scanner in the scan pipeline", () => {
  it("stores a valid feed in which every Microsoft check ran, and keeps the delta state next to it", async () => {
    const feed = await scan(tenantWith({ clientSecret: { env: "CLOUD15_TEST_UNUSED" } }));
    expect(isFeed(feed)).toBe(true);
    expect(feed.scan.providers).toEqual([expect.objectContaining({ provider: "microsoft", status: "ok", errors: [], account: `株式会社エグザンプル (${sim.tenant.tenantId})` })]);
    expect(new Set(feed.findings.map((f) => f.checkId))).toEqual(new Set(MICROSOFT_CHECKS.map((c) => c.meta.id)));
    const state = JSON.parse(await readFile(join(data, "example-co", "state", "microsoft-delta.json"), "utf8"));
    expect(Object.keys(state.drives)).toHaveLength(10);

    const again = await scan(tenantWith({ clientSecret: { env: "CLOUD15_TEST_UNUSED" } }));
    expect(again.scan.providers[0]!.notes!.map((n) => n.en)).toContain(
      "OneDrive and SharePoint: 10 drives (10 read for changes since the last scan only, 0 read in full again as the weekly re-check, 0 resynced, 0 interrupted and resumed next scan)");
    expect(again.scan.providers[0]!.apiCalls.ListItemPermissions).toBeUndefined();
  });

  it("reads the client secret from the environment variable the config names", async () => {
    process.env.CLOUD15_TEST_GRAPH_SECRET = EXAMPLE_CO_CLIENT_SECRET;
    try {
      const feed = await scan(tenantWith({ clientSecret: { env: "CLOUD15_TEST_GRAPH_SECRET" } }), {});
      expect(feed.scan.providers[0]!.status).toBe("ok");
    } finally {
      delete process.env.CLOUD15_TEST_GRAPH_SECRET;
    }
  });

  it("signs in with a certificate kept in the file the config names", async () => {
    const cert = selfSignedCertificate({ commonName: "cloud15 scanner", keyType: "rsa" });
    sim.tenant.apps[0]!.certificatePem = cert.certPem;
    const pem = join(data, "scanner.pem");
    await writeFile(pem, `${cert.keyPem}${cert.certPem}`, { mode: 0o600 });
    const feed = await scan(tenantWith({ certificate: { file: pem } }), {});
    expect(feed.scan.providers[0]).toMatchObject({ status: "ok", errors: [] });
  });

  it("makes every Microsoft check error with a clear message when the secret reference cannot be read", async () => {
    const feed = await scan(tenantWith({ clientSecret: { env: "CLOUD15_TEST_NOT_SET" } }), {});
    const provider = feed.scan.providers[0]!;
    expect(provider.status).toBe("unreachable");
    expect(provider.errors).toEqual([expect.objectContaining({
      code: "SecretError",
      message: "microsoft.clientSecret: secret from environment variable CLOUD15_TEST_NOT_SET: the variable is not set",
    })]);
    expect(feed.findings.map((f) => f.status)).toEqual(MICROSOFT_CHECKS.map(() => "error"));
    expect(sim.calls.token).toBeUndefined();
  });

  it("keeps the last Microsoft verdicts, marked stale, when the secret reference is unset after a good scan", async () => {
    const first = await scan(tenantWith({ clientSecret: { env: "CLOUD15_TEST_UNUSED" } }));
    const second = await scan(tenantWith({ clientSecret: { env: "CLOUD15_TEST_NOT_SET" } }), {});
    expect(second.scan.providers[0]).toMatchObject({ status: "unreachable", stale: { since: first.scan.startedAt } });
    expect(second.scan.providers[0]!.stale!.reason.en).toContain("CLOUD15_TEST_NOT_SET");
    expect(second.findings.map((f) => [f.id, f.status, f.state, f.lastSeen, f.stale])).toEqual(
      first.findings.map((f) => [f.id, f.status, f.state === "new" ? "open" : f.state, f.lastSeen, true]));
    expect(second.summary.score).toBe(first.summary.score);
    expect(second.summary.resolved).toBe(0);
  });

  it("says which keys to set when the config names neither a secret nor a certificate", async () => {
    const feed = await scan(tenantWith({}), {});
    expect(feed.scan.providers[0]!.errors[0]!.message).toBe("microsoft: set clientSecret or certificate to where the app registration's secret or certificate is kept");
  });

  it("names Entra's AADSTS90002 when the tenant does not exist", async () => {
    const feed = await scan(tenantWith({ tenantId: "no-such-tenant.onmicrosoft.com" }));
    expect(feed.scan.providers[0]!.errors).toEqual([expect.objectContaining({ operation: "SignIn", code: "AADSTS90002", message: expect.stringContaining("Tenant 'no-such-tenant.onmicrosoft.com' not found") })]);
  });

  it("reports Entra's refusal of a wrong secret as the reason of every check", async () => {
    const feed = await scan(tenantWith({}), { clientSecret: "wrong" });
    expect(feed.scan.providers[0]).toMatchObject({ status: "unreachable", errors: [expect.objectContaining({ operation: "SignIn", code: "AADSTS7000215" })] });
    expect(feed.findings[0]!.reason!.en).toContain("AADSTS7000215");
  });
});

describe("Microsoft 365 config", () => {
  const config = (microsoft: unknown) => JSON.stringify({ tenants: [{ id: "acme", name: "Acme", microsoft }] });
  const issues = (microsoft: unknown) => {
    try {
      parseConfig(config(microsoft), "cloud15.json");
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return "";
  };

  it("names the file, the key and what is expected when tenantId is missing", () => {
    expect(issues({ clientId: "11111111-2222-3333-4444-555555555555", clientSecret: { env: "GRAPH_SECRET" } }))
      .toMatch(/^cloud15\.json: tenants\[0\]\.microsoft\.tenantId: expected this key, required: .*Directory \(tenant\) ID/);
  });

  it("refuses a secret value where a reference belongs, and an http Graph URL", () => {
    expect(issues({ tenantId: "acme.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555", clientSecret: "s3cr3t" }))
      .toContain("tenants[0].microsoft.clientSecret");
    expect(issues({ tenantId: "acme.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555", graphUrl: "http://127.0.0.1:1" }))
      .toContain("tenants[0].microsoft.graphUrl");
  });

  it("accepts a tenant given by GUID or by domain, with a secret reference", () => {
    expect(issues({ tenantId: "acme.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555", clientSecret: { ssm: "/cloud15/acme/graph" } })).toBe("");
    expect(issues({ tenantId: "e5a7c0de-0015-4c15-8a15-0000000000e1", clientId: "11111111-2222-3333-4444-555555555555", certificate: { file: "/run/secrets/graph.pem" } })).toBe("");
  });
});

describe("trusting the simulator's certificate process-wide", () => {
  const child = (env: NodeJS.ProcessEnv) => new Promise<{ errors: { code: string; message: string }[]; organization?: unknown }>((resolve, reject) => {
    const script = new URL("../../support/microsoft-scan-child.ts", import.meta.url).pathname;
    execFile(process.execPath, ["--import", "tsx", script, sim.origin], { env: { ...process.env, ...env } }, (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout.trim().split("\n").at(-1)!));
    });
  });

  it("works through NODE_EXTRA_CA_CERTS set at process start, and fails to sign in without it", async () => {
    const ca = join(data, "simulator-ca.pem");
    await writeFile(ca, sim.caCertificatePem);
    const [trusted, untrusted] = await Promise.all([child({ NODE_EXTRA_CA_CERTS: ca }), child({ NODE_EXTRA_CA_CERTS: "" })]);
    expect(trusted).toEqual({ errors: [], organization: { id: sim.tenant.tenantId, displayName: "株式会社エグザンプル" } });
    expect(untrusted.errors).toEqual([expect.objectContaining({ operation: "SignIn", code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: expect.stringContaining("self-signed certificate") })]);
  });
});
