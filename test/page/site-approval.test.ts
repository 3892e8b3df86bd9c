import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantConfig } from "../../config/schema.ts";
import type { Feed } from "../../feed/schema.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import { scanTenant } from "../../scan/scan-tenant.ts";
import { siteScanner } from "../../scan/site-scanner.ts";
import { startSimulatedShop, type SimulatedShop } from "../../simulator/site/server.ts";
import { FsAnswerStore } from "../../store/fs-answer-store.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";
import { launchChromium } from "../support/chromium.ts";

/**
 * The shop's baseline and approval in real headless Chromium: the tampered script shows in the
 * 「EC サイト」 section by origin and hash (never its text), the owner approves it with a name,
 * and the next scan passes.
 */
const SCREENSHOT = fileURLToPath(new URL("../../docs/screenshots/online-shop-ja.png", import.meta.url));

let shop: SimulatedShop;
let dataDir: string;
let server: FindingsServer;
let browser: Browser;

const tenant = (): TenantConfig => ({ id: "shop-co", name: "ショップ株式会社", language: "ja", sites: [{ url: shop.checkoutUrl, adminUrls: [shop.adminUrl], platform: "ec-cube" }] });
const scan = () => scanTenant({
  tenant: tenant(), store: new FsFeedStore(dataDir), answers: new FsAnswerStore(dataDir),
  credentials: { site: { caCertificatePem: shop.caCertificatePem } }, scanners: [siteScanner],
});

beforeAll(async () => {
  shop = await startSimulatedShop();
  dataDir = await mkdtemp(join(tmpdir(), "cloud15-shop-page-"));
  await scan();
  shop.set({ skimmer: true });
  await scan();
  server = await startFindingsServer({ dataDir, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await shop?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the online shop on the findings page", () => {
  it("shows the tampered script by origin and hash, is approved by name, and the rescan passes", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(server.links.find((l) => l.tenantId === "shop-co")!.url);
    const section = page.locator("section#shop");
    await section.waitFor();

    await expect.poll(() => section.locator("h2").textContent()).toBe("EC サイト（オンラインショップ）");
    const changed = section.locator('tr[data-change="changed"]');
    expect(await changed.count()).toBe(1);
    expect(await changed.textContent()).toContain("/js/app.js");
    expect(await changed.textContent()).toContain("中身が変化");
    expect(await section.textContent()).not.toContain("sendBeacon");
    expect(await section.locator(".shop-alert").count()).toBe(1);
    await section.screenshot({ path: SCREENSHOT });
    // The same section in English, then back to Japanese for the approval.
    await page.click("#language-switch");
    await expect.poll(() => section.locator("h2").textContent()).toBe("Online shop");
    expect(await section.locator('tr[data-change="changed"]').textContent()).toContain("content changed");
    expect(await section.locator(".shop-alert").textContent()).toContain("differs from its baseline");
    await page.click("#language-switch");
    await expect.poll(() => section.locator("h2").textContent()).toBe("EC サイト（オンラインショップ）");

    // Without a name the approval is refused on the page, and nothing is stored.
    await section.locator("#shop-approve-0").click();
    await expect.poll(() => section.locator(".shop-approve [role=status]").textContent()).toContain("お名前");

    await page.locator("#answerer").fill("保守会社 佐藤");
    await section.locator("#shop-note-0").fill("決済モジュールの更新");
    await section.locator("#shop-approve-0").click();
    await expect.poll(() => page.locator("#answer-status").textContent()).toContain("EC サイトの承認");
    const lines = (await readFile(join(dataDir, "shop-co", "answers.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { source: string; by: string; note?: string });
    expect(lines.at(-1)).toMatchObject({ source: "approval", by: "保守会社 佐藤", note: "決済モジュールの更新" });

    const after = await scan();
    const finding = (feed: Feed) => feed.findings.find((f) => f.checkId === "site.scripts.content_changed" && f.resource.name.endsWith("/js/app.js"));
    expect(finding(after)).toMatchObject({ status: "pass", state: "resolved" });
    await page.reload();
    await section.waitFor();
    expect(await section.locator('tr[data-change="changed"]').count()).toBe(0);
    expect(await section.textContent()).toContain("保守会社 佐藤 さんが承認");
    expect(errors).toEqual([]);
    await context.close();
  });
});
