import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { IPA_ITEMS } from "../../checks/catalogue.ts";
import { findingId } from "../../feed/finding-id.ts";
import type { Feed, FeedFinding, FeedItem } from "../../feed/schema.ts";
import { feedProblems } from "../../feed/validate.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";

/**
 * Feeds for the page tests, written in the layout FsFeedStore uses. Every feed is checked
 * against FeedSchema, so when the contract changes these fixtures fail loudly instead of
 * testing the page against a shape that no longer exists.
 */

export const CRAFTED_NAME = "<img src=x onerror=alert(1)>";
export const FORMULA_NAME = '=HYPERLINK("https://evil.example/","見積書")';
/** Appears only in tenant B's feed: finding it anywhere in an answer for A means a leak. */
export const BETA_MARKER = "beta-only-merger-plans";

type Spec = Pick<FeedFinding, "checkId" | "provider" | "service" | "status" | "severity" | "ipaItems" | "state">
  & { name: string; uid?: string; title: [string, string]; extra?: Partial<FeedFinding> };

function finding(tenantId: string, at: string, spec: Spec): FeedFinding {
  const uid = spec.uid ?? `${spec.provider}:${spec.name}`;
  const f: FeedFinding = {
    id: findingId(tenantId, spec.checkId, uid),
    checkId: spec.checkId,
    provider: spec.provider,
    service: spec.service,
    status: spec.status,
    severity: spec.severity,
    ipaItems: spec.ipaItems,
    resource: { uid, name: spec.name, type: `${spec.service} resource`, region: "ap-northeast-1" },
    title: { ja: spec.title[0], en: spec.title[1] },
    detail: { ja: `${spec.title[0]}が重要な理由。`, en: `Why "${spec.title[1]}" matters.` },
    remediation: {
      steps: { ja: `1. 管理画面を開く\n2. ${spec.title[0]}を直す`, en: `1. Open the console\n2. Fix: ${spec.title[1]}` },
      consolePath: { ja: `${spec.service} > 設定`, en: `${spec.service} > Settings` },
      url: "https://docs.example/fix",
    },
    firstSeen: "2025-01-10T01:00:00Z",
    lastSeen: at,
    ...spec.extra,
  };
  if (spec.state) f.state = spec.state;
  return f;
}

function itemStatus(findings: FeedFinding[]): FeedItem["status"] {
  const statuses = new Set(findings.map((f) => f.status));
  if (statuses.has("fail")) return statuses.has("pass") ? "partial" : "fail";
  if (statuses.has("error")) return "error";
  return statuses.has("pass") ? "pass" : "manual";
}

function countStatuses(findings: FeedFinding[]) {
  const counts = { pass: 0, fail: 0, error: 0, manual: 0, skipped: 0 };
  for (const f of findings) counts[f.status] += 1;
  return counts;
}

export function buildFeed(input: {
  tenant: { id: string; name: string };
  scanId: string;
  finishedAt: string;
  score: number;
  specs: Spec[];
  attestations?: Partial<Record<number, NonNullable<FeedItem["attestation"]>>>;
}): Feed {
  const { tenant, finishedAt } = input;
  const findings = input.specs.map((spec) => finding(tenant.id, finishedAt, spec));
  const failBySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) if (f.status === "fail") failBySeverity[f.severity] += 1;
  const items: FeedItem[] = IPA_ITEMS.map((item) => {
    const mapped = findings.filter((f) => f.ipaItems.includes(item.number) && f.state !== "resolved");
    const attestation = input.attestations?.[item.number];
    return {
      number: item.number,
      group: item.group,
      kinds: [...item.kinds],
      title: item.title,
      question: item.question,
      status: mapped.length === 0 && attestation?.answer === "done" ? "pass" : itemStatus(mapped),
      checks: [...new Set(mapped.map((f) => f.checkId))],
      counts: countStatuses(mapped),
      ...(attestation ? { attestation } : {}),
    };
  });
  const feed: Feed = {
    schemaVersion: "1.2",
    generator: { name: "cloud15", version: "0.1.0" },
    tenant,
    scan: {
      id: input.scanId,
      startedAt: finishedAt,
      finishedAt,
      durationMs: 1200,
      providers: [
        { provider: "aws", status: "ok", startedAt: finishedAt, finishedAt, apiCalls: { "iam:GenerateCredentialReport": 1 }, errors: [] },
        {
          provider: "google", status: "partial", startedAt: finishedAt, finishedAt, apiCalls: { "directory.users.list": 1 },
          errors: [{ operation: "admin.directory.users.list", permission: "admin.directory.user.readonly", code: "403", message: "Not Authorized to access this resource/api" }],
        },
      ],
      previousFeed: { status: "loaded", scanId: "previous" },
    },
    summary: {
      score: input.score,
      byStatus: countStatuses(findings),
      failBySeverity,
      new: findings.filter((f) => f.state === "new").length,
      open: findings.filter((f) => f.state === "open").length,
      resolved: findings.filter((f) => f.state === "resolved").length,
    },
    items,
    findings,
  };
  const problems = feedProblems(feed, 20);
  if (problems.length > 0) throw new Error(`page fixture is not a valid feed:\n${problems.join("\n")}`);
  return feed;
}

const ACME = { id: "acme", name: "株式会社アクメ商事" };
const BETA = { id: "beta", name: "ベータ工業株式会社" };

export const ACME_SCORE = 66;
export const ACME_TREND = [48, 55, 62, ACME_SCORE];

/** Several findings across clouds, statuses and severities; one crafted name, one formula. */
export const ACME_SPECS: Spec[] = [
  { checkId: "aws.iam.root_mfa", provider: "aws", service: "iam", status: "fail", severity: "critical", ipaItems: [9, 7], state: "new",
    name: "AWS account 123456789012", uid: "arn:aws:iam::123456789012:root", title: ["ルートユーザーに多要素認証がありません", "The root user has no MFA"],
    extra: {
      message: { ja: "ルートユーザーで MFA が有効になっていません。", en: "MFA is not enabled for the root user." },
      evidence: { mfaActive: false, passwordLastUsed: "2025-01-09T08:00:00Z" },
      resource: { uid: "arn:aws:iam::123456789012:root", name: "AWS account 123456789012", type: "AWS::Account" },
    } },
  { checkId: "google.drive.public_file", provider: "google", service: "drive", status: "fail", severity: "high", ipaItems: [8], state: "open",
    name: CRAFTED_NAME, uid: "drive:file-1", title: ["ファイルがインターネットに公開されています", "A file is public on the internet"] },
  { checkId: "aws.s3.bucket_public", provider: "aws", service: "s3", status: "fail", severity: "high", ipaItems: [8], state: "new",
    name: "acme-invoices", uid: "arn:aws:s3:::acme-invoices", title: ["バケットが公開されています", "A bucket is public"],
    extra: { resource: { uid: "arn:aws:s3:::acme-invoices", name: "acme-invoices", type: "AWS::S3::Bucket", region: "ap-northeast-1",
      consoleUrl: "https://s3.console.aws.amazon.com/s3/buckets/acme-invoices" } } },
  { checkId: "microsoft.entra.admin_mfa", provider: "microsoft", service: "entra", status: "fail", severity: "high", ipaItems: [7, 9], state: "open",
    name: "admin@acme.onmicrosoft.com", uid: "entra:admin", title: ["管理者が多要素認証を登録していません", "An administrator has not registered MFA"],
    extra: { resource: { uid: "entra:admin", name: "admin@acme.onmicrosoft.com", type: "user", consoleUrl: "javascript:alert(2)" } } },
  { checkId: "microsoft.sharepoint.anyone_link", provider: "microsoft", service: "sharepoint", status: "fail", severity: "medium", ipaItems: [8], state: "new",
    name: FORMULA_NAME, title: ["「リンクを知っていれば誰でも」の共有があります", "An “Anyone” link is shared"] },
  { checkId: "aws.iam.access_key_age", provider: "aws", service: "iam", status: "fail", severity: "medium", ipaItems: [9], state: "open",
    name: "deploy-bot", title: ["古いアクセスキーがあります", "An access key is old"] },
  { checkId: "aws.s3.bucket_versioning", provider: "aws", service: "s3", status: "fail", severity: "low", ipaItems: [10], state: "open",
    name: "acme-backups", title: ["バージョニングが無効です", "Versioning is off"] },
  { checkId: "aws.cloudtrail.enabled", provider: "aws", service: "cloudtrail", status: "pass", severity: "high", ipaItems: [11],
    name: "AWS account 123456789012", title: ["操作の記録が有効です", "Activity logging is on"] },
  { checkId: "aws.s3.bucket_region", provider: "aws", service: "s3", status: "pass", severity: "medium", ipaItems: [15],
    name: "acme-invoices", title: ["データは日本に保存されています", "Data is stored in Japan"] },
  { checkId: "google.admin.2sv_enforced", provider: "google", service: "admin", status: "error", severity: "high", ipaItems: [9],
    name: "acme.example", title: ["2 段階認証プロセスが必須です", "2-Step Verification is enforced"],
    extra: {
      reason: { ja: "権限が足りず、ユーザー一覧を読めませんでした。", en: "Missing permission: the user list could not be read." },
      cause: { operation: "admin.directory.users.list", permission: "admin.directory.user.readonly", code: "403", message: "Not Authorized" },
    } },
  { checkId: "aws.iam.password_policy", provider: "aws", service: "iam", status: "pass", severity: "medium", ipaItems: [9], state: "resolved",
    name: "AWS account 123456789012", title: ["パスワードポリシーが弱いです", "The password policy is weak"] },
  { checkId: "aws.account.security_contact", provider: "aws", service: "account", status: "manual", severity: "low", ipaItems: [7],
    name: "AWS account 123456789012", title: ["セキュリティの連絡先を確認してください", "Confirm the security contact"] },
];

export const ACME_ATTESTATIONS = {
  1: { answer: "done", note: "経理と営業の資料のみ", date: "2025-01-05", by: "山田 太郎" },
  3: { answer: "partly", date: "2025-01-06" },
} as const satisfies Partial<Record<number, NonNullable<FeedItem["attestation"]>>>;

export function acmeFeed(score = ACME_SCORE, scanId = "scan-acme-4", finishedAt = "2025-02-03T18:00:00Z", specs = ACME_SPECS): Feed {
  return buildFeed({ tenant: ACME, scanId, finishedAt, score, specs, attestations: ACME_ATTESTATIONS });
}

/**
 * Acme's earlier scans: the weak password policy was still failing (it is fixed in the latest)
 * and the public bucket had not appeared yet (it is new since).
 */
export const ACME_EARLIER_SPECS: Spec[] = ACME_SPECS
  .filter((s) => s.checkId !== "aws.s3.bucket_public")
  .map((s) => (s.checkId === "aws.iam.password_policy" ? { ...s, status: "fail", state: "open" } : s));

export function betaFeed(): Feed {
  return buildFeed({
    tenant: BETA, scanId: "scan-beta-1", finishedAt: "2025-02-03T18:05:00Z", score: 80,
    specs: [
      { checkId: "aws.s3.bucket_public", provider: "aws", service: "s3", status: "fail", severity: "high", ipaItems: [8], state: "new",
        name: BETA_MARKER, title: ["バケットが公開されています", "A bucket is public"] },
      { checkId: "aws.cloudtrail.enabled", provider: "aws", service: "cloudtrail", status: "pass", severity: "high", ipaItems: [11],
        name: "AWS account 210987654321", title: ["操作の記録が有効です", "Activity logging is on"] },
    ],
  });
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** A data folder with tenants `acme` (with a score history) and `beta`; `cleanup` removes it. */
export async function writeFixtureData(): Promise<{ dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "cloud15-page-"));
  const acmeHistory = join(dataDir, "acme", "history");
  await mkdir(acmeHistory, { recursive: true });
  const days = ["2025-01-13", "2025-01-20", "2025-01-27", "2025-02-03"];
  for (const [i, score] of ACME_TREND.entries()) {
    const last = i === ACME_TREND.length - 1;
    const feed = acmeFeed(score, `scan-acme-${i + 1}`, `${days[i]}T18:00:00Z`, last ? ACME_SPECS : ACME_EARLIER_SPECS);
    await writeJson(join(acmeHistory, `${days[i]}T17-59-00.000Z-scan-acme-${i + 1}.json`), feed);
    if (last) await writeJson(join(dataDir, "acme", "feed.json"), feed);
  }
  await mkdir(join(dataDir, "beta"), { recursive: true });
  await writeJson(join(dataDir, "beta", "feed.json"), betaFeed());
  return { dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/**
 * The page server over a fresh fixture data folder, started before the tests of the calling
 * file (or describe block) and stopped after them; read its fields inside the tests.
 */
export function fixtureServer(): { data: Awaited<ReturnType<typeof writeFixtureData>>; server: FindingsServer } {
  const live = {} as ReturnType<typeof fixtureServer>;
  beforeAll(async () => {
    live.data = await writeFixtureData();
    live.server = await startFindingsServer({ dataDir: live.data.dataDir, port: 0 });
  });
  afterAll(async () => {
    await live.server?.stop();
    await live.data?.cleanup();
  });
  return live;
}
