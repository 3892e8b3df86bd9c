import type { Text } from "../checks/text.ts";
import type { Feed, FeedFinding, FeedItem } from "./schema.ts";

/**
 * What the owner should do, in the order that protects the company most: the first screen of
 * the page, the monthly report and the print view read this. Pure presentation over a feed —
 * no scores or statuses are changed here, only ranked and grouped.
 *
 * Ranking is by risk to the company, not by check order: data anyone can open comes first
 * (edit before view, no expiry before expiry, customer or personal data by its name), then
 * administrators who sign in with a password alone, then the rest by severity.
 */

export type Who = "owner" | "vendor";

/** One thing to do, covering every finding it fixes. */
export interface ActionGroup {
  /** Stable key of the action, e.g. `public-files`. */
  key: string;
  /** Highest risk of its findings: the order of groups. */
  risk: number;
  severity: FeedFinding["severity"];
  /** Failing findings it fixes, riskiest first, one per resource. */
  findings: FeedFinding[];
  /** Names of the resources that look like customer or personal data. */
  sensitive: string[];
  who: Who;
  /** About how long it takes, in minutes, for all its findings. */
  minutes: number;
  /** What to do, e.g. "5 files are shared with anyone". */
  title: Text;
  /** The steps of each distinct check in the group (one per provider, usually). */
  steps: { checkId: string; provider: FeedFinding["provider"]; steps: Text; consolePath: Text; url?: string }[];
}

interface ActionDefinition {
  key: string;
  checks: readonly string[];
  who: Who;
  /** A fixed part and a part per resource, in minutes. */
  minutes: [base: number, each: number];
  /** `{n}` is the number of resources. */
  title: Text;
  /** Added to the severity's weight: exposure of data and unprotected administrators rank first. */
  boost: number;
}

/** Actions that span checks: a public file is one job whichever cloud it sits in. */
const ACTIONS: readonly ActionDefinition[] = [
  {
    key: "public-files",
    checks: ["microsoft.files.anyone_edit_link", "microsoft.files.anyone_link", "google.drive.public_files"],
    who: "owner",
    minutes: [5, 2],
    title: { ja: "{n} 件のファイルが、リンクを知っていれば誰でも開ける状態です", en: "{n} files can be opened by anyone who has the link" },
    boost: 400,
  },
  {
    key: "public-storage",
    checks: ["aws.s3.bucket_public", "aws.s3.account_public_access_block"],
    who: "vendor",
    minutes: [15, 10],
    title: { ja: "AWS のバケットの公開設定に問題が {n} か所あり、インターネットの誰からでも読めます", en: "{n} AWS bucket settings let anyone on the internet read your data" },
    boost: 380,
  },
  {
    key: "admin-mfa",
    checks: ["aws.iam.root_mfa", "microsoft.entra.admin_mfa", "google.directory.admin_2sv"],
    who: "owner",
    minutes: [0, 10],
    title: { ja: "管理者 {n} 人が、パスワードだけでサインインできます（2 段階認証なし）", en: "{n} administrators sign in with a password alone (no two-step sign-in)" },
    boost: 350,
  },
  {
    key: "root-keys",
    checks: ["aws.iam.root_access_keys"],
    who: "vendor",
    minutes: [15, 0],
    title: { ja: "AWS の最上位のアカウント（ルートユーザー）にアクセスキーがあります", en: "The AWS account's top-level user (root user) has an access key" },
    boost: 300,
  },
  {
    key: "sharing-settings",
    checks: ["microsoft.sharepoint.tenant_sharing", "google.drive.sharing_policy"],
    who: "vendor",
    minutes: [15, 5],
    title: { ja: "社外の誰にでもファイルを公開できる設定が {n} か所あります", en: "{n} settings let staff publish files to anyone" },
    boost: 150,
  },
  {
    key: "user-mfa",
    checks: ["microsoft.entra.user_mfa", "google.directory.user_2sv_enrolled", "aws.iam.user_console_mfa", "microsoft.entra.guest_mfa"],
    who: "owner",
    minutes: [10, 5],
    title: { ja: "{n} 人が、パスワードだけでサインインできます（2 段階認証なし）", en: "{n} people sign in with a password alone (no two-step sign-in)" },
    boost: 100,
  },
  {
    key: "mfa-enforced",
    checks: ["microsoft.entra.mfa_enforced", "google.directory.2sv_enforced"],
    who: "vendor",
    minutes: [20, 2],
    title: { ja: "2 段階認証が必須になっていない範囲が {n} か所あります", en: "Two-step sign-in is not required in {n} places" },
    boost: 80,
  },
  {
    key: "backup",
    checks: ["aws.backup.plan_exists", "aws.s3.bucket_backup", "microsoft.backup.m365_backup", "aws.s3.bucket_versioning"],
    who: "vendor",
    minutes: [30, 5],
    title: { ja: "{n} か所のデータにバックアップがありません", en: "{n} places hold data without a backup" },
    boost: 0,
  },
];

const SEVERITY_WEIGHT: Record<FeedFinding["severity"], number> = { critical: 500, high: 300, medium: 100, low: 30, info: 0 };
const SEVERITY_RANK: readonly FeedFinding["severity"][] = ["critical", "high", "medium", "low", "info"];

/**
 * Words in a file or folder name that say it holds customers' or people's data. A name is the
 * only clue the scan has; it is used to rank, never to decide whether something is a problem.
 */
const SENSITIVE_NAME = /顧客|個人|名簿|住所|社員|従業員|職員|給与|給料|人事|会員|患者|マイナンバー|履歴書|契約|customer|client|personal|payroll|salary|employee|staff|member|patient|contract|(?:^|[^a-z])hr(?:[^a-z]|$)/i;

export function looksSensitive(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

interface Link { type?: unknown; roles?: unknown; expires?: unknown }

/** Can anyone change the data, and does the exposure never end? From the check's evidence where it says so. */
function exposure(f: FeedFinding): { edit: boolean; forever: boolean } {
  const evidence = f.evidence ?? {};
  if (f.checkId === "microsoft.files.anyone_edit_link") return { edit: true, forever: true };
  const links = Array.isArray(evidence.links) ? (evidence.links as Link[]) : [];
  if (links.length > 0) {
    return {
      edit: links.some((l) => l.type === "edit" || (Array.isArray(l.roles) && l.roles.includes("write"))),
      forever: links.some((l) => l.expires === null || l.expires === undefined),
    };
  }
  if (typeof evidence.role === "string") return { edit: evidence.role === "writer" || evidence.role === "owner", forever: true };
  return { edit: false, forever: true };
}

function definitionOf(checkId: string): ActionDefinition | undefined {
  return ACTIONS.find((a) => a.checks.includes(checkId));
}

/** How much one failing finding endangers the company; higher first. */
export function riskOf(f: FeedFinding): number {
  const definition = definitionOf(f.checkId);
  let risk = SEVERITY_WEIGHT[f.severity] + (definition?.boost ?? 0);
  if (definition?.key === "public-files" || definition?.key === "public-storage") {
    const { edit, forever } = exposure(f);
    if (edit) risk += 60;
    if (forever) risk += 30;
    if (looksSensitive(f.resource.name)) risk += 200;
  }
  return risk;
}

/** Who usually does a check's fix when no action says: the owner answers their own questions. */
function defaultWho(f: FeedFinding): Who {
  return f.provider === "owner" ? "owner" : "vendor";
}

/** The open problems, grouped by what to do, riskiest group first. */
export function actionGroups(findings: readonly FeedFinding[]): ActionGroup[] {
  const failing = findings.filter((f) => f.status === "fail");
  const byKey = new Map<string, FeedFinding[]>();
  for (const f of failing) {
    const key = definitionOf(f.checkId)?.key ?? f.checkId;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  const groups = [...byKey].map(([key, members]) => group(key, members));
  return groups.sort((a, b) => b.risk - a.risk || b.findings.length - a.findings.length || a.key.localeCompare(b.key));
}

function group(key: string, members: FeedFinding[]): ActionGroup {
  const ranked = [...members].sort((a, b) => riskOf(b) - riskOf(a) || a.resource.name.localeCompare(b.resource.name));
  // One resource can fail two checks of one action (an edit link without expiry is also an
  // anyone link): the owner fixes it once.
  const seen = new Set<string>();
  const unique = ranked.filter((f) => !seen.has(f.resource.uid) && seen.add(f.resource.uid));
  const top = ranked[0]!;
  const definition = definitionOf(top.checkId);
  const n = unique.length;
  const stepsSeen = new Set<string>();
  const steps = ranked.filter((f) => !stepsSeen.has(`${f.provider}`) && stepsSeen.add(`${f.provider}`)).map((f) => ({
    checkId: f.checkId, provider: f.provider, steps: f.remediation.steps, consolePath: f.remediation.consolePath,
    ...(f.remediation.url ? { url: f.remediation.url } : {}),
  }));
  const [base, each] = definition?.minutes ?? [10, 5];
  return {
    key,
    risk: riskOf(top),
    severity: SEVERITY_RANK.find((s) => members.some((f) => f.severity === s))!,
    findings: unique,
    sensitive: unique.filter((f) => looksSensitive(f.resource.name)).map((f) => f.resource.name),
    who: definition?.who ?? defaultWho(top),
    minutes: base + each * n,
    title: definition ? fillCount(definition.title, n) : titleOfCheck(top, n),
    steps,
  };
}

function fillCount(text: Text, n: number): Text {
  return { ja: text.ja.replace("{n}", String(n)), en: text.en.replace("{n}", String(n)) };
}

/** A check without a shared action: what was found, and how many more like it. */
function titleOfCheck(f: FeedFinding, n: number): Text {
  const found = f.message ?? f.title;
  if (n === 1) return found;
  return { ja: `${f.title.ja}（${n} 件）`, en: `${f.title.en} (${n})` };
}

/** The line at the very top: how many urgent problems, before any score. */
export interface Headline {
  critical: number;
  high: number;
  /** Open problems of any severity. */
  open: number;
  /** What the score means right now: a critical problem outweighs any score. */
  band: "danger" | "warning" | "fair" | "good";
}

export function headlineOf(feed: Pick<Feed, "findings" | "summary">): Headline {
  const failing = feed.findings.filter((f) => f.status === "fail");
  const critical = failing.filter((f) => f.severity === "critical").length;
  const high = failing.filter((f) => f.severity === "high").length;
  const band = critical > 0 ? "danger" : high > 0 ? "warning" : feed.summary.score >= 80 ? "good" : "fair";
  return { critical, high, open: failing.length, band };
}

/**
 * An item's status as the owner should read it: a critical or high failure makes it "to fix"
 * even when other checks pass; "partly" is kept for items whose failures are minor.
 */
export function itemUrgency(item: FeedItem, findings: readonly FeedFinding[]): {
  status: FeedItem["status"];
  bySeverity: Record<FeedFinding["severity"], number>;
} {
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) {
    if (f.status === "fail" && f.ipaItems.includes(item.number)) bySeverity[f.severity] += 1;
  }
  const serious = bySeverity.critical + bySeverity.high > 0;
  return { status: item.status === "partial" && serious ? "fail" : item.status, bySeverity };
}
