import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import { launchChromium, SCREENSHOTS } from "../support/chromium.ts";
import { CRAFTED_NAME } from "./fixtures.ts";
import { GAMMA_NAME, writeVendorFixtureData } from "./vendor-fixtures.ts";

/** The IT vendor's overview in real headless Chromium against a real server over HTTP. */

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const TENANT_NAMES = [GAMMA_NAME, "株式会社アクメ商事", "ベータ工業株式会社"];

let data: Awaited<ReturnType<typeof writeVendorFixtureData>>;
let server: FindingsServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  data = await writeVendorFixtureData();
  server = await startFindingsServer({ dataDir: data.dataDir, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.stop();
  await data?.cleanup();
});

/** The morning after the fixtures' last scans, so "days ago" reads as a vendor would see it. */
const NOW = new Date("2025-02-05T09:00:00+09:00");

/** A fresh browser profile; page errors and console errors (a CSP violation is one) are recorded. */
async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  await context.clock.setFixedTime(NOW);
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !/401/.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

const tenantLink = (tenantId: string) => server.links.find((l) => l.tenantId === tenantId)!.url;

describe("the IT vendor's overview in Chromium", () => {
  it("signs in with the vendor's link, drops the token from the address and shows every tenant, most urgent first, in Japanese", async () => {
    const { page, errors } = await newPage();
    await page.goto(server.vendorLink);
    await page.locator("tr.tenant").first().waitFor();
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    expect(await page.locator("tr.tenant").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-tenant")))).toEqual(["delta", "gamma", "acme", "beta"]);

    const gamma = page.locator('tr[data-tenant="gamma"]');
    await expect.poll(() => gamma.locator(".headline").innerText()).toContain("緊急 3 件");
    expect(await gamma.locator(".score").innerText()).toBe("31 点");
    const scans = await gamma.locator(".scans li").allInnerTexts();
    expect(scans.join("\n")).toMatch(/Microsoft 365: 接続できませんでした（2025\/01\/28 03:00 の結果を表示中）/);
    expect(scans.join("\n")).toMatch(/Google Workspace: 一部を読めませんでした（1 件）/);
    // Raw provider text only behind the engineers' disclosure.
    expect(await gamma.locator("details pre").isVisible()).toBe(false);
    // A feed that cannot be read is unknown, never "nothing urgent".
    const delta = page.locator('tr[data-tenant="delta"]');
    expect(await delta.locator(".headline").innerText()).toBe("不明");
    expect(await delta.locator(".scans").innerText()).toContain("結果のファイルを読めません");
    expect(await gamma.locator("time + .ago").innerText()).toBe("1 日前");
    expect(await page.locator('tr[data-tenant="acme"] .trend svg').getAttribute("aria-label")).toBe("スコアの推移: 48 → 55 → 62 → 66");
    expect(await page.locator('tr[data-tenant="beta"] .headline').innerText()).toContain("緊急なし");
    expect(await page.locator(".totals").innerText()).toBe("4 社 · 緊急の問題がある会社 2 社 · 点検できなかった会社 4 社");
    expect(await page.content()).not.toContain(CRAFTED_NAME);
    await page.screenshot({ path: `${SCREENSHOTS}vendor-ja.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("switches to English and keeps it", async () => {
    const { page, errors } = await newPage();
    await page.goto(server.vendorLink);
    await page.locator("tr.tenant").first().waitFor();
    await page.getByRole("button", { name: "Switch to English" }).click();
    expect(await page.locator("h1").innerText()).toBe("Your clients (for the IT vendor)");
    expect(await page.locator('tr[data-tenant="gamma"] .headline').innerText()).toContain("3 urgent");
    expect(await page.locator('tr[data-tenant="gamma"] .scans').innerText()).toMatch(/Microsoft 365: could not be reached \(showing results from/);
    await page.reload();
    await page.locator("h1").waitFor();
    expect(await page.locator("h1").innerText()).toBe("Your clients (for the IT vendor)");
    expect(errors).toEqual([]);
  });

  it("fits a phone: every tenant is a card without sideways scrolling", async () => {
    const { page } = await newPage(PHONE);
    await page.goto(server.vendorLink);
    await page.locator("tr.tenant").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    for (const name of TENANT_NAMES) expect(await page.getByText(name).isVisible()).toBe(true);
  });

  it("refuses an owner who is signed in to their own page, and shows them no tenant", async () => {
    const { page } = await newPage();
    await page.goto(tenantLink("acme"));
    await page.locator(".score-number").waitFor();
    await page.goto(new URL("/vendor", server.url).href);
    await page.locator(".notice h2").waitFor();
    expect(await page.locator(".notice").innerText()).toContain("IT ベンダー用のリンクを開いてください");
    expect(await page.locator("tr.tenant").count()).toBe(0);
    for (const name of TENANT_NAMES) expect(await page.content()).not.toContain(name);
  });

  it("refuses an owner's link opened as the vendor's", async () => {
    const { page } = await newPage();
    const ownerToken = new URL(tenantLink("acme")).hash;
    await page.goto(`${server.url}/vendor${ownerToken}`);
    await page.locator('.notice [role="alert"]').waitFor();
    expect(await page.locator(".notice").innerText()).toContain("IT ベンダー用のものではありません");
    expect(await page.locator("tr.tenant").count()).toBe(0);
    expect(new URL(page.url()).hash).toBe("");
  });
});
