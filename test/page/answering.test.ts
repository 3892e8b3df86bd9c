import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleCoTenant, SIMULATOR_CREDENTIALS } from "../../cli/example-co.ts";
import type { Feed } from "../../feed/schema.ts";
import { isFeed } from "../../feed/validate.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import { scanTenant } from "../../scan/scan-tenant.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { FsAnswerStore } from "../../store/fs-answer-store.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";
import { launchChromium, SCREENSHOTS } from "../support/chromium.ts";

/**
 * The owner answers on the page, in real headless Chromium, against what `cloud15 demo` does:
 * the simulated Example Co. account scanned into a data folder and served by the real server.
 * One browser for the file; each test gets a fresh context.
 */

const TENANT = "example-co";
const OWNER = "山田 太郎";

let sim: AwsSimulator;
let dataDir: string;
let server: FindingsServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

const feedStore = () => new FsFeedStore(dataDir);
const answerStore = () => new FsAnswerStore(dataDir);
const rescan = () => scanTenant({
  tenant: exampleCoTenant(sim.endpoint), store: feedStore(), answers: answerStore(), credentials: { aws: SIMULATOR_CREDENTIALS },
});
const storedFeed = async () => JSON.parse(await readFile(join(dataDir, TENANT, "feed.json"), "utf8")) as Feed;
const storedAnswers = () => readFile(join(dataDir, TENANT, "answers.jsonl"), "utf8").catch(() => "");

beforeAll(async () => {
  sim = await startAwsSimulator({ account: exampleCoAccount() });
  dataDir = await mkdtemp(join(tmpdir(), "cloud15-answering-"));
  await rescan();
  server = await startFindingsServer({ dataDir, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.stop();
  await sim?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A fresh profile; page errors and console errors (a CSP violation is one) are recorded. */
async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { page, errors };
}

async function openSignedIn() {
  const opened = await newPage();
  await opened.page.goto(server.links.find((l) => l.tenantId === TENANT)!.url);
  await opened.page.locator(".score-number").waitFor();
  return opened;
}

const score = async (page: Page) => Number(await page.locator(".score-number").textContent());
const itemStatus = (page: Page, n: number) => page.locator(`.item[data-item="${n}"] .item-status`).textContent();

/** Waits for the page to confirm a save: the confirmation names what was saved. */
async function saved(page: Page, what: string) {
  await page.locator("#answer-status", { hasText: what }).waitFor();
}

/** Opens the questionnaire at an item's question from its card in the overview. */
async function answerItem(page: Page, n: number) {
  await page.click(`.item[data-item="${n}"] .answer-button`);
  await page.locator(`#answer-form-${n}`).waitFor();
}

describe("the owner answers on the findings page", () => {
  it("answers item 1 and three self-check questions one at a time; grid and score change at once, survive a reload and a new scan, and reach the feed with who and when", async () => {
    const { page, errors } = await openSignedIn();
    const scannedScore = await score(page);
    expect(await itemStatus(page, 1)).toBe("?回答待ち");

    await page.fill("#answerer", OWNER);
    await answerItem(page, 1);
    expect(await page.locator("#question-title").textContent()).toBe("項目 1: どの業務で利用するか明確にする");
    expect(await page.locator(".questionnaire .progress-text").textContent()).toMatch(/^\d+ 問中 1 問目$/);
    await page.check("#item-1-answer-not_done");
    await page.fill("#item-1-note", "どの業務で使うかまだ決めていない");
    await page.click("#answer-form-1 button[type=submit]");
    await saved(page, "項目 1");
    expect(await itemStatus(page, 1)).toBe("✗要対応");
    // Saved and on to the next question, with the keyboard focus on it.
    expect(await page.locator("#question-title").textContent()).toMatch(/^項目 2: /);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("question-title");
    const answeredScore = await score(page);
    // One answer weighs less than a point among the demo's hundred-odd automated results: the
    // score may keep its whole number, never rise.
    expect(answeredScore).toBeLessThanOrEqual(scannedScore);
    // A "not done" is a problem like any other: it is in the list, ready to become a ticket.
    expect(await page.locator(".finding-list > details", { hasText: "どの業務で利用するか明確にする" }).count()).toBe(1);
    await answerItem(page, 1);
    expect(await page.locator(".questionnaire .on-record").textContent()).toContain(OWNER);
    // The answer on record is said in words; no control is checked for the owner.
    expect(await page.locator(".questionnaire input:checked").count()).toBe(0);

    await page.click("#track-selfCheck");
    for (const [id, what] of [["#sc-1-done", "問 1"], ["#sc-2-partly", "問 2"], ["#sc-3-unknown", "問 3"]] as const) {
      if (id === "#sc-3-unknown") {
        // Evidence from the scan sits beside the questions it covers.
        expect(await page.locator(".questionnaire .evidence-hint").textContent()).toContain("項目 9");
      }
      await page.check(id);
      await page.click(".questionnaire button[type=submit]");
      await saved(page, what);
    }
    expect(await page.locator(".self-check-score").textContent()).toBe("5 点 / 100 点"); // 4 + 2 − 1
    expect(await page.locator(".self-check-result").textContent()).toContain("3 / 25 問に回答");
    expect(await page.locator("#question-title").textContent()).toContain("問 4");

    // No rescan happened: the stored feed still has item 1 unanswered.
    expect((await storedFeed()).items.find((i) => i.number === 1)?.status).toBe("manual");

    await page.reload();
    await page.locator(".score-number").waitFor();
    expect(await itemStatus(page, 1)).toBe("✗要対応");
    expect(await score(page)).toBe(answeredScore);
    expect(await page.locator("input:checked").count()).toBe(0);
    await answerItem(page, 1);
    expect(await page.locator(".questionnaire .answer-history summary").textContent()).toBe("これまでの回答（1 件）");

    const rescanned = await rescan();
    expect(isFeed(rescanned)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect(rescanned.items.find((i) => i.number === 1)).toMatchObject({
      status: "fail", attestation: { answer: "not_done", by: OWNER, date: today, note: "どの業務で使うかまだ決めていない" },
    });
    expect(rescanned.findings.find((f) => f.checkId === "owner.item_1")).toMatchObject({
      provider: "owner", status: "fail", ipaItems: [1], evidence: { answer: "not_done", by: OWNER, date: today },
    });
    expect(rescanned.selfCheck).toMatchObject({
      score: 5, answered: 3, complete: false, date: today,
      answers: [
        { question: 1, answer: "done", by: OWNER, date: today },
        { question: 2, answer: "partly", by: OWNER, date: today },
        { question: 3, answer: "unknown", by: OWNER, date: today },
      ],
    });
    expect(rescanned.summary.score).toBe(answeredScore);

    await page.reload();
    await page.locator(".score-number").waitFor();
    expect(await score(page)).toBe(answeredScore);
    expect(await itemStatus(page, 1)).toBe("✗要対応");
    expect(errors).toEqual([]);
  });

  it("refuses an answer without the session or without the CSRF token, and stores nothing", async () => {
    const before = await storedAnswers();
    const body = JSON.stringify({ kind: "item", item: 2, answer: "done" });

    const { page: stranger } = await newPage();
    await stranger.goto(`${server.url}/t/${TENANT}/`);
    await stranger.locator(".notice h2").waitFor();
    const withoutSession = await stranger.evaluate((b) => fetch("/api/tenants/example-co/answers", {
      method: "POST", headers: { "content-type": "application/json", "x-csrf-token": "guess" }, body: b,
    }).then((r) => r.status), body);
    expect(withoutSession).toBe(401);

    const { page } = await openSignedIn();
    const withoutToken = await page.evaluate((b) => fetch("/api/tenants/example-co/answers", {
      method: "POST", headers: { "content-type": "application/json" }, body: b,
    }).then(async (r) => ({ status: r.status, body: await r.json() })), body);
    expect(withoutToken).toEqual({ status: 403, body: { error: "missing or invalid CSRF token: reload the page and try again" } });
    expect(await storedAnswers()).toBe(before);
  });

  it("shows what we know about the provider for the owner to confirm, chooses nothing, and explains SECURITY ACTION ★★ as a declaration", async () => {
    const { page, errors } = await openSignedIn();
    await answerItem(page, 5);
    const facts = page.locator(".questionnaire .provider-facts li");
    expect(await page.locator(".provider-facts-title").textContent()).toBe("ご利用の提供元について分かっていること — ご確認ください");
    expect(await facts.count()).toBeGreaterThan(0);
    for (const text of await facts.allTextContents()) expect(text).toMatch(/^(AWS|Microsoft 365|Google Workspace): .+出典: .+確認\)$/);
    expect(await facts.first().locator("a").getAttribute("href")).toMatch(/^https:\/\//);
    // Facts inform; the answer is the owner's: nothing is chosen for them, and nothing is recorded.
    for (const answer of ["done", "partly", "not_done", "not_applicable"]) {
      expect(await page.isChecked(`#item-5-answer-${answer}`)).toBe(false);
    }
    await page.click("#answer-form-5 button[type=submit]");
    expect(await page.locator("#answer-form-5 .form-error").textContent()).toBe("回答を選んでください");
    expect(await itemStatus(page, 5)).toBe("?回答待ち");
    await page.locator(".questionnaire").screenshot({ path: `${SCREENSHOTS}questionnaire-ja.png` });

    const action = page.locator(".security-action");
    expect(await action.textContent()).toContain("宣言");
    expect(await page.locator("body").textContent()).not.toContain("認定");
    await page.click("#language-switch");
    expect(await action.textContent()).toContain("self-declaration");
    expect((await action.textContent())?.toLowerCase()).not.toContain("certif");
    expect(await page.locator(".self-check-bands").textContent()).toContain("70–99 points");
    expect(errors).toEqual([]);
  });
});
