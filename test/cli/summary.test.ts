import { describe, expect, it } from "vitest";
import { displayWidth } from "../../cli/display-width.ts";
import { formatSummary, MAX_GROUPS, SUMMARY_COLUMNS } from "../../cli/summary.ts";
import type { Feed } from "../../feed/schema.ts";
import { buildFeed } from "../page/fixtures.ts";

/** What `scan` and `demo` print for one tenant: grouped, 100 columns, one language. */

type Severity = "critical" | "high" | "medium" | "low";

/** A tenant with `checks` failing checks, each on `per` resources with long names. */
function feedWith(checks: number, per: number, severity: (i: number) => Severity = (i) => (i < 2 ? "critical" : "high")): Feed {
  const specs = Array.from({ length: checks }, (_, c) => Array.from({ length: per }, (_, r) => ({
    checkId: `google.drive.check_${c}`, provider: "google" as const, service: "drive", status: "fail" as const, severity: severity(c),
    ipaItems: [8], state: "open" as const, name: `営業部 / 顧客リスト-${c}-${r}-とても長いファイル名のスプレッドシート.xlsx`, uid: `file-${c}-${r}`,
    title: [`誰でも開けるファイルがない（確認 ${c}）`, `No file can be opened by anyone (check ${c})`] as [string, string],
  }))).flat();
  return buildFeed({ tenant: { id: "acme", name: "株式会社アクメ商事" }, scanId: "s1", finishedAt: "2026-11-30T18:00:00Z", score: 41, specs });
}

const lines = (text: string) => text.split("\n");

describe("formatSummary", () => {
  it("fits every line in 100 columns, in both languages, however long the names", () => {
    for (const lang of ["ja", "en"] as const) {
      for (const line of lines(formatSummary(feedWith(14, 6), lang))) expect(displayWidth(line), line).toBeLessThanOrEqual(SUMMARY_COLUMNS);
    }
  });

  it("prints one line per check to fix, worst first, at most 10, then how many more", () => {
    const text = formatSummary(feedWith(14, 3, (i) => (i === 13 ? "critical" : "medium")), "en");
    const groups = lines(text).filter((l) => /^ {2}(urgent|high|medium|low|info) /.test(l));
    expect(groups).toHaveLength(MAX_GROUPS);
    // The one critical check comes first although it is the last in the feed.
    expect(groups[0]).toMatch(/^ {2}urgent +3 to fix for "No file can be opened by anyone \(check 13\)": 営業部/);
    expect(lines(text).at(-1)).toBe("  and 4 more kinds (12 findings) on the findings page");
  });

  it("names what to fix as far as the line allows, then says how many more", () => {
    const [group] = lines(formatSummary(feedWith(1, 5), "ja")).filter((l) => l.includes("要対応 5 件"));
    expect(group).toMatch(/^ {2}緊急 +要対応 5 件「誰でも開けるファイルがない（確認 0）」: 営業部 \/ 顧客リスト-0-0-.*ほか 4 件$/);
  });

  it("counts an item with a critical or high failure as not met, not partly, as the page does", () => {
    const feed = feedWith(1, 1);
    const items = feed.items.map((item) => (item.number === 8 ? { ...item, status: "partial" as const } : item));
    const text = formatSummary({ ...feed, items }, "en");
    const line = lines(text).find((l) => l.includes("15 items:"))!;
    expect(line).toMatch(/partly 0 /);
    expect(line).toMatch(/not met 1 /);
  });

  it("names the items the scan itself checked, those with a pass, fail or error", () => {
    const feed = buildFeed({ tenant: { id: "acme", name: "株式会社アクメ商事" }, scanId: "s1", finishedAt: "2026-11-30T18:00:00Z", score: 41, specs: [
      { checkId: "aws.s3.bucket_region", provider: "aws", service: "s3", status: "fail", severity: "medium", ipaItems: [15, 4], name: "b", title: ["地域", "Region"] },
      { checkId: "aws.iam.root_mfa", provider: "aws", service: "iam", status: "pass", severity: "critical", ipaItems: [9, 7], name: "root", title: ["MFA", "MFA"] },
      { checkId: "aws.support.plan", provider: "aws", service: "support", status: "manual", severity: "medium", ipaItems: [12], name: "acct", title: ["サポート", "Support"] },
    ] });
    expect(lines(formatSummary(feed, "ja"))).toContain("  スキャンで確認した項目: 4・7・9・15（15 項目中 4）");
    expect(lines(formatSummary(feed, "en"))).toContain("  Items the scan checked: 4, 7, 9, 15 (4 of 15)");
  });

  it("is all Japanese with ja: no English word of the product's own", () => {
    const text = formatSummary(feedWith(3, 2), "ja").replace("Google Workspace", "");
    // Names from the tenant (file names, ids) may hold Latin letters; the product's own words may not.
    const own = text.replace(/営業部 \/ 顧客リスト[^,\n]*/g, "").replace("[acme]", "");
    expect(own).not.toMatch(/[A-Za-z]{2,}/);
  });

  it("is all English with en: no Japanese of the product's own", () => {
    const text = formatSummary(feedWith(3, 2), "en");
    const own = text.replace(/営業部 \/ 顧客リスト[^,\n]*/g, "").replace("株式会社アクメ商事", "");
    expect(own).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("says plainly which cloud could not be checked and from when the results shown are", () => {
    const feed = feedWith(1, 1);
    const providers = [
      ...feed.scan.providers,
      { provider: "microsoft", status: "unreachable", startedAt: feed.scan.startedAt, finishedAt: feed.scan.finishedAt, apiCalls: {},
        errors: [{ operation: "token", code: "ETIMEDOUT", message: "connect ETIMEDOUT" }],
        stale: { since: "2026-11-20T18:00:00Z", reason: { ja: "サインインの窓口に接続できませんでした", en: "the sign-in service could not be reached" } } },
    ];
    const stale = { ...feed, scan: { ...feed.scan, providers } } as unknown as Feed;
    // Wrapped within 100 columns, never cut: the date is what the reader needs.
    const unwrap = (text: string) => text.replace(/\n {4}/g, " ");
    expect(unwrap(formatSummary(stale, "en"))).toContain("  Microsoft 365 could not be checked: the sign-in service could not be reached; showing results from 2026-11-20");
    expect(formatSummary(stale, "ja").replace(/\n {4}/g, "")).toMatch(/^ {2}Microsoft 365 は確認できませんでした: サインインの窓口に接続できませんでした。2026-11-20 ?の結果を表示しています$/m);
    for (const l of lines(formatSummary(stale, "en"))) expect(displayWidth(l)).toBeLessThanOrEqual(SUMMARY_COLUMNS);
    // The fixture's Google scan read some but not all.
    expect(formatSummary(stale, "en")).toContain("  Google Workspace was only partly checked (1 reads failed); see the findings page");
  });

  it("says there is nothing to fix when nothing fails", () => {
    expect(lines(formatSummary(feedWith(0, 0), "ja")).at(-1)).toBe("  要対応の問題はありません。");
  });
});
