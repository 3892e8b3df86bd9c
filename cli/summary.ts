import type { Severity } from "../checks/framework.ts";
import { SEVERITIES } from "../checks/framework.ts";
import { fill, type Language, type Text } from "../checks/text.ts";
import { itemUrgency } from "../feed/action-plan.ts";
import type { Feed, FeedFinding } from "../feed/schema.ts";
import { displayWidth, fitWidth, padEnd, wrapWidth } from "./display-width.ts";

/** A terminal of 100 columns shows every line whole. */
export const SUMMARY_COLUMNS = 100;
/** More groups than this is a list to read on the page, not in a terminal. */
export const MAX_GROUPS = 10;
/** What a group's line keeps for the names of what to fix. */
const NAMES_MIN_COLUMNS = 24;

const LABELS = {
  headline: { ja: "緊急 {critical} 件・重要 {high} 件・スコア: {score}/100", en: "Urgent {critical} · High {high} · Score: {score}/100" },
  results: { ja: "結果: 問題なし {pass}・要対応 {fail}・確認できず {error}・回答待ち {manual}・対象外 {skipped}", en: "Results: OK {pass} · to fix {fail} · could not check {error} · awaiting answer {manual} · not applicable {skipped}" },
  since: { ja: "前回から: 新しい問題 {new}・続いている問題 {open}・解決 {resolved}", en: "Since last scan: new {new} · still open {open} · fixed {resolved}" },
  items: { ja: "15 項目: 満たす {pass}・一部 {partial}・満たさない {fail}・確認できず {error}・回答待ち {manual}", en: "15 items: met {pass} · partly {partial} · not met {fail} · could not check {error} · awaiting answer {manual}" },
  scanned: { ja: "スキャンで確認した項目: {items}（15 項目中 {n}）", en: "Items the scan checked: {items} ({n} of 15)" },
  previous: { ja: "前回の結果は読めなかったため {path} に移しました", en: "The previous results could not be read and were moved to {path}" },
  toDo: { ja: "やること（重要なものから）", en: "What to do (most important first)" },
  group: { ja: "要対応 {n} 件「{goal}」", en: "{n} to fix for \"{goal}\"" },
  moreGroups: { ja: "ほか {groups} 種類（{findings} 件）は点検結果のページで確認できます", en: "and {groups} more kinds ({findings} findings) on the findings page" },
  moreNames: { ja: "ほか {n} 件", en: "and {n} more" },
  noFails: { ja: "要対応の問題はありません。", en: "Nothing to fix." },
  couldNotCheck: { ja: "{cloud} は確認できませんでした: {reason}", en: "{cloud} could not be checked: {reason}" },
  showingFrom: { ja: "。{date} の結果を表示しています", en: "; showing results from {date}" },
  partlyChecked: { ja: "{cloud} は一部を確認できませんでした（{n} 件）。点検結果のページで確認できます", en: "{cloud} was only partly checked ({n} reads failed); see the findings page" },
  unreachable: { ja: "接続できませんでした", en: "it could not be reached" },
  nothingRead: { ja: "何も読み取れませんでした（権限か接続を確認してください）", en: "nothing could be read (check the access granted and the connection)" },
} satisfies Record<string, Text>;

const SEVERITY_LABELS: Record<Severity, Text> = {
  critical: { ja: "緊急", en: "urgent" },
  high: { ja: "重要", en: "high" },
  medium: { ja: "中", en: "medium" },
  low: { ja: "低", en: "low" },
  info: { ja: "参考", en: "info" },
};

const CLOUD_NAMES: Record<string, string> = { aws: "AWS", microsoft: "Microsoft 365", google: "Google Workspace" };

/** Feed schema 1.1 adds `unreachable` and `stale` to a provider's scan; read them when there. */
type ProviderScanLike = Feed["scan"]["providers"][number] & { status: string; stale?: { since?: unknown; reason?: unknown } };

/**
 * What `scan` and `demo` print for one tenant, all in one language and at most 100 columns:
 * the headline (urgent first, the score second), the counts in words, what could not be
 * checked, then the failing findings grouped by what to do — one line per check, worst
 * first, naming the resources — at most MAX_GROUPS of them.
 */
export function formatSummary(feed: Feed, lang: Language): string {
  const say = (text: Text, params: Record<string, string | number> = {}) => fill(text, params)[lang];
  const line = (text: string, indent = "  ") => fitWidth(indent + text, SUMMARY_COLUMNS);
  const s = feed.summary;
  const out: string[] = [fitWidth(`${feed.tenant.name} [${feed.tenant.id}]`, SUMMARY_COLUMNS)];
  out.push(line(say(LABELS.headline, { critical: s.failBySeverity.critical, high: s.failBySeverity.high, score: s.score })));
  if (s.scoreNote) out.push(line(s.scoreNote[lang], "    "));
  out.push(line(say(LABELS.results, s.byStatus)));
  out.push(line(say(LABELS.since, { new: s.new, open: s.open, resolved: s.resolved })));
  // As the page reads them: an item with a critical or high failure is "not met", not "partly".
  const itemStatuses = feed.items.map((item) => itemUrgency(item, feed.findings).status);
  const itemCounts = Object.fromEntries(["pass", "partial", "fail", "error", "manual"].map((st) => [st, itemStatuses.filter((status) => status === st).length]));
  out.push(line(say(LABELS.items, itemCounts)));
  // The items the scan itself judged; the rest wait for the owner's answers on the page.
  const scanned = feed.items.filter((item) => item.counts.pass + item.counts.fail + item.counts.error > 0).map((item) => item.number);
  if (scanned.length > 0) out.push(line(say(LABELS.scanned, { items: scanned.join(lang === "ja" ? "・" : ", "), n: scanned.length })));
  const previous = feed.scan.previousFeed;
  if (previous.status === "set_aside") out.push(line(say(LABELS.previous, { path: previous.setAsideTo ?? "" })));
  // Wrapped, not cut: the date of the results shown is at the end, and it matters.
  for (const problem of scanProblems(feed, lang)) out.push(...wrapWidth(`  ${problem}`, SUMMARY_COLUMNS, "    "));

  const failing = feed.findings.filter((f) => f.status === "fail");
  out.push("");
  if (failing.length === 0) {
    out.push(line(say(LABELS.noFails)));
    return out.join("\n");
  }
  out.push(line(say(LABELS.toDo)));
  const groups = groupByCheck(failing);
  const labelWidth = Math.max(...SEVERITIES.map((sev) => displayWidth(SEVERITY_LABELS[sev][lang])));
  for (const group of groups.slice(0, MAX_GROUPS)) {
    const label = `  ${padEnd(SEVERITY_LABELS[group.severity][lang], labelWidth)}  `;
    const bare = say(LABELS.group, { n: group.findings.length, goal: "" });
    // The goal gives way before the names do: the names say where to act.
    const goal = fitWidth(group.findings[0]!.title[lang], SUMMARY_COLUMNS - NAMES_MIN_COLUMNS - displayWidth(label + bare) - 2);
    const head = `${label}${say(LABELS.group, { n: group.findings.length, goal })}: `;
    out.push(fitWidth(head + names(group.findings.map((f) => f.resource.name), SUMMARY_COLUMNS - displayWidth(head), lang), SUMMARY_COLUMNS));
  }
  if (groups.length > MAX_GROUPS) {
    const rest = groups.slice(MAX_GROUPS);
    out.push(line(say(LABELS.moreGroups, { groups: rest.length, findings: rest.reduce((n, g) => n + g.findings.length, 0) })));
  }
  return out.join("\n");
}

interface Group {
  severity: Severity;
  findings: FeedFinding[];
}

/** One group per check: one fix, done the same way for each resource it names. Worst first, then the biggest. */
function groupByCheck(failing: readonly FeedFinding[]): Group[] {
  const groups = new Map<string, Group>();
  for (const f of failing) {
    const group = groups.get(f.checkId);
    if (group) group.findings.push(f);
    else groups.set(f.checkId, { severity: f.severity, findings: [f] });
  }
  return [...groups.values()].sort((a, b) =>
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.findings.length - a.findings.length);
}

/** As many names as fit in `width` columns, then "and N more". */
function names(all: readonly string[], width: number, lang: Language): string {
  const more = (n: number) => (n > 0 ? `, ${fill(LABELS.moreNames, { n })[lang]}` : "");
  let shown = 0;
  while (shown < all.length && displayWidth(all.slice(0, shown + 1).join(", ") + more(all.length - shown - 1)) <= width) shown += 1;
  if (shown === 0) return fitWidth(all[0]!, Math.max(1, width - displayWidth(more(all.length - 1)))) + more(all.length - 1);
  return all.slice(0, shown).join(", ") + more(all.length - shown);
}

/**
 * A cloud the scan could not (fully) read, said plainly: a stale one shows older results,
 * and the reader must know from when. No raw provider text: that is on the page, for engineers.
 */
function scanProblems(feed: Feed, lang: Language): string[] {
  const lines: string[] = [];
  for (const p of feed.scan.providers as ProviderScanLike[]) {
    const cloud = CLOUD_NAMES[p.provider] ?? p.provider;
    const stale = typeof p.stale?.since === "string" ? p.stale.since : undefined;
    if (p.status === "ok" && !stale) continue;
    if (p.status === "partial" && !stale) {
      lines.push(fill(LABELS.partlyChecked, { cloud, n: p.errors.length })[lang]);
      continue;
    }
    const reason = reasonOf(p, lang);
    const said = fill(LABELS.couldNotCheck, { cloud, reason })[lang];
    lines.push(stale ? said + fill(LABELS.showingFrom, { date: stale.slice(0, 10) })[lang] : said);
  }
  return lines;
}

function reasonOf(p: ProviderScanLike, lang: Language): string {
  const reason = p.stale?.reason;
  if (typeof reason === "string") return reason;
  if (reason && typeof reason === "object" && typeof (reason as Record<string, unknown>)[lang] === "string") return (reason as Record<Language, string>)[lang];
  return (p.status === "error" ? LABELS.nothingRead : LABELS.unreachable)[lang];
}
