import { readFile } from "node:fs/promises";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signLinkToken } from "../../page/auth.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import { ACME_SCORE, ACME_SPECS, BETA_MARKER, CRAFTED_NAME, FORMULA_NAME, writeFixtureData } from "./fixtures.ts";
import { launchChromium, SCREENSHOTS } from "../support/chromium.ts";

/**
 * The findings page in real headless Chromium against a real server over HTTP. One browser
 * for the file; each test gets a fresh context (its own cookies and storage).
 */

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 780 };

let data: Awaited<ReturnType<typeof writeFixtureData>>;
let server: FindingsServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  data = await writeFixtureData();
  server = await startFindingsServer({ dataDir: data.dataDir, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await data?.cleanup();
});

function linkFor(tenantId: string) {
  const link = server.links.find((l) => l.tenantId === tenantId);
  if (!link) throw new Error(`no link for ${tenantId}`);
  return link;
}

/** A fresh browser profile. Any dialog, page error or console error (a CSP violation is one) is recorded. */
async function newPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  contexts.push(context);
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { context, page, dialogs, errors };
}

/** Opens tenant's signed link and waits for the results. */
async function openAs(tenantId: string, viewport = DESKTOP) {
  const opened = await newPage(viewport);
  await opened.page.goto(linkFor(tenantId).url);
  await opened.page.locator(".score-number").waitFor();
  return opened;
}

const findingRows = (page: Page) => page.locator(".finding-list > details");

describe("the findings page in Chromium", () => {
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  it("signs in with the link, drops the token from the address and leads with the urgent count and what to do, in Japanese", async () => {
    const { page, dialogs, errors } = await openAs("acme");
    expect(page.url()).not.toContain("link=");
    expect(page.url()).toMatch(/\/t\/acme\/$/);
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    await expect(page.locator("h1").textContent()).resolves.toBe("クラウド安全チェック");
    // The urgent count comes first; the score second, with what it means.
    expect(await page.locator(".headline-urgent").textContent()).toBe("緊急 1 件");
    expect(await page.locator(".score-number").textContent()).toBe(String(ACME_SCORE));
    expect(await page.locator(".headline-score").textContent()).toContain("合格点ではありません");

    // Administrators without MFA (the root user among them) first, with steps, who and how long.
    const firstAction = page.locator(".action-list > li").first();
    expect(await firstAction.locator("h3").textContent()).toContain("管理者 2 人が、パスワードだけでサインインできます");
    expect(await firstAction.locator(".action-targets").textContent()).toContain("AWS アカウント 123456789012");
    expect(await firstAction.locator(".steps li").first().textContent()).toBe("管理画面を開く");
    expect(await firstAction.locator(".who").textContent()).toBe("担当: 社長・社内の担当者");
    expect(await firstAction.locator(".time").textContent()).toMatch(/^目安: 約 \d+ 分$/);
    expect(await page.locator(".providers .warning").textContent()).toContain("一部の情報を読み取れませんでした");

    expect(await page.locator(".item-grid > li").count()).toBe(15);
    const item9 = page.locator('.item[data-item="9"]');
    expect(await item9.locator(".item-status").textContent()).toBe("✗要対応");
    expect(await item9.locator(".item-counts").textContent()).toBe("自動確認: 要対応 3 件（緊急 1・高 1・中 1）・確認できず 1 件");
    expect(await page.locator('.item[data-item="11"] .item-status').textContent()).toBe("✓問題なし");
    expect(await page.locator('.item[data-item="1"] .item-answer').textContent()).toBe("回答: 実施済み");

    // Change over time: the chart has a point per scan, and what was fixed and what is new since the oldest.
    expect(await page.locator(".trend").textContent()).toContain("スコアは前回 62 点 → 今回 66 点（+4）");
    expect(await page.locator(".trend-chart circle").count()).toBe(4);
    expect(await page.locator(".trend-chart .bar-critical").count()).toBe(4);
    expect(await page.locator(".changes-fixed h3").textContent()).toBe("2025/01/13 から直ったもの（1 件）");
    expect(await page.locator(".changes-fixed").textContent()).toContain("パスワードポリシーが弱いです");
    expect(await page.locator(".changes-new h3").textContent()).toBe("2025/01/13 以降に見つかったもの（1 件）");
    expect(await page.locator(".changes-new").textContent()).toContain("acme-invoices");

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("switches to English and remembers it after a reload", async () => {
    const { page, errors } = await openAs("acme");
    await page.click("#language-switch");
    expect(await page.locator("h1").textContent()).toBe("Cloud safety check");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator(".headline-urgent").textContent()).toBe("1 urgent problems");
    expect(await page.locator(".action-list > li h3").first().textContent()).toContain("2 administrators sign in with a password alone");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("language-switch");

    await page.reload();
    await page.locator(".score-number").waitFor();
    expect(await page.locator("h1").textContent()).toBe("Cloud safety check");
    expect(await page.locator('.item[data-item="9"] .item-status').textContent()).toBe("✗Fix needed");

    await page.click("#language-switch");
    expect(await page.locator("h1").textContent()).toBe("クラウド安全チェック");
    expect(errors).toEqual([]);
  });

  it("narrows the list with the filters and the search box", async () => {
    const { page, errors } = await openAs("acme");
    const rows = findingRows(page);
    const total = ACME_SPECS.length;
    expect(await rows.count()).toBe(total);

    await page.selectOption("#filter-provider", "microsoft");
    expect(await rows.count()).toBe(2);
    for (const text of await rows.locator(".provider").allTextContents()) expect(text).toBe("Microsoft 365");

    await page.selectOption("#filter-severity", "medium");
    expect(await rows.count()).toBe(1);
    expect(await page.locator(".shown-count").textContent()).toBe(`${total} 件中 1 件を表示`);

    await page.click(".filters button[type=reset]");
    expect(await rows.count()).toBe(total);

    await page.selectOption("#filter-status", "fail");
    expect(await rows.count()).toBe(7);
    await page.check("#filter-new");
    expect(await rows.count()).toBe(3);
    await page.selectOption("#filter-item", "8");
    expect(await rows.count()).toBe(2);

    await page.click(".filters button[type=reset]");
    await page.fill("#filter-search", "ＩＮＶＯＩＣＥＳ"); // full-width, as typed with a Japanese keyboard
    await page.press("#filter-search", "Enter"); // stays on the page: the filter form never submits
    expect(await rows.count()).toBe(2);
    expect(await rows.locator(".resource-name").allTextContents()).toEqual(["acme-invoices", "acme-invoices"]);
    await page.fill("#filter-search", "no such thing");
    expect(await page.locator(".finding-list").textContent()).toBe("条件に合う結果はありません。");

    // A grid item's button shows that item's results.
    await page.click('.item[data-item="10"] .show-findings');
    expect(await rows.count()).toBe(1);
    expect(await page.inputValue("#filter-item")).toBe("10");
    expect(await page.inputValue("#filter-search")).toBe("");
    expect(errors).toEqual([]);
  });

  it("lists an action's findings, each with its evidence in words, the steps, and the raw data only for engineers", async () => {
    const { page } = await openAs("acme");
    await page.locator(".action-list > li").first().locator("button", { hasText: "対象の一覧を見る" }).click();
    expect(await findingRows(page).count()).toBe(2);
    expect(await page.locator(".shown-count").textContent()).toBe(`${ACME_SPECS.length} 件中 2 件を表示`);
    const detail = page.locator(".finding-list > details", { hasText: "ルートユーザーで MFA が有効になっていません。" });
    await detail.locator("> summary").click();
    const body = detail.locator(".finding-body");
    expect(await body.locator(".evidence").textContent()).toContain("多要素認証 (MFA): 未設定");
    expect(await body.locator(".steps li").allTextContents()).toEqual(["管理画面を開く", "ルートユーザーに多要素認証がありませんを直す"]);
    expect(await body.textContent()).toContain("iam > 設定");
    expect(await body.textContent()).toContain("確認していること");
    // The raw evidence is there for the IT vendor, but closed and apart.
    expect(await body.evaluate((el) => (el as HTMLElement).innerText)).not.toContain("mfaActive");
    await detail.locator(".tech-details > summary").click();
    expect(await detail.locator(".tech-details").textContent()).toContain("mfaActive");
    expect(await detail.locator(".links a").getAttribute("href")).toBe("https://docs.example/fix");

    await page.click(".filters button[type=reset]");
    // Keyboard: a summary opens with Enter.
    const bucket = page.locator(".finding-list > details", { hasText: "バケットが公開されています" });
    await bucket.locator("> summary").focus();
    await page.keyboard.press("Enter");
    expect(await bucket.getAttribute("open")).toBe("");
    expect(await bucket.locator(".links a").first().getAttribute("href")).toBe("https://s3.console.aws.amazon.com/s3/buckets/acme-invoices");

    // A javascript: console URL from the feed never becomes a link.
    const admin = page.locator(".finding-list > details", { hasText: "admin@acme.onmicrosoft.com" });
    await admin.locator("> summary").click();
    expect(await admin.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(["https://docs.example/fix"]);

    // An error says why in words; the failed call and the missing permission are in the engineers' details.
    const failed = page.locator(".finding-list > details", { hasText: "2 段階認証プロセスが必須です" });
    await failed.locator("> summary").click();
    expect(await failed.locator(".finding-body > .block").first().textContent()).not.toContain("admin.directory");
    expect(await failed.textContent()).toContain("権限が足りず、ユーザー一覧を読めませんでした。");
    expect(await failed.locator(".tech-details").textContent()).toContain("admin.directory.user.readonly");
  });

  it("shows a crafted file name as text and runs nothing", async () => {
    const { page, dialogs, errors } = await openAs("acme");
    const names = await page.locator(".resource-name").allTextContents();
    expect(names.some((n) => n.includes(CRAFTED_NAME))).toBe(true);
    const crafted = page.locator(".finding-list > details", { hasText: CRAFTED_NAME });
    await crafted.locator("> summary").click();
    expect(await crafted.locator(".facts dd").first().textContent()).toBe(CRAFTED_NAME);
    expect(await page.locator("img, [onerror]").count()).toBe(0);
    await page.waitForTimeout(100);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("exports the shown findings as CSV with formula cells neutralised", async () => {
    const { page } = await openAs("acme");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(".export-csv")]);
    expect(download.suggestedFilename()).toBe("cloud15-acme-2025-02-03.csv");
    const csv = await readFile(await download.path(), "utf8");
    expect(csv.startsWith("\uFEFF\"重要度\",")).toBe(true);
    expect(csv).toContain(`"'${FORMULA_NAME.replace(/"/g, '""')}"`);
    expect(csv).not.toMatch(/(^|,)"=/m);
    expect(csv).toContain(`"${CRAFTED_NAME}"`);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(ACME_SPECS.length + 1);
  });

  it("fits a 360 px phone without sideways scrolling", async () => {
    const { page } = await openAs("acme", PHONE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.locator(".action-list > li").nth(1).locator("button", { hasText: "対象の一覧を見る" }).click();
    await findingRows(page).first().locator("> summary").click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it("without a link shows the sign-in notice, and the API gives nothing", async () => {
    const { page } = await newPage();
    await page.goto(`${server.url}/t/acme/`);
    await page.locator(".notice h2").waitFor();
    expect(await page.locator(".notice").textContent()).toContain("担当者から届いたリンクを開いてください");
    expect(await page.locator(".score-number").count()).toBe(0);
    const answer = await page.evaluate(async () => {
      const response = await fetch("/api/tenants/acme/feed");
      return { status: response.status, body: await response.text() };
    });
    expect(answer).toEqual({ status: 401, body: '{"error":"unauthorized"}' });
  });

  it("refuses an expired or tampered link", async () => {
    const secret = Buffer.from((await readFile(`${data.dataDir}/acme/.page-secret`, "utf8")).trim(), "hex");
    const expired = signLinkToken(secret, "acme", new Date(Date.now() - 1000));
    const good = new URL(linkFor("acme").url).hash.slice("#link=".length);
    const tampered = `${good.slice(0, -3)}${good.at(-3) === "A" ? "B" : "A"}${good.slice(-2)}`;
    const longer = `${Number(good.split(".")[0]) + 86_400}.${good.split(".")[1]}`;
    for (const token of [expired, tampered, longer]) {
      const { page } = await newPage();
      await page.goto(`${server.url}/t/acme/#link=${token}`);
      await page.locator(".notice h2").waitFor();
      expect(await page.locator(".notice").textContent()).toContain("このリンクは期限切れか、正しくありません");
      expect(page.url()).not.toContain("link=");
      expect(await page.evaluate(() => fetch("/api/tenants/acme/feed").then((r) => r.status))).toBe(401);
    }
  });

  it("never lets tenant A's link, session or token read tenant B", async () => {
    // A's link on B's page is refused.
    const aToken = new URL(linkFor("acme").url).hash;
    const { page: onB } = await newPage();
    await onB.goto(`${server.url}/t/beta/${aToken}`);
    await onB.locator(".notice h2").waitFor();
    expect(await onB.textContent("body")).not.toContain(BETA_MARKER);

    // A's session reads A, not B, even with A's cookie value copied under B's name and path.
    const { context, page } = await openAs("acme");
    const readB = () => page.evaluate(async () => {
      const response = await fetch("/api/tenants/beta/feed");
      return { status: response.status, body: await response.text() };
    });
    expect(await readB()).toEqual({ status: 401, body: '{"error":"unauthorized"}' });
    const [session] = await context.cookies();
    expect(session).toMatchObject({ name: "c15_session_acme", path: "/api/tenants/acme/", httpOnly: true, sameSite: "Strict" });
    await context.addCookies([{ ...session!, name: "c15_session_beta", path: "/api/tenants/beta/" }]);
    expect(await readB()).toEqual({ status: 401, body: '{"error":"unauthorized"}' });
    expect(await page.evaluate(() => document.cookie)).toBe("");

    // A's bearer token reads A's feed and nothing of B's.
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const asA = await fetch(`${server.url}/api/tenants/acme/feed`, { headers: bearer(linkFor("acme").apiToken) });
    expect(asA.status).toBe(200);
    expect(((await asA.json()) as { tenant: { id: string } }).tenant.id).toBe("acme");
    const onBWithA = await fetch(`${server.url}/api/tenants/beta/feed`, { headers: bearer(linkFor("acme").apiToken) });
    expect(onBWithA.status).toBe(401);
    expect(await onBWithA.text()).not.toContain(BETA_MARKER);
  });
});
