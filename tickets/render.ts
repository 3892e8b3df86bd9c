import type { Language, Text } from "../checks/text.ts";
import type { ChangeKind, FindingChange } from "./events.ts";
import { ticketMarker, type AffectedFinding, type GroupUpdate } from "./outbox.ts";

/**
 * A ticket's text as structure, so each tracker gets its own markup (plain text for Redmine and
 * Backlog, Markdown for GitHub, ADF for Jira) from one wording.
 */
export type Inline = string | { text: string; href: string };
export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; parts: Inline[] }
  | { kind: "list"; items: Inline[][] };

/** What a state change says in the comment that goes with it. */
export type StateChange = "close" | "reopen" | undefined;

const T = {
  actionNeeded: { ja: "要対応", en: "Action needed" },
  intro: {
    ja: "cloud15 が {tenant} のクラウド設定で見つけた問題です。対象: {count} 件。",
    en: "cloud15 found this in the cloud setup of {tenant}. Affected: {count}.",
  },
  affected: { ja: "対象リソース", en: "Affected resources" },
  none: { ja: "（現在、該当するリソースはありません）", en: "(none at the moment)" },
  unverified: { ja: "最新のスキャンでは確認できませんでした: {reason}", en: "could not be checked in the latest scan: {reason}" },
  console: { ja: "コンソール", en: "console" },
  why: { ja: "なぜ重要か", en: "Why it matters" },
  fix: { ja: "対処方法", en: "What to do" },
  where: { ja: "場所: {path}", en: "Where: {path}" },
  docs: { ja: "参考資料", en: "Documentation" },
  about: { ja: "詳細", en: "Details" },
  severity: { ja: "重大度: {severity}", en: "Severity: {severity}" },
  items: { ja: "IPA の 15 項目: {items}", en: "IPA items: {items}" },
  check: { ja: "チェック: {check}", en: "Check: {check}" },
  page: { ja: "診断結果ページを開く", en: "Open the findings page" },
  marker: {
    ja: "{marker}（cloud15 がこのチケットを見つけるための印です。消さないでください）",
    en: "{marker} (cloud15 finds this ticket by it; please leave it in place)",
  },
  changesHeading: { ja: "前回からの変化", en: "Changes since the last update" },
  closing: {
    ja: "対象のリソースはすべて直りました。cloud15 がこのチケットを閉じます。",
    en: "Every affected resource is fixed now; cloud15 closes this ticket.",
  },
  reopening: { ja: "問題が再発しました。cloud15 がこのチケットを再開します。", en: "The problem is back; cloud15 reopens this ticket." },
  stillOpen: { ja: "まだ対応が必要なリソース: {count} 件。", en: "Still to fix: {count}." },
} satisfies Record<string, Text>;

const CHANGE: Record<ChangeKind, Text> = {
  opened: { ja: "新たに検出", en: "New" },
  resolved: { ja: "解消", en: "Fixed" },
  error: { ja: "確認できず（解消ではありません。チケットは開いたままです）", en: "Could not be checked (not a fix; the ticket stays open)" },
  error_cleared: { ja: "再確認できました（まだ問題があります）", en: "Checked again (still failing)" },
};

const SEVERITY: Record<string, Text> = {
  critical: { ja: "緊急", en: "critical" },
  high: { ja: "高", en: "high" },
  medium: { ja: "中", en: "medium" },
  low: { ja: "低", en: "low" },
  info: { ja: "情報", en: "info" },
};

function say(text: Text, lang: Language, params: Record<string, string | number> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/** `[tenant] Action needed: <the good state>` (and the resource, for a ticket per finding). */
export function ticketTitle(update: GroupUpdate, lang: Language): string {
  const resource = update.grouping === "finding" && update.affected[0] ? ` — ${update.affected[0].resource.name}` : "";
  const title = `[${update.tenant.name}] ${say(T.actionNeeded, lang)}: ${update.check.title[lang]}${resource}`;
  // Jira and Backlog cap summaries at 255 characters.
  return title.length > 250 ? `${title.slice(0, 249)}…` : title;
}

/** The ticket's description: what is wrong where, why it matters, what to do, and the way back to the page. */
export function ticketBody(update: GroupUpdate, lang: Language, pageLink: string | undefined): Block[] {
  const { check } = update;
  const details: Inline[][] = [
    [say(T.severity, lang, { severity: SEVERITY[check.severity]![lang] })],
    // The online shop's checks are outside the 15 items.
    ...(check.ipaItems.length > 0 ? [[say(T.items, lang, { items: check.ipaItems.join(", ") })]] : []),
    [say(T.check, lang, { check: check.id })],
  ];
  if (pageLink) details.push([{ text: say(T.page, lang), href: pageLink }]);
  return [
    { kind: "paragraph", parts: [say(T.intro, lang, { tenant: update.tenant.name, count: update.affected.length })] },
    { kind: "heading", text: say(T.affected, lang) },
    update.affected.length > 0
      ? { kind: "list", items: update.affected.map((f) => affectedLine(f, lang)) }
      : { kind: "paragraph", parts: [say(T.none, lang)] },
    { kind: "heading", text: say(T.why, lang) },
    { kind: "paragraph", parts: [check.detail[lang]] },
    { kind: "heading", text: say(T.fix, lang) },
    { kind: "paragraph", parts: [check.remediation.steps[lang]] },
    { kind: "paragraph", parts: [say(T.where, lang, { path: check.remediation.consolePath[lang] })] },
    ...(check.remediation.url ? [{ kind: "paragraph" as const, parts: [{ text: say(T.docs, lang), href: check.remediation.url }] }] : []),
    { kind: "heading", text: say(T.about, lang) },
    { kind: "list", items: details },
    { kind: "paragraph", parts: [say(T.marker, lang, { marker: ticketMarker(update.groupId) })] },
  ];
}

/** The comment that goes with an update: what changed since the tracker last heard, and why the state changes. */
export function ticketComment(update: GroupUpdate, lang: Language, state: StateChange): Block[] {
  const blocks: Block[] = [];
  if (state === "close") blocks.push({ kind: "paragraph", parts: [say(T.closing, lang)] });
  if (state === "reopen") blocks.push({ kind: "paragraph", parts: [say(T.reopening, lang)] });
  if (update.changes.length > 0) {
    blocks.push({ kind: "paragraph", parts: [`${say(T.changesHeading, lang)}:`] });
    blocks.push({ kind: "list", items: update.changes.map((c) => changeLine(c, lang)) });
  }
  if (state !== "close") blocks.push({ kind: "paragraph", parts: [say(T.stillOpen, lang, { count: update.affected.length })] });
  return blocks;
}

function affectedLine(f: AffectedFinding, lang: Language): Inline[] {
  const r = f.resource;
  const where = [r.type, r.region].filter(Boolean).join(", ");
  const parts: Inline[] = [`${r.name} (${where})${f.message ? ` — ${f.message[lang]}` : ""}`];
  if (f.unverified) parts.push(` [${say(T.unverified, lang, { reason: f.unverified[lang] })}]`);
  if (r.consoleUrl) parts.push(" ", { text: say(T.console, lang), href: r.consoleUrl });
  return parts;
}

function changeLine(c: FindingChange, lang: Language): Inline[] {
  return [`${say(CHANGE[c.kind], lang)}: ${c.resource.name}${c.note ? ` — ${c.note[lang]}` : ""} (${c.at})`];
}

/** The tenant's findings page: where the owner signs in with the link `cloud15 serve` prints. */
export function findingsPageLink(pageUrl: string | undefined, tenantId: string): string | undefined {
  return pageUrl ? `${pageUrl.replace(/\/+$/, "")}/t/${tenantId}/` : undefined;
}

/**
 * Blocks as plain text that reads well whatever the tracker's markup: Redmine (Textile or
 * Markdown) and Backlog (Markdown or Backlog notation) all turn bare URLs into links and show
 * "- " lines as a list or as themselves.
 */
export function plainText(blocks: readonly Block[]): string {
  const inline = (parts: readonly Inline[]) => parts.map((p) => (typeof p === "string" ? p : `${p.text}: ${p.href}`)).join("");
  return blocks.map((b) => {
    if (b.kind === "heading") return `■ ${b.text}`;
    if (b.kind === "paragraph") return inline(b.parts);
    return b.items.map((item) => `- ${inline(item)}`).join("\n");
  }).join("\n\n");
}
