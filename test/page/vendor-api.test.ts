import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signLinkToken, VENDOR_PRINCIPAL } from "../../page/auth.ts";
import { FsTenantSecrets } from "../../page/secrets.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import type { TenantOverview } from "../../page/vendor/overview.ts";
import { acmeFeed, BETA_MARKER, CRAFTED_NAME } from "./fixtures.ts";
import { GAMMA_NAME, STALE_SINCE, writeVendorFixtureData } from "./vendor-fixtures.ts";

/** The vendor's overview API over real HTTP: who gets in, who does not, and what it says. */

let data: Awaited<ReturnType<typeof writeVendorFixtureData>>;
let server: FindingsServer;

beforeAll(async () => {
  data = await writeVendorFixtureData();
  server = await startFindingsServer({ dataDir: data.dataDir, port: 0 });
});

afterAll(async () => {
  await server?.stop();
  await data?.cleanup();
});

const tokenOf = (url: string) => new URL(url).hash.slice("#link=".length);
const tenantLink = (tenantId: string) => server.links.find((l) => l.tenantId === tenantId)!;
const UNAUTHORIZED = '{"error":"unauthorized"}';

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** The `name=value` of a Set-Cookie. */
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;

async function vendorCookie(): Promise<string> {
  const response = await post("/api/vendor/session", { token: tokenOf(server.vendorLink) });
  expect(response.status).toBe(200);
  return cookieOf(response);
}

async function ownerCookie(tenantId: string): Promise<string> {
  const response = await post(`/api/tenants/${tenantId}/session`, { token: tokenOf(tenantLink(tenantId).url) });
  expect(response.status).toBe(200);
  return cookieOf(response);
}

const overview = (headers: Record<string, string> = {}) => fetch(`${server.url}/api/vendor/overview`, { headers });

describe("the IT vendor's overview API", () => {
  it("prints a vendor link beside the tenants' links, and signs in with it to a cookie for the vendor API only", async () => {
    expect(server.vendorLink).toMatch(new RegExp(`^${server.url}/vendor#link=\\d+\\.[A-Za-z0-9_-]{43}$`));
    const response = await post("/api/vendor/session", { token: tokenOf(server.vendorLink) });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^c15_vendor_session=\d+\.[A-Za-z0-9_-]{43}; Path=\/api\/vendor\/; Max-Age=\d+; HttpOnly; SameSite=Strict/);
  });

  it("lists every tenant, most urgent first, with headline, trend, last scan and the scans that failed", async () => {
    const response = await overview({ cookie: await vendorCookie() });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { tenants } = (await response.json()) as { tenants: TenantOverview[] };
    // The damaged feed first (nobody knows its state), then 3 criticals, 1 critical, none.
    expect(tenants.map((t) => t.id)).toEqual(["delta", "gamma", "acme", "beta"]);
    const [delta, gamma, acme, beta] = tenants;
    expect(delta).toMatchObject({ unreadable: true });
    expect(gamma).toMatchObject({ name: GAMMA_NAME, critical: 3, score: 31, lastScanAt: "2025-02-03T18:10:00Z" });
    expect(gamma!.scanProblems).toEqual(expect.arrayContaining([
      expect.objectContaining({ provider: "microsoft", status: "unreachable", staleSince: STALE_SINCE }),
      expect.objectContaining({ provider: "google", status: "partial", errors: 1 }),
    ]));
    expect(acme).toMatchObject({ critical: 1, high: 3, score: 66, trend: [48, 55, 62, 66] });
    expect(beta).toMatchObject({ critical: 0, high: 1, score: 80 });
  });

  it("shows a tenant's new scan and the owner's new answer on the next load", async () => {
    const cookie = await vendorCookie();
    const before = ((await (await overview({ cookie })).json()) as { tenants: TenantOverview[] }).tenants.find((t) => t.id === "acme")!;
    // A new scan, written as the store writes it: a new file renamed over the old one.
    const next = { ...acmeFeed(70, "scan-acme-5", "2025-02-10T18:00:00Z") };
    next.summary = { ...next.summary, failBySeverity: { ...next.summary.failBySeverity, critical: 0 } };
    await writeFile(join(data.dataDir, "acme", "feed.json.tmp"), JSON.stringify(next));
    await rename(join(data.dataDir, "acme", "feed.json.tmp"), join(data.dataDir, "acme", "feed.json"));
    const after = ((await (await overview({ cookie })).json()) as { tenants: TenantOverview[] }).tenants.find((t) => t.id === "acme")!;
    expect([before.critical, before.score]).toEqual([1, 66]);
    expect(after).toMatchObject({ critical: 0, score: 70, lastScanAt: "2025-02-10T18:00:00Z", trend: [48, 55, 62, 66, 70] });
    // An answer the owner records changes the numbers the vendor sees, as on the owner's page.
    const owner = await post("/api/tenants/acme/session", { token: tokenOf(tenantLink("acme").url) });
    const csrf = ((await owner.json()) as { csrfToken: string }).csrfToken;
    const answered = await post("/api/tenants/acme/answers", { kind: "item", item: 2, answer: "not_done", by: "山田" }, { cookie: cookieOf(owner), "x-csrf-token": csrf });
    expect(answered.status).toBe(201);
    const withAnswer = ((await (await overview({ cookie })).json()) as { tenants: TenantOverview[] }).tenants.find((t) => t.id === "acme")!;
    expect(withAnswer.score).not.toBe(70);
  });

  it("says only numbers and dates: no finding's name or text reaches the vendor view", async () => {
    const body = await (await overview({ cookie: await vendorCookie() })).text();
    for (const detail of [CRAFTED_NAME, BETA_MARKER, "acme-invoices"]) expect(body).not.toContain(JSON.stringify(detail).slice(1, -1));
  });

  it("refuses a request without the vendor's session, with a tenant's session, and with a tenant's API token", async () => {
    const refusals = [
      await overview(),
      await overview({ cookie: await ownerCookie("acme") }),
      // An owner's cookie value presented under the vendor's cookie name.
      await overview({ cookie: `c15_vendor_session=${(await ownerCookie("acme")).split("=")[1]}` }),
      await overview({ authorization: `Bearer ${tenantLink("acme").apiToken}` }),
      // Even the vendor's own session does not count beside a bearer header.
      await overview({ cookie: await vendorCookie(), authorization: `Bearer ${tenantLink("acme").apiToken}` }),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(401);
      expect(await response.text()).toBe(UNAUTHORIZED);
    }
  });

  it("refuses a tenant's link, and a link signed with a tenant's secret for the vendor's name", async () => {
    const acmeSecret = (await new FsTenantSecrets(data.dataDir).get("acme"))!;
    const forged = signLinkToken(acmeSecret, VENDOR_PRINCIPAL, new Date(Date.now() + 60_000));
    for (const token of [tokenOf(tenantLink("acme").url), forged, "", "1.abc"]) {
      const response = await post("/api/vendor/session", { token });
      expect(response.status).toBe(401);
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("gives the vendor's link and session no tenant's data and no right to answer for a tenant", async () => {
    const cookie = await vendorCookie();
    const vendorValue = cookie.split("=")[1]!;
    expect((await post("/api/tenants/acme/session", { token: tokenOf(server.vendorLink) })).status).toBe(401);
    for (const path of ["/api/tenants/acme/feed", "/api/tenants/acme/history", "/api/tenants/acme/answers"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { cookie: `${cookie}; c15_session_acme=${vendorValue}` } });
      expect(response.status).toBe(401);
    }
    const answer = await post("/api/tenants/acme/answers", { kind: "item", item: 1, answer: "done", by: "vendor" }, {
      cookie: `c15_session_acme=${vendorValue}`, "x-csrf-token": "x".repeat(43),
    });
    expect(answer.status).toBe(401);
  });

  it("serves the vendor's shell with no tenant data, and ends the session on sign-out", async () => {
    const shell = await fetch(`${server.url}/vendor/`);
    expect(shell.status).toBe(200);
    const html = await shell.text();
    expect(html).toContain('src="/assets/vendor.js"');
    for (const name of ["アクメ", GAMMA_NAME]) expect(html).not.toContain(name);
    const out = await fetch(`${server.url}/api/vendor/session`, { method: "DELETE" });
    expect(out.headers.get("set-cookie")).toMatch(/^c15_vendor_session=; Path=\/api\/vendor\/; Max-Age=0/);
  });
});
