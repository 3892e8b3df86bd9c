import type { Language, Text } from "../../checks/text.ts";
import type { FeedFinding } from "../../feed/schema.ts";
import { formatDateTime } from "./format.ts";

/**
 * The feed in the owner's words: resource names that a provider spells in English, and the
 * evidence a check recorded, as short sentences ("2 段階認証: 未設定"). What has no plain
 * wording here is left to the engineers' disclosure, never shown as a raw key.
 */

const GEOGRAPHIES: Record<string, Text> = {
  JPN: { ja: "日本", en: "Japan" }, NAM: { ja: "北米", en: "North America" }, EUR: { ja: "ヨーロッパ", en: "Europe" },
  APC: { ja: "アジア太平洋", en: "Asia-Pacific" }, AUS: { ja: "オーストラリア", en: "Australia" }, CAN: { ja: "カナダ", en: "Canada" },
  GBR: { ja: "英国", en: "United Kingdom" }, IND: { ja: "インド", en: "India" }, KOR: { ja: "韓国", en: "South Korea" },
  FRA: { ja: "フランス", en: "France" }, DEU: { ja: "ドイツ", en: "Germany" }, CHE: { ja: "スイス", en: "Switzerland" },
};

const ROLE_NAMES: Record<string, Text> = {
  "Global Administrator": { ja: "グローバル管理者", en: "Global Administrator" },
  "Privileged Role Administrator": { ja: "特権ロール管理者", en: "Privileged Role Administrator" },
  "User Administrator": { ja: "ユーザー管理者", en: "User Administrator" },
  "Exchange Administrator": { ja: "Exchange 管理者", en: "Exchange Administrator" },
  "SharePoint Administrator": { ja: "SharePoint 管理者", en: "SharePoint Administrator" },
  super: { ja: "特権管理者", en: "super administrator" },
};

const GOOGLE_SETTINGS: Record<string, Text> = {
  "drive_and_docs.external_sharing": { ja: "ドライブの社外共有の設定", en: "Drive sharing outside the company" },
};

const WORKLOADS: Record<string, Text> = {
  "Exchange (mail)": { ja: "Exchange（メール）", en: "Exchange (mail)" },
  SharePoint: { ja: "SharePoint（社内サイト）", en: "SharePoint (team sites)" },
  OneDrive: { ja: "OneDrive（個人のファイル）", en: "OneDrive (personal files)" },
};

/** A resource's name as the owner reads it; names the tenant chose (files, people, buckets) stay as they are. */
export function resourceName(f: Pick<FeedFinding, "resource"> & { checkId?: string }, lang: Language): string {
  const { name, type } = f.resource;
  switch (type) {
    case "AWS::Account": {
      const account = name.replace(/^AWS account /, lang === "ja" ? "AWS アカウント " : "AWS account ");
      // The root user's checks are about a person-like sign-in, not the account as a whole.
      if (!f.checkId?.startsWith("aws.iam.root_")) return account;
      return lang === "ja" ? `ルートユーザー（${account}）` : `root user (${account})`;
    }
    case "Google::Directory::OrgUnit":
      if (name === "/" || name.startsWith("/ (")) return lang === "ja" ? "組織部門: 最上位（会社全体）" : "Organisational unit: top level (whole company)";
      return `${lang === "ja" ? "組織部門" : "Organisational unit"}: ${name}`;
    case "Google::CloudIdentity::Policy": {
      const m = /^(\S+) \((.+)\)$/.exec(name);
      const setting = m ? GOOGLE_SETTINGS[m[1]!]?.[lang] : undefined;
      if (!m || !setting) return name;
      const target = m[2]!.startsWith("orgUnits/")
        ? `${lang === "ja" ? "組織部門" : "organisational unit"} ${m[2]!.slice("orgUnits/".length)}`
        : lang === "ja" ? "会社全体" : "whole company";
      return lang === "ja" ? `${setting}（${target}）` : `${setting} (${target})`;
    }
    case "Microsoft.SharePoint/TenantSetting":
      return lang === "ja" ? "「すべてのユーザー」リンク（共有の設定）" : "“Anyone” links (sharing setting)";
    case "Microsoft.365/Geography": {
      const code = /([A-Z]{3})$/.exec(name)?.[1];
      const place = code ? GEOGRAPHIES[code]?.[lang] : undefined;
      if (!code || !place) return name;
      return lang === "ja" ? `Microsoft 365 のデータ保存地域: ${place}` : `Microsoft 365 data location: ${place}`;
    }
    case "Microsoft.Entra/DirectoryRole":
      return ROLE_NAMES[name]?.[lang] ?? name;
    case "Microsoft.365/BackupWorkload": {
      const workload = name.replace(/^Microsoft 365 Backup: /, "");
      return `Microsoft 365 Backup: ${WORKLOADS[workload]?.[lang] ?? workload}`;
    }
    default:
      return name;
  }
}

/**
 * Raw values some checks write into their Japanese messages (a Conditional Access field, a
 * policy state, an English role name), said in Japanese. The English view keeps them.
 */
const RAW_IN_MESSAGES: readonly [RegExp, string][] = [
  [/excludeUsers/g, "個別に除外"],
  [/excludeGroups /g, "除外グループ "],
  [/excludeRoles /g, "除外する役割 "],
  [/\(inactive\)/g, "（無効）"],
  [/\(active\)/g, "（有効）"],
  ...Object.entries(ROLE_NAMES).filter(([name]) => name.includes(" ")).map(([name, text]) => [new RegExp(name, "g"), text.ja] as [RegExp, string]),
];

export function plainMessage(text: string, lang: Language): string {
  return lang === "ja" ? RAW_IN_MESSAGES.reduce((out, [raw, ja]) => out.replace(raw, ja), text) : text;
}

/** A piece of a sentence: plain words, or a name from the tenant (shown as it is, marked as a name). */
export type Piece = string | { name: string };
export interface EvidenceLine { label: string; value: Piece[] }

type Words = [yes: Text, no: Text];
const ON: Words = [{ ja: "設定済み", en: "set up" }, { ja: "未設定", en: "not set up" }];
const YES: Words = [{ ja: "はい", en: "yes" }, { ja: "いいえ", en: "no" }];
const PRESENT: Words = [{ ja: "あり", en: "yes" }, { ja: "なし", en: "none" }];
const ALLOWED: Words = [{ ja: "許可", en: "allowed" }, { ja: "禁止", en: "not allowed" }];
const ENABLED: Words = [{ ja: "有効", en: "enabled" }, { ja: "無効", en: "disabled" }];
const NONE: Text = { ja: "なし", en: "none" };
const NEVER: Text = { ja: "一度もなし", en: "never" };

type Kind =
  | { kind: "bool"; words: Words }
  | { kind: "date"; absent?: Text }
  | { kind: "count"; unit?: Text }
  | { kind: "names"; map?: Record<string, Text> }
  | { kind: "name" }
  | { kind: "words"; map: Record<string, Text> }
  | { kind: "setOrNot" }
  | { kind: "links" }
  | { kind: "keys" }
  | { kind: "range" };

const DAYS: Text = { ja: "日", en: " days" };
const PEOPLE: Text = { ja: "人", en: "" };

const ANSWERS: Record<string, Text> = {
  done: { ja: "実施済み", en: "done" }, partly: { ja: "一部実施", en: "partly done" },
  not_done: { ja: "未実施", en: "not done" }, not_applicable: { ja: "該当なし", en: "not applicable" },
};

/** Every evidence key the checks record that the owner can use, with its label and how to say its value. */
const EVIDENCE: Record<string, { label: Text } & Kind> = {
  rootAccessKeysPresent: { label: { ja: "ルートユーザーのアクセスキー", en: "Root user access key" }, kind: "bool", words: PRESENT },
  rootMfaEnabled: { label: { ja: "ルートユーザーの多要素認証 (MFA)", en: "Root user MFA" }, kind: "bool", words: ON },
  aclGrantsToPublic: { label: { ja: "誰にでも許可している ACL", en: "ACL grants to anyone" }, kind: "names" },
  publicPolicyStatements: { label: { ja: "誰にでも許可しているバケットポリシーのルール", en: "Bucket policy rules open to anyone" }, kind: "names" },
  bucketPublicAccessBlock: { label: { ja: "バケットの公開ブロック", en: "Bucket's public access block" }, kind: "setOrNot" },
  role: { label: { ja: "役割・権限", en: "Role" }, kind: "words", map: {
    super: ROLE_NAMES.super!, reader: { ja: "閲覧のみ", en: "view only" }, writer: { ja: "編集可", en: "can edit" },
    commenter: { ja: "コメント可", en: "can comment" }, owner: { ja: "オーナー", en: "owner" },
    delegated: { ja: "管理者", en: "administrator" },
  } },
  isEnrolledIn2Sv: { label: { ja: "2 段階認証", en: "2-Step Verification" }, kind: "bool", words: ON },
  isEnforcedIn2Sv: { label: { ja: "2 段階認証の義務付け", en: "2-Step Verification required" }, kind: "bool", words: YES },
  roles: { label: { ja: "管理者の役割", en: "Admin roles" }, kind: "names", map: ROLE_NAMES },
  registered: { label: { ja: "多要素認証 (MFA)", en: "MFA" }, kind: "bool", words: ON },
  methods: { label: { ja: "登録済みの確認方法", en: "Registered methods" }, kind: "names" },
  location: { label: { ja: "場所", en: "Location" }, kind: "name" },
  links: { label: { ja: "共有リンク", en: "Sharing links" }, kind: "links" },
  mfaActive: { label: { ja: "多要素認証 (MFA)", en: "MFA" }, kind: "bool", words: ON },
  passwordLastUsed: { label: { ja: "パスワードで最後にサインイン", en: "Last password sign-in" }, kind: "date", absent: NEVER },
  configured: { label: { ja: "設定", en: "Set up" }, kind: "bool", words: ON },
  awsBackup: { label: { ja: "AWS Backup での保護", en: "Protected by AWS Backup" }, kind: "bool", words: YES },
  replication: { label: { ja: "別の場所への自動コピー（レプリケーション）", en: "Automatic copy elsewhere (replication)" }, kind: "setOrNot" },
  users: { label: { ja: "人数", en: "People" }, kind: "count", unit: PEOPLE },
  notEnforced: { label: { ja: "義務付けられていない人", en: "Not required for" }, kind: "names" },
  orgUnitPath: { label: { ja: "組織部門", en: "Organisational unit" }, kind: "name" },
  lastLoginTime: { label: { ja: "最後のログイン", en: "Last sign-in" }, kind: "date", absent: NEVER },
  visibility: { label: { ja: "公開範囲", en: "Visible to" }, kind: "words", map: {
    anyoneWithLink: { ja: "リンクを知っていれば誰でも", en: "anyone with the link" },
    anyoneCanFind: { ja: "誰でも（インターネットで検索して見つけられる）", en: "anyone (findable on the internet)" },
    domainWithLink: { ja: "社内でリンクを知っている人", en: "people in the company with the link" },
    domainCanFind: { ja: "社内の誰でも", en: "anyone in the company" },
  } },
  trashed: { label: { ja: "ゴミ箱の中", en: "In the bin" }, kind: "bool", words: YES },
  sharedDrive: { label: { ja: "共有ドライブ", en: "Shared drive" }, kind: "name" },
  owner: { label: { ja: "所有者", en: "Owner" }, kind: "name" },
  externalSharingMode: { label: { ja: "社外との共有", en: "Sharing outside the company" }, kind: "words", map: {
    ALLOWED: ALLOWED[0], DISALLOWED: ALLOWED[1], ALLOWLISTED_DOMAINS: { ja: "許可したドメインのみ", en: "listed domains only" },
  } },
  allowPublishingFiles: { label: { ja: "ファイルをウェブに公開すること", en: "Publishing files on the web" }, kind: "bool", words: ALLOWED },
  warnForExternalSharing: { label: { ja: "社外と共有するときの警告", en: "Warning when sharing outside" }, kind: "bool", words: ON },
  serviceStatus: { label: { ja: "バックアップ機能", en: "Backup service" }, kind: "words", map: {
    enabled: ENABLED[0], disabled: ENABLED[1], protectionChangeLocked: { ja: "有効（変更はロック中）", en: "enabled (locked)" },
  } },
  policies: { label: { ja: "バックアップの方針", en: "Backup policies" }, kind: "names" },
  requiredBy: { label: { ja: "MFA を求めるルール", en: "Rules requiring MFA" }, kind: "names" },
  excludedFrom: { label: { ja: "対象から外しているルール", en: "Rules that exclude them" }, kind: "names" },
  keys: { label: { ja: "アクセスキー", en: "Access keys" }, kind: "keys" },
  maxAgeDays: { label: { ja: "使用期限の目安", en: "Maximum age" }, kind: "count", unit: DAYS },
  minimumLength: { label: { ja: "パスワードの最小文字数", en: "Minimum password length" }, kind: "count", unit: { ja: "文字", en: "" } },
  requireSymbols: { label: { ja: "記号を必須", en: "Symbols required" }, kind: "bool", words: YES },
  requireNumbers: { label: { ja: "数字を必須", en: "Digits required" }, kind: "bool", words: YES },
  requireUppercase: { label: { ja: "大文字を必須", en: "Upper case required" }, kind: "bool", words: YES },
  requireLowercase: { label: { ja: "小文字を必須", en: "Lower case required" }, kind: "bool", words: YES },
  reusePrevention: { label: { ja: "過去のパスワードの再利用禁止（世代数）", en: "Earlier passwords that cannot be reused" }, kind: "count" },
  region: { label: { ja: "保存場所（リージョン）", en: "Region" }, kind: "name" },
  allowedRegions: { label: { ja: "許可している保存場所", en: "Allowed regions" }, kind: "names" },
  versioning: { label: { ja: "バージョニング", en: "Versioning" }, kind: "words", map: {
    Disabled: { ja: "一度も有効にしていない", en: "never enabled" }, Suspended: { ja: "停止中", en: "suspended" }, Enabled: ENABLED[0],
  } },
  creationTime: { label: { ja: "作成日", en: "Created" }, kind: "date" },
  createdDateTime: { label: { ja: "作成日", en: "Created" }, kind: "date" },
  inactiveDays: { label: { ja: "使っていないとみなす日数", en: "Counted as unused after" }, kind: "count", unit: DAYS },
  superAdmins: { label: { ja: "特権管理者", en: "Super administrators" }, kind: "names" },
  holders: { label: { ja: "この役割を持つ人", en: "Held by" }, kind: "names" },
  disabledHolders: { label: { ja: "うち無効なアカウント", en: "Of which disabled" }, kind: "names" },
  allowed: { label: { ja: "目安", en: "Recommended" }, kind: "range" },
  invitation: { label: { ja: "招待", en: "Invitation" }, kind: "words", map: {
    Accepted: { ja: "受け入れ済み", en: "accepted" }, PendingAcceptance: { ja: "まだ受け入れていない", en: "not accepted yet" },
  } },
  lastSignIn: { label: { ja: "最後のサインイン", en: "Last sign-in" }, kind: "date", absent: NEVER },
  guest: { label: { ja: "社外のゲスト", en: "Guest from outside" }, kind: "bool", words: YES },
  geography: { label: { ja: "保存地域", en: "Location" }, kind: "words", map: GEOGRAPHIES },
  sites: { label: { ja: "サイト数", en: "Sites" }, kind: "count" },
  examples: { label: { ja: "例", en: "For example" }, kind: "names" },
  accountEnabled: { label: { ja: "アカウント", en: "Account" }, kind: "bool", words: ENABLED },
  assignedLicenses: { label: { ja: "割り当て済みのライセンス", en: "Licences assigned" }, kind: "count" },
  dataRegionPolicies: { label: { ja: "データの保存地域の指定", en: "Data region settings" }, kind: "names" },
  activeUsers: { label: { ja: "利用中の人数", en: "Active people" }, kind: "count", unit: PEOPLE },
  accounts: { label: { ja: "アカウント数", en: "Accounts" }, kind: "count" },
  suspended: { label: { ja: "停止中", en: "Suspended" }, kind: "bool", words: YES },
  archived: { label: { ja: "アーカイブ済み", en: "Archived" }, kind: "bool", words: YES },
  answer: { label: { ja: "回答", en: "Answer" }, kind: "words", map: ANSWERS },
  date: { label: { ja: "回答日", en: "Answered on" }, kind: "name" },
  by: { label: { ja: "回答者", en: "Answered by" }, kind: "name" },
  note: { label: { ja: "メモ", en: "Note" }, kind: "name" },
};

/** The evidence keys the page can put in words; the rest stays in the engineers' disclosure. */
export function evidenceLines(evidence: Record<string, unknown> | undefined, lang: Language): EvidenceLine[] {
  if (!evidence) return [];
  return Object.entries(evidence).flatMap(([key, value]) => {
    const entry = EVIDENCE[key];
    const said = entry ? say(entry, value, lang) : undefined;
    return entry && said ? [{ label: entry.label[lang], value: said }] : [];
  });
}

const SEPARATOR: Record<Language, string> = { ja: "、", en: ", " };

function joined(pieces: Piece[][], lang: Language): Piece[] {
  return pieces.flatMap((p, i) => (i === 0 ? p : [SEPARATOR[lang], ...p]));
}

function say(entry: Kind, value: unknown, lang: Language): Piece[] | undefined {
  switch (entry.kind) {
    case "bool":
      return typeof value === "boolean" ? [entry.words[value ? 0 : 1][lang]] : undefined;
    case "date":
      if (value === null) return entry.absent ? [entry.absent[lang]] : undefined;
      return typeof value === "string" ? [formatDateTime(value, lang)] : undefined;
    case "count":
      if (value === null) return [NONE[lang]];
      return typeof value === "number" ? [`${value}${entry.unit?.[lang] ?? ""}`] : undefined;
    case "name":
      return typeof value === "string" || typeof value === "number" ? [{ name: String(value) }] : undefined;
    case "names":
      if (!Array.isArray(value)) return undefined;
      if (value.length === 0) return [NONE[lang]];
      return joined(value.map((v) => {
        const text = typeof v === "string" ? v : JSON.stringify(v);
        const mapped = entry.map?.[text]?.[lang];
        return [mapped ?? { name: plainMessage(text, lang) }];
      }), lang);
    case "words": {
      const mapped = typeof value === "string" ? entry.map[value]?.[lang] : undefined;
      return mapped ? [mapped] : value === null ? [NONE[lang]] : undefined;
    }
    case "setOrNot":
      return value === null || value === undefined || value === false ? [ON[1][lang]] : [ON[0][lang]];
    case "range": {
      const r = value as { min?: unknown; max?: unknown } | null;
      if (Array.isArray(value)) return say({ kind: "names", map: GEOGRAPHIES }, value, lang);
      if (typeof r?.min !== "number" || typeof r.max !== "number") return undefined;
      return [lang === "ja" ? `${r.min}〜${r.max} 人` : `${r.min} to ${r.max} people`];
    }
    case "links":
      return Array.isArray(value) ? joined(value.map((l) => [describeLink(l as LinkEvidence, lang)]), lang) : undefined;
    case "keys":
      return Array.isArray(value) ? joined(value.map((k) => [describeKey(k as KeyEvidence, lang)]), lang) : undefined;
  }
}

interface LinkEvidence { scope?: string; type?: string; roles?: string[]; expires?: string | null; password?: boolean }

function describeLink(l: LinkEvidence, lang: Language): string {
  const who = l.scope === "anonymous" ? { ja: "誰でも", en: "anyone" }
    : l.scope === "organization" ? { ja: "社内の人", en: "people in the company" } : { ja: "指定した人", en: "named people" };
  const can = l.type === "edit" || l.roles?.includes("write") ? { ja: "編集可", en: "can edit" } : { ja: "表示のみ", en: "view only" };
  const until = l.expires ? (lang === "ja" ? `${formatDateTime(l.expires, lang)} まで` : `until ${formatDateTime(l.expires, lang)}`)
    : lang === "ja" ? "期限なし" : "never expires";
  const password = l.password ? (lang === "ja" ? "・パスワードあり" : ", with a password") : "";
  return lang === "ja" ? `${who.ja}・${can.ja}・${until}${password}` : `${who.en}, ${can.en}, ${until}${password}`;
}

interface KeyEvidence { slot?: number; ageDays?: number; lastUsed?: string | null }

function describeKey(k: KeyEvidence, lang: Language): string {
  const used = k.lastUsed ? formatDateTime(k.lastUsed, lang) : NEVER[lang];
  return lang === "ja"
    ? `キー ${k.slot ?? ""}: 作成から ${k.ageDays ?? "?"} 日・最後の使用 ${used}`
    : `key ${k.slot ?? ""}: ${k.ageDays ?? "?"} days old, last used ${used}`;
}

/**
 * A check's steps as a list: written as lines ("1. …") or as sentences in one paragraph.
 * The numbering is the list's, so a leading "1." is dropped.
 */
export function stepList(steps: string, lang: Language): string[] {
  const lines = steps.split("\n").map((l) => l.trim()).filter(Boolean);
  const sentences = lines.length > 1 ? lines : lang === "ja"
    ? steps.split(/(?<=。)/).map((s) => s.trim()).filter(Boolean)
    : steps.split(/(?<=\.)\s+(?=[A-Z“"(])/).map((s) => s.trim()).filter(Boolean);
  return sentences.map((s) => s.replace(/^\d+[.)．、]\s*/, ""));
}
