import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantConfig } from "../../../config/schema.ts";
import { FEED_SCHEMA_VERSION, type Feed } from "../../../feed/schema.ts";
import { feedProblems } from "../../../feed/validate.ts";
import { startFindingsServer, type FindingsServer } from "../../../page/server.ts";
import { scanTenant } from "../../../scan/scan-tenant.ts";
import { siteScanner } from "../../../scan/site-scanner.ts";
import { SecretReader } from "../../../secrets/secret-ref.ts";
import { startSimulatedShop, type SimulatedShop } from "../../../simulator/site/server.ts";
import { FsAnswerStore } from "../../../store/fs-answer-store.ts";
import { FsFeedStore } from "../../../store/fs-feed-store.ts";
import { FsTicketStore } from "../../../tickets/fs-ticket-store.ts";
import { TicketSync } from "../../../tickets/sync.ts";
import { startFakeTracker, type FakeTracker } from "../../support/fake-tracker.ts";

/**
 * The baseline and approval flow over the wire: the simulated shop over HTTPS, the scan
 * pipeline with the data folder's stores, the findings page's API with its session and CSRF
 * token, and a webhook tracker that sees the ticket open and close.
 */
let shop: SimulatedShop;
let hook: FakeTracker;
let dataDir: string;
let page: FindingsServer | undefined;
const events: { event: string; checkId: string }[] = [];

beforeAll(async () => {
  shop = await startSimulatedShop();
  hook = await startFakeTracker((req) => {
    const payload = JSON.parse(req.body) as { event: string; check: { id: string } };
    events.push({ event: payload.event, checkId: payload.check.id });
    return { status: 200 };
  });
  dataDir = await mkdtemp(join(tmpdir(), "cloud15-shop-"));
});

afterAll(async () => {
  await page?.stop();
  await shop.stop();
  await hook.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const tenant = (): TenantConfig => ({
  id: "shop-co",
  name: "Shop Co.",
  sites: [{ url: shop.checkoutUrl, platform: "ec-cube" }],
  tickets: [{ kind: "webhook", url: `${hook.url}/cloud15`, secret: { env: "HOOK_SECRET" }, allowPrivateNetwork: true }],
});

function scan(): Promise<Feed> {
  return scanTenant({
    tenant: tenant(),
    store: new FsFeedStore(dataDir),
    answers: new FsAnswerStore(dataDir),
    credentials: { site: { caCertificatePem: shop.caCertificatePem } },
    scanners: [siteScanner],
    tickets: new TicketSync({ store: new FsTicketStore(dataDir), secrets: new SecretReader({ env: { HOOK_SECRET: "s3cret-for-the-hook" } }), pageUrl: "https://cloud15.example.jp" }),
  });
}

const finding = (feed: Feed, checkId: string, name: string) => feed.findings.find((f) => f.checkId === checkId && f.resource.name.includes(name));
const inventory = (feed: Feed) => feed.scan.providers.find((p) => p.provider === "site")!.sites![0]!;

describe("baseline and approval of the online shop", () => {
  it("records the baseline on the first scan, in a valid 1.2 feed with the EC-site grouping", async () => {
    const feed = await scan();
    expect(feedProblems(feed)).toEqual([]);
    expect(feed.schemaVersion).toBe(FEED_SCHEMA_VERSION);
    expect(feed.groups?.[0]).toMatchObject({ id: "ec_site", status: "pass", title: { ja: "EC サイト" } });
    expect(feed.groups![0]!.references.flatMap((r) => r.items)).toEqual(expect.arrayContaining(["6.4.3", "11.6.1"]));
    expect(feed.items.every((item) => item.checks.every((id) => !id.startsWith("site.")))).toBe(true);
    expect(inventory(feed)).toMatchObject({ baseline: { source: "first_scan", by: "cloud15" }, awaitingApproval: false });
    expect(finding(feed, "site.scripts.content_changed", "/js/app.js")).toMatchObject({ status: "pass", group: "ec_site", ipaItems: [] });
  });

  it("keeps a tampered script failing, with hashes and never its text, and opens a ticket", async () => {
    shop.set({ skimmer: true });
    const feed = await scan();
    expect(finding(feed, "site.scripts.content_changed", "/js/app.js")).toMatchObject({ status: "fail", state: "new", severity: "high" });
    const app = inventory(feed).scripts.find((s) => s.src?.endsWith("/js/app.js"))!;
    expect(app).toMatchObject({ change: "changed", sha256: expect.stringMatching(/^[0-9a-f]{64}$/), baselineSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(inventory(feed).awaitingApproval).toBe(true);
    expect(JSON.stringify(feed)).not.toContain("sendBeacon");
    expect(events).toContainEqual({ event: "opened", checkId: "site.scripts.content_changed" });

    // Still unapproved: the next scan says the same.
    expect(finding(await scan(), "site.scripts.content_changed", "/js/app.js")).toMatchObject({ status: "fail", state: "open" });
  });

  it("records an approval only with the session and CSRF token, with who and when", async () => {
    page = await startFindingsServer({ dataDir, port: 0 });
    const link = page.links.find((l) => l.tenantId === "shop-co")!;
    const signIn = await fetch(`${page.url}/api/tenants/shop-co/session`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: new URL(link.url).hash.slice("#link=".length) }),
    });
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const approve = (headers: Record<string, string>, body: object) => fetch(`${page!.url}/api/tenants/shop-co/answers`, {
      method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body),
    });
    const approval = { kind: "siteApproval", site: shop.checkoutUrl, by: "保守会社 佐藤", note: "決済モジュールの更新" };

    expect((await approve({ cookie }, approval)).status).toBe(403);
    expect((await approve({ cookie, "x-csrf-token": csrfToken }, { ...approval, by: "" })).status).toBe(400);
    expect((await approve({ cookie, "x-csrf-token": csrfToken }, { ...approval, site: "https://elsewhere.example/" })).status).toBe(400);
    const accepted = await approve({ cookie, "x-csrf-token": csrfToken }, approval);
    expect(accepted.status).toBe(201);
    const { answer } = (await accepted.json()) as { answer: { kind: string; source: string; by: string; at: string } };
    expect(answer).toMatchObject({ kind: "siteBaseline", source: "approval", by: "保守会社 佐藤" });
    expect(Date.now() - Date.parse(answer.at)).toBeLessThan(60_000);
    const lines = (await readFile(join(dataDir, "shop-co", "answers.jsonl"), "utf8")).trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { source: string }).source)).toEqual(["first_scan", "approval"]);
  });

  it("passes the rescan after the approval and closes the ticket", async () => {
    const feed = await scan();
    expect(finding(feed, "site.scripts.content_changed", "/js/app.js")).toMatchObject({ status: "pass", state: "resolved" });
    expect(inventory(feed)).toMatchObject({ baseline: { source: "approval", by: "保守会社 佐藤" }, awaitingApproval: false });
    expect(feed.groups![0]!.status).toBe("pass");
    expect(events).toContainEqual({ event: "resolved", checkId: "site.scripts.content_changed" });
  });
});
