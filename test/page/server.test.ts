import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPageAssets } from "../../page/assets.ts";
import { signLinkToken } from "../../page/auth.ts";
import { FsTenantFeeds } from "../../page/feeds.ts";
import { createPageHandler } from "../../page/handler.ts";
import { FsTenantSecrets } from "../../page/secrets.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import { ACME_TREND, BETA_MARKER, CRAFTED_NAME, writeFixtureData } from "./fixtures.ts";

/** The page server over real HTTP, without a browser: headers, status codes and bodies. */

let data: Awaited<ReturnType<typeof writeFixtureData>>;
let server: FindingsServer;

beforeAll(async () => {
  data = await writeFixtureData();
  server = await startFindingsServer({ dataDir: data.dataDir, port: 0 });
});

afterAll(async () => {
  await server?.stop();
  await data?.cleanup();
});

const link = (tenantId: string) => server.links.find((l) => l.tenantId === tenantId)!;
const linkToken = (tenantId: string) => new URL(link(tenantId).url).hash.slice("#link=".length);
const UNAUTHORIZED = '{"error":"unauthorized"}';

async function startSession(tenantId: string, token: string) {
  return fetch(`${server.url}/api/tenants/${tenantId}/session`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }),
  });
}

describe("the findings page server", () => {
  it("prints one link and API token per tenant with a feed, and keeps each secret owner-only", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.links.map((l) => l.tenantId)).toEqual(["acme", "beta"]);
    expect(link("acme").url).toMatch(new RegExp(`^${server.url}/t/acme/#link=\\d+\\.[A-Za-z0-9_-]{43}$`));
    expect(link("acme").apiToken).not.toBe(link("beta").apiToken);
    for (const tenantId of ["acme", "beta"]) {
      expect((await stat(join(data.dataDir, tenantId, ".page-secret"))).mode & 0o777).toBe(0o600);
    }
  });

  it("serves a shell with no tenant data, under a strict policy", async () => {
    const response = await fetch(`${server.url}/t/acme/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const secret of ["アクメ", "acme-invoices", CRAFTED_NAME, BETA_MARKER]) expect(html).not.toContain(secret);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("serves the script and styles with their types, and revalidates them by ETag", async () => {
    const script = await fetch(`${server.url}/assets/app.js`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await script.text()).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    const styles = await fetch(`${server.url}/assets/styles.css`);
    expect(styles.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const again = await fetch(`${server.url}/assets/styles.css`, { headers: { "if-none-match": styles.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${server.url}/t/..%2f..%2fetc/`)).status).toBe(404);
  });

  it("answers 401 with the same empty body to every request without a valid credential", async () => {
    const attempts: [string, Record<string, string>][] = [
      ["/api/tenants/acme/feed", {}],
      ["/api/tenants/acme/history", {}],
      ["/api/tenants/acme/feed", { authorization: "Bearer c15_wrong" }],
      ["/api/tenants/acme/feed", { authorization: `Bearer ${link("beta").apiToken}` }],
      ["/api/tenants/acme/feed", { authorization: `Basic ${link("acme").apiToken}` }],
      ["/api/tenants/acme/feed", { cookie: "c15_session_acme=123.abc" }],
      ["/api/tenants/ghost/feed", {}],
      ["/api/tenants/..%2facme/feed", {}],
    ];
    for (const [path, headers] of attempts) {
      const response = await fetch(`${server.url}${path}`, { headers });
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="cloud15"');
      expect(await response.text()).toBe(UNAUTHORIZED);
    }
    // A request for an unknown tenant creates nothing on disk (the vendor's secret is the server's, made at start).
    expect((await readdir(data.dataDir)).sort()).toEqual([".vendor-secret", "acme", "beta"]);
  });

  it("exchanges a link for a session cookie that reads the tenant's feed and score trend", async () => {
    const response = await startSession("acme", linkToken("acme"));
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^c15_session_acme=\d+\.[A-Za-z0-9_-]{43}; Path=\/api\/tenants\/acme\/; Max-Age=43200; HttpOnly; SameSite=Strict$/);
    const cookie = setCookie.split(";")[0]!;

    const feed = await fetch(`${server.url}/api/tenants/acme/feed`, { headers: { cookie } });
    expect(feed.status).toBe(200);
    expect(feed.headers.get("cache-control")).toBe("no-store");
    expect(((await feed.json()) as { tenant: { id: string } }).tenant.id).toBe("acme");
    const trend = await fetch(`${server.url}/api/tenants/acme/history`, { headers: { cookie } });
    const history = (await trend.json()) as {
      points: Record<string, unknown>[];
      monthAgo: { scanId: string; failing: { checkId: string; name: string; type: string }[] };
    };
    expect(history.points.map((p) => p.score)).toEqual(ACME_TREND);
    // Each point carries the open critical and high problems, and only the month-ago scan its failing findings.
    expect(history.points.at(-1)).toEqual({ scanId: "scan-acme-4", finishedAt: "2025-02-03T18:00:00Z", score: ACME_TREND.at(-1), critical: 1, high: 3 });
    expect(history.monthAgo.scanId).toBe("scan-acme-1");
    expect(history.monthAgo.failing.map((f) => f.checkId)).toContain("aws.iam.password_policy");
    expect(history.monthAgo.failing.map((f) => f.checkId)).not.toContain("aws.s3.bucket_public");

    // The same cookie value is worthless for another tenant.
    const asBeta = await fetch(`${server.url}/api/tenants/beta/feed`, { headers: { cookie: cookie.replace("acme", "beta") } });
    expect(asBeta.status).toBe(401);

    const signOut = await fetch(`${server.url}/api/tenants/acme/session`, { method: "DELETE" });
    expect(signOut.headers.get("set-cookie")).toContain("c15_session_acme=; Path=/api/tenants/acme/; Max-Age=0");
  });

  it("refuses expired, tampered and other tenants' links, and requests that are not JSON", async () => {
    const secret = (await new FsTenantSecrets(data.dataDir).get("acme"))!;
    expect((await startSession("acme", signLinkToken(secret, "acme", new Date(Date.now() - 1)))).status).toBe(401);
    // The last character of the MAC also carries two spare bits: A and B there decode to the
    // same bytes, and must still be refused.
    expect((await startSession("acme", linkToken("acme").replace(/.$/, (c) => (c === "A" ? "B" : "A")))).status).toBe(401);
    expect((await startSession("acme", linkToken("beta"))).status).toBe(401);
    expect((await startSession("ghost", linkToken("acme"))).status).toBe(401);

    const form = await fetch(`${server.url}/api/tenants/acme/session`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `token=${linkToken("acme")}`,
    });
    expect(form.status).toBe(415);
    expect(form.headers.get("set-cookie")).toBeNull();
    const huge = await fetch(`${server.url}/api/tenants/acme/session`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: "x".repeat(20_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${server.url}/api/tenants/acme/feed`, { method: "PUT" })).status).toBe(405);
  });

  it("marks the session cookie Secure when not served on loopback", async () => {
    const handle = createPageHandler({
      feeds: new FsTenantFeeds(data.dataDir), secrets: new FsTenantSecrets(data.dataDir),
      assets: await buildPageAssets(), secureCookies: true,
    });
    const response = await handle({
      method: "POST", path: "/api/tenants/acme/session",
      headers: { "content-type": "application/json" }, body: JSON.stringify({ token: linkToken("acme") }),
    });
    expect(response.status).toBe(200);
    expect(response.headers["set-cookie"]).toMatch(/; Secure$/);
  });
});
