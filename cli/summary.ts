import { SEVERITIES } from "../checks/framework.ts";
import type { Language } from "../checks/text.ts";
import type { Feed } from "../feed/schema.ts";

const LABELS = {
  score: { ja: "スコア", en: "Score" },
  results: { ja: "結果", en: "Results" },
  fails: { ja: "重大度別の不合格", en: "Fails by severity" },
  since: { ja: "前回から", en: "Since last scan" },
  items: { ja: "15 項目", en: "15 items" },
  fixFirst: { ja: "優先して直すもの（できていない項目）", en: "Fix these first (not met)" },
  noFails: { ja: "不合格はありません。", en: "Nothing failing." },
  previous: { ja: "前回のフィード", en: "Previous feed" },
} as const;

const ITEM_STATUSES = ["pass", "partial", "fail", "error", "manual"] as const;

/**
 * The table `scan` and `demo` print for one tenant: score, counts, and the failing findings
 * worst first, each with what was found (the check's title states the good state, so it
 * would read backwards next to a failure) in the tenant's language.
 */
export function formatSummary(feed: Feed, lang: Language): string {
  const s = feed.summary;
  const out: string[] = [];
  out.push(`${feed.tenant.name} [${feed.tenant.id}]`);
  out.push(`  ${LABELS.score[lang]}: ${s.score}/100${s.scoreNote ? `  (${s.scoreNote[lang]})` : ""}`);
  out.push(`  ${LABELS.results[lang]}: ${(["pass", "fail", "error", "manual", "skipped"] as const).map((k) => `${k} ${s.byStatus[k]}`).join("  ")}`);
  out.push(`  ${LABELS.fails[lang]}: ${SEVERITIES.map((k) => `${k} ${s.failBySeverity[k]}`).join("  ")}`);
  out.push(`  ${LABELS.since[lang]}: new ${s.new}  open ${s.open}  resolved ${s.resolved}`);
  const itemCounts = ITEM_STATUSES.map((st) => `${st} ${feed.items.filter((i) => i.status === st).length}`);
  out.push(`  ${LABELS.items[lang]}: ${itemCounts.join("  ")}`);
  const previous = feed.scan.previousFeed;
  if (previous.status === "set_aside") {
    out.push(`  ${LABELS.previous[lang]}: set aside to ${previous.setAsideTo} (${previous.problem})`);
  }

  const failing = feed.findings.filter((f) => f.status === "fail");
  out.push("");
  if (failing.length === 0) {
    out.push(`  ${LABELS.noFails[lang]}`);
    return out.join("\n");
  }
  out.push(`  ${LABELS.fixFirst[lang]}`);
  const rows = failing.map((f) => [f.severity, f.state ?? "", f.resource.name, (f.message ?? f.title)[lang]]);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
  for (const row of rows) {
    out.push(`  ${row.map((cell, c) => (c < 3 ? padEnd(cell, widths[c]!) : cell)).join("  ")}`);
  }
  return out.join("\n");
}

/** Columns a terminal gives a string: East Asian wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f)
    || (cp >= 0x2e80 && cp <= 0x303e)
    || (cp >= 0x3041 && cp <= 0x33ff)
    || (cp >= 0x3400 && cp <= 0x4dbf)
    || (cp >= 0x4e00 && cp <= 0x9fff)
    || (cp >= 0xa000 && cp <= 0xa4cf)
    || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff)
    || (cp >= 0xfe30 && cp <= 0xfe4f)
    || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6)
    || (cp >= 0x20000 && cp <= 0x3fffd);
}
