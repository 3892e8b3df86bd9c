import { describe, expect, it } from "vitest";
import { actionGroups, headlineOf, itemUrgency, looksSensitive, riskOf } from "../../feed/action-plan.ts";
import type { FeedFinding } from "../../feed/schema.ts";
import { sortForList } from "../../page/client/findings.ts";
import { buildFeed } from "./fixtures.ts";

type Spec = Parameters<typeof buildFeed>[0]["specs"][number];

const file = (name: string, checkId: string, severity: FeedFinding["severity"], links: unknown[], provider: FeedFinding["provider"] = "microsoft"): Spec => ({
  checkId, provider, service: "onedrive", status: "fail", severity, ipaItems: [8], name, uid: `file:${name}`,
  title: ["誰でも開けるリンクがない", "No anyone link"], extra: { evidence: { links } },
});
const view = { scope: "anonymous", type: "view", roles: ["read"], expires: "2027-01-01T00:00:00Z" };
const viewForever = { ...view, expires: null };
const edit = { scope: "anonymous", type: "edit", roles: ["write"], expires: "2027-01-01T00:00:00Z" };
const admin = (name: string, checkId = "microsoft.entra.admin_mfa"): Spec => ({
  checkId, provider: "microsoft", service: "entra", status: "fail", severity: "critical", ipaItems: [7, 9], name, uid: `user:${name}`,
  title: ["管理者に MFA がある", "Admins have MFA"],
});
const other = (checkId: string, severity: FeedFinding["severity"], name: string): Spec => ({
  checkId, provider: "aws", service: "s3", status: "fail", severity, ipaItems: [10], name, uid: `aws:${checkId}:${name}`,
  title: ["バージョニングが有効", "Versioning is on"],
});

function feedOf(specs: Spec[]) {
  return buildFeed({ tenant: { id: "t", name: "T" }, scanId: "s", finishedAt: "2026-12-01T00:00:00Z", score: 62, specs });
}

describe("the owner's action plan", () => {
  it("ranks data open to anyone first: edit before view, no expiry before expiry, customer data by its name", () => {
    const { findings } = feedOf([
      file("見積書.xlsx", "microsoft.files.anyone_link", "high", [view]),
      file("カタログ.pdf", "microsoft.files.anyone_link", "high", [viewForever]),
      file("価格表.xlsx", "microsoft.files.anyone_link", "high", [edit]),
      file("顧客リスト.xlsx", "microsoft.files.anyone_link", "high", [view]),
    ]);
    const order = [...findings].sort((a, b) => riskOf(b) - riskOf(a)).map((f) => f.resource.name);
    expect(order).toEqual(["顧客リスト.xlsx", "価格表.xlsx", "カタログ.pdf", "見積書.xlsx"]);
  });

  it("puts shared files and administrators without MFA before a critical backup gap, and groups files across clouds", () => {
    const feed = feedOf([
      other("aws.s3.bucket_versioning", "critical", "logs"),
      admin("admin@example.jp"),
      admin("suzuki@example.jp", "google.directory.admin_2sv"),
      file("顧客リスト.xlsx", "microsoft.files.anyone_edit_link", "critical", [{ ...edit, expires: null }]),
      file("顧客リスト.xlsx", "microsoft.files.anyone_link", "high", [{ ...edit, expires: null }]),
      file("見積書_A社", "google.drive.public_files", "high", [], "google"),
    ]);
    const groups = actionGroups(feed.findings);
    expect(groups.map((g) => g.key)).toEqual(["public-files", "admin-mfa", "backup"]);
    const [files, admins] = groups;
    // The customer list fails two checks but is one file to fix.
    expect(files!.findings.map((f) => f.resource.name)).toEqual(["顧客リスト.xlsx", "見積書_A社"]);
    expect(files!.title.ja).toBe("2 件のファイルが、リンクを知っていれば誰でも開ける状態です");
    expect(files!.title.en).toBe("2 files can be opened by anyone who has the link");
    expect(files!.sensitive).toEqual(["顧客リスト.xlsx"]);
    expect(files!.severity).toBe("critical");
    expect(files!.who).toBe("owner");
    expect(files!.minutes).toBe(9);
    // Steps for each cloud involved, from the check's own remediation.
    expect(files!.steps.map((s) => s.provider)).toEqual(["microsoft", "google"]);
    expect(admins!.title.ja).toBe("管理者 2 人が、パスワードだけでサインインできます（2 段階認証なし）");
  });

  it("keeps a check without a shared action as its own group, named by what was found", () => {
    const groups = actionGroups(feedOf([other("aws.iam.password_policy", "medium", "AWS account 1")]).findings);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ key: "aws.iam.password_policy", who: "vendor", findings: [{ resource: { name: "AWS account 1" } }] });
  });

  it("ignores passes, errors and fixed problems", () => {
    const feed = feedOf([{ ...other("aws.s3.bucket_versioning", "high", "a"), status: "pass", state: "resolved" },
      { ...other("aws.s3.bucket_region", "high", "b"), status: "error" }]);
    expect(actionGroups(feed.findings)).toEqual([]);
  });

  it("tells customer and personal data by name, in Japanese and English", () => {
    for (const name of ["顧客リスト.xlsx", "社員名簿.csv", "個人情報/", "customer-list.xlsx", "example-co-hr-archive", "Payroll 2026"]) {
      expect(looksSensitive(name), name).toBe(true);
    }
    for (const name of ["製品カタログ.pdf", "price-list.xlsx", "example-co-website", "three-year-plan"]) {
      expect(looksSensitive(name), name).toBe(false);
    }
  });

  it("heads with the critical count, and a critical problem outweighs any score", () => {
    const feed = feedOf([admin("a@example.jp"), other("aws.s3.bucket_versioning", "high", "x")]);
    expect(headlineOf({ ...feed, summary: { ...feed.summary, score: 95 } })).toEqual({ critical: 1, high: 1, open: 2, band: "danger" });
    const minor = feedOf([other("aws.s3.bucket_versioning", "medium", "x")]);
    expect(headlineOf({ ...minor, summary: { ...minor.summary, score: 85 } }).band).toBe("good");
  });

  it("calls an item with a critical or high failure 'to fix', not 'partly'", () => {
    const feed = feedOf([admin("a@example.jp"), { ...admin("b@example.jp"), status: "pass" },
      { ...other("aws.s3.bucket_versioning", "low", "x"), ipaItems: [10] }, { ...other("aws.s3.bucket_backup", "high", "y"), status: "pass" }]);
    const item = (n: number) => itemUrgency(feed.items.find((i) => i.number === n)!, feed.findings);
    expect(feed.items.find((i) => i.number === 9)!.status).toBe("partial");
    expect(item(9)).toEqual({ status: "fail", bySeverity: { critical: 1, high: 0, medium: 0, low: 0, info: 0 } });
    expect(item(10).status).toBe("partial");
  });

  it("treats a fact the scan shows for the owner's judgement (a support plan, manual) as a question, not a problem", () => {
    const supportPlan: Spec = {
      checkId: "aws.support.plan", provider: "aws", service: "support", status: "manual", severity: "high", ipaItems: [12],
      name: "AWS account 123456789012", title: ["サポートプランが必要に合っている", "The support plan meets your needs"],
      extra: { message: { ja: "サポートプラン: ベーシック", en: "Support plan: Basic" }, evidence: { plan: "basic" } },
    };
    const feed = feedOf([supportPlan, other("aws.s3.bucket_versioning", "low", "logs")]);
    expect(actionGroups(feed.findings).map((g) => g.key)).toEqual(["backup"]);
    expect(headlineOf(feed)).toMatchObject({ high: 0, open: 1 });
    const item12 = feed.items.find((i) => i.number === 12)!;
    expect(itemUrgency(item12, feed.findings).status).toBe("manual");
    // Most dangerous first: a low problem comes before a high-severity fact.
    expect(sortForList(feed.findings).map((f) => f.checkId)).toEqual(["aws.s3.bucket_versioning", "aws.support.plan"]);
  });
});
