import { describe, expect, it } from "vitest";
import { IPA_ITEMS } from "../../checks/catalogue.ts";
import { DEFAULT_POLICY } from "../../checks/framework.ts";
import { actionGroups, headlineOf, itemUrgency } from "../../feed/action-plan.ts";
import { itemStatus } from "../../feed/items.ts";
import { isFeed } from "../../feed/validate.ts";
import { ACCOUNT, bucket, feedAt, meta, result, run } from "./fixtures.ts";

const T1 = "2026-11-01T00:00:00.000Z";
const counts = (c: Partial<Record<"pass" | "fail" | "error" | "manual" | "skipped", number>>) =>
  ({ pass: 0, fail: 0, error: 0, manual: 0, skipped: 0, ...c });

describe("the 15-item grid", () => {
  it("decides an item's status from the results mapped to it", () => {
    expect(itemStatus(counts({ pass: 2, fail: 1 }))).toBe("partial");
    expect(itemStatus(counts({ fail: 2 }))).toBe("fail");
    expect(itemStatus(counts({ fail: 1, error: 3 }))).toBe("fail");
    expect(itemStatus(counts({ pass: 3, fail: 1, error: 1 }))).toBe("partial");
    expect(itemStatus(counts({ pass: 3 }))).toBe("pass");
    expect(itemStatus(counts({ pass: 3, error: 1 }))).toBe("error");
    expect(itemStatus(counts({ error: 1 }))).toBe("error");
    expect(itemStatus(counts({ skipped: 2, manual: 1 }))).toBe("manual");
    expect(itemStatus(counts({}))).toBe("manual");
  });

  it("always lists all 15 items, manual where no check maps to them", () => {
    const feed = feedAt(T1, [run(meta("aws.s3.bucket_public", "critical", [8]), result("fail", bucket("site")))]);
    expect(feed.items.map((i) => i.number)).toEqual(IPA_ITEMS.map((i) => i.number));
    expect(feed.items.find((i) => i.number === 8)).toMatchObject({ status: "fail", checks: ["aws.s3.bucket_public"] });
    expect(feed.items.filter((i) => i.number !== 8).every((i) => i.status === "manual" && i.checks.length === 0)).toBe(true);
  });

  it("counts a check mapped to several items on each of them", () => {
    const feed = feedAt(T1, [run(meta("aws.iam.root_mfa", "critical", [7, 9]), result("pass", ACCOUNT))]);
    expect(feed.items.find((i) => i.number === 7)?.counts.pass).toBe(1);
    expect(feed.items.find((i) => i.number === 9)?.counts.pass).toBe(1);
  });

  it("lets an attestation decide only items without automated results, and shows it on every item that has one", () => {
    const feed = feedAt(T1, [run(meta("aws.s3.bucket_public", "critical", [8]), result("fail", bucket("site")))], undefined, {
      attestations: {
        "1": { answer: "done", date: "2026-10-01" },
        "2": { answer: "partly", date: "2026-10-01", note: "見直し中" },
        "3": { answer: "not_done", date: "2026-10-01" },
        "5": { answer: "not_applicable", date: "2026-10-01" },
        "8": { answer: "done", date: "2026-10-01", by: "社長" },
      },
    });
    const item = (n: number) => feed.items.find((i) => i.number === n)!;
    expect(item(1).status).toBe("pass");
    expect(item(2)).toMatchObject({ status: "partial", attestation: { answer: "partly", note: "見直し中" } });
    expect(item(3).status).toBe("fail");
    expect(item(4)).toMatchObject({ status: "manual" });
    expect(item(4).attestation).toBeUndefined();
    expect(item(5).status).toBe("pass");
    // The scan saw a public bucket: the owner's "done" is shown but does not hide it.
    expect(item(8)).toMatchObject({ status: "fail", attestation: { answer: "done", by: "社長" } });
    expect(isFeed(feed)).toBe(true);
  });

  it("lets an attestation answer an item whose checks were all skipped", () => {
    const feed = feedAt(T1, [run(meta("aws.s3.bucket_region", "medium", [15]), result("skipped", bucket("a")))], undefined, {
      attestations: { "15": { answer: "done", date: "2026-10-01" } },
    });
    expect(feed.items.find((i) => i.number === 15)?.status).toBe("pass");
  });

  it("says beside each item why each check that ran answers it", () => {
    const rootMfa = { ...meta("aws.iam.root_mfa", "critical", [9, 7]), itemReasons: {
      9: { ja: "ルートの MFA", en: "root MFA" }, 7: { ja: "ルートの管理", en: "root looked after" } } };
    const feed = feedAt(T1, [run(rootMfa, result("fail", ACCOUNT))]);
    const item = (n: number) => feed.items.find((i) => i.number === n)!;
    expect(item(9).reasons).toEqual([{ checkId: "aws.iam.root_mfa", title: rootMfa.title, reason: { ja: "ルートの MFA", en: "root MFA" } }]);
    expect(item(7).reasons?.[0]?.reason?.en).toBe("root looked after");
    // An item no check answers has no reasons to show, and no rule is named outside item 4.
    expect(item(1).reasons).toBeUndefined();
    expect(item(9).reasons?.[0]?.rule).toBeUndefined();
    expect(isFeed(feed)).toBe(true);
  });

  it("names under item 4 the owner's rule each check enforces, its value, and whether the config set it", () => {
    const region = { ...meta("aws.s3.bucket_region", "medium", [15, 4]), ownerRule: "allowedRegions" as const };
    const admins = { ...meta("aws.iam.administrator_count", "high", [7, 4]), ownerRule: "administrators" as const };
    const feed = feedAt(T1, [run(region, result("fail", bucket("us-export"))), run(admins, result("pass", ACCOUNT))], undefined, {
      policy: { rules: { ...DEFAULT_POLICY, administrators: { min: 2, max: 3 } }, setByOwner: ["administrators"] },
    });
    const item4 = feed.items.find((i) => i.number === 4)!;
    expect(item4).toMatchObject({ status: "partial", checks: ["aws.s3.bucket_region", "aws.iam.administrator_count"] });
    expect(item4.reasons?.map((r) => r.rule)).toEqual([
      { key: "allowedRegions", name: { ja: "データを置いてよい地域", en: "Where data may be stored" }, value: { ja: "東京・大阪", en: "Tokyo, Osaka" }, setBy: "default" },
      { key: "administrators", name: { ja: "管理者の人数", en: "Number of administrators" }, value: { ja: "2〜3 人", en: "2 to 3" }, setBy: "owner" },
    ]);
    // The same check under its own item says no rule: item 4 is where the rules are listed.
    expect(feed.items.find((i) => i.number === 15)!.reasons?.[0]?.rule).toBeUndefined();
    expect(isFeed(feed)).toBe(true);
  });

  it("keeps a fact the scan reports as manual (a support plan) a question for the owner: not a problem, not in the plan", () => {
    const supportPlan = meta("aws.support.plan", "medium", [12]);
    const feed = feedAt(T1, [run(supportPlan, result("manual", ACCOUNT, {
      message: { ja: "サポートプラン: ベーシック", en: "Support plan: Basic" }, evidence: { plan: "basic" },
    }))]);
    const item12 = feed.items.find((i) => i.number === 12)!;
    expect(item12).toMatchObject({ status: "manual", counts: counts({ manual: 1 }), checks: ["aws.support.plan"] });
    expect(itemUrgency(item12, feed.findings).status).toBe("manual");
    expect(actionGroups(feed.findings)).toEqual([]);
    expect(headlineOf(feed)).toMatchObject({ critical: 0, high: 0, open: 0 });
    expect(feed.summary.failBySeverity).toEqual({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });
    // Answering the question still decides the item: the fact informs, the owner judges.
    const answered = feedAt(T1, [run(supportPlan, result("manual", ACCOUNT))], undefined, {
      attestations: { "12": { answer: "done", date: "2026-10-01" } },
    });
    expect(answered.items.find((i) => i.number === 12)?.status).toBe("pass");
  });
});
