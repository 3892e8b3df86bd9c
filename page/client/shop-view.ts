import { fill, type Language, type Text } from "../../checks/text.ts";
import type { StoredAnswer } from "../../feed/answers.ts";
import type { Feed } from "../../feed/schema.ts";
import type { SiteBaseline } from "../../feed/site-baseline.ts";
import type { FeedSiteInventory } from "../../feed/site-schema.ts";
import { answererName } from "./answering.ts";
import { externalLink, h, on } from "./dom.ts";
import { formatDateTime } from "./format.ts";

/**
 * 「EC サイト」: the online shop's watched pages, what they load and where their forms send,
 * against the approved baseline — addresses, origins and hashes, never a script's text — and
 * the approval that makes the page as scanned the new baseline.
 */

export interface SiteApprovalInput {
  kind: "siteApproval";
  site: string;
  by: string;
  note?: string;
}

export interface ShopApproving {
  history: readonly StoredAnswer[];
  save(input: SiteApprovalInput, what: string, focusId: string): Promise<string | undefined>;
}

const TEXT = {
  title: { ja: "EC サイト（オンラインショップ）", en: "Online shop" },
  intro: {
    ja: "決済ページで動くスクリプト（プログラム）と、入力フォームの送信先を、承認された状態（基準）と比べています。変わったものは、お店か保守会社が確かめて承認するまで「要対応」のままです。",
    en: "The scripts (small programs) running on the payment page and where its forms send are compared with the approved state (the baseline). A change stays “needs action” until the shop or its vendor checks and approves it.",
  },
  references: { ja: "参考", en: "References" },
  baselineFirst: { ja: "基準: {date} の初回スキャンで記録", en: "Baseline: recorded by the first scan on {date}" },
  baselineApproved: { ja: "基準: {date} に {by} さんが承認", en: "Baseline: approved by {by} on {date}" },
  unreadable: { ja: "このページは今回読み取れませんでした。", en: "This page could not be read in this scan." },
  forEngineers: { ja: "技術者向けの詳細", en: "Details for engineers" },
  awaiting: { ja: "基準から変わっています。確認して、正しければ承認してください。", en: "This page differs from its baseline. Check it and approve it if the change is right." },
  scripts: { ja: "スクリプト", en: "Scripts" },
  where: { ja: "場所", en: "Address" },
  origin: { ja: "提供元", en: "Origin" },
  change: { ja: "基準との違い", en: "Against the baseline" },
  hash: { ja: "指紋（SHA-256）", en: "Fingerprint (SHA-256)" },
  inline: { ja: "ページ内に直接書かれたスクリプト {n}", en: "Script written into the page, {n}" },
  runtime: { ja: "表示のときに別のスクリプトが追加したもの", en: "added by another script when the page is shown" },
  removed: { ja: "基準にあり、今は読み込まれていないスクリプト", en: "In the baseline, no longer loaded" },
  forms: { ja: "入力フォームの送信先", en: "Where the forms send" },
  form: { ja: "フォーム {n}", en: "Form {n}" },
  was: { ja: "基準では {value}", en: "was {value}" },
  iframes: { ja: "埋め込み（iframe）", en: "Embedded frames (iframe)" },
  approve: { ja: "この状態を承認する（新しい基準にする）", en: "Approve this state (make it the new baseline)" },
  approveNote: { ja: "メモ（何の変更か）", en: "Note (what changed)" },
  approveNeedsName: { ja: "承認には、上の「回答者のお名前」の入力が必要です。", en: "Approving needs your name in the field above." },
  approveHint: { ja: "承認は次のスキャンから基準になります。", en: "The approval becomes the baseline from the next scan." },
  approvedWhat: { ja: "EC サイトの承認", en: "the online shop approval" },
  history: { ja: "承認の記録", en: "Approval record" },
  firstScan: { ja: "初回スキャン", en: "first scan" },
} satisfies Record<string, Text>;

const CHANGE: Record<FeedSiteInventory["scripts"][number]["change"], Text> = {
  unchanged: { ja: "変化なし", en: "unchanged" },
  first_scan: { ja: "基準として記録", en: "recorded as baseline" },
  new_origin: { ja: "新しい提供元から追加", en: "added, from a new origin" },
  new_file: { ja: "新しいファイル", en: "new file" },
  changed: { ja: "中身が変化", en: "content changed" },
  unknown: { ja: "読み取れず", en: "could not be read" },
};

export function shopSection(feed: Feed, lang: Language, approving: ShopApproving): HTMLElement | null {
  const sites = feed.scan.providers.find((p) => p.provider === "site")?.sites;
  const group = feed.groups?.find((g) => g.id === "ec_site");
  if (!sites || sites.length === 0) return null;
  return h("section", { class: "card shop", id: "shop", "aria-labelledby": "shop-title" },
    h("h2", { id: "shop-title" }, TEXT.title[lang]),
    h("p", null, TEXT.intro[lang]),
    group ? h("p", { class: "small" }, `${TEXT.references[lang]}: `,
      group.references.map((r) => h("span", { class: "reference" }, externalLink(r.url, r.title[lang]), ` (${r.items.join(", ")}) `))) : null,
    sites.map((site, i) => siteBlock(site, i, lang, approving)));
}

function siteBlock(site: FeedSiteInventory, i: number, lang: Language, approving: ShopApproving): HTMLElement {
  const text = (key: keyof typeof TEXT, params: Record<string, string | number> = {}) => fill(TEXT[key], params)[lang];
  if (site.error !== undefined) {
    return h("div", { class: "shop-site", "data-site": site.url },
      h("h3", null, site.url),
      h("p", { class: "item-meaning" }, text("unreadable")),
      h("details", null, h("summary", null, text("forEngineers")), h("p", { class: "small" }, site.error)));
  }
  const baseline = site.baseline!;
  const removed = site.removedScripts;
  return h("div", { class: `shop-site${site.awaitingApproval ? " shop-awaiting" : ""}`, "data-site": site.url },
    h("h3", null, site.url),
    h("p", { class: "small" }, baseline.source === "first_scan"
      ? text("baselineFirst", { date: formatDateTime(baseline.at, lang) })
      : text("baselineApproved", { date: formatDateTime(baseline.at, lang), by: baseline.by ?? "" })),
    site.awaitingApproval ? h("p", { class: "shop-alert", role: "note" }, text("awaiting")) : null,
    h("table", { class: "shop-scripts" },
      h("caption", null, text("scripts")),
      h("thead", null, h("tr", null, ...["where", "origin", "change", "hash"].map((k) => h("th", { scope: "col" }, text(k as keyof typeof TEXT))))),
      h("tbody", null, site.scripts.map((s) => h("tr", { "data-change": s.change },
        h("td", null, s.inline ? text("inline", { n: Number(s.key.slice("inline:".length)) + 1 }) : s.src ?? s.key,
          s.loadedAtRunTime ? h("span", { class: "small" }, ` (${text("runtime")})`) : null),
        h("td", null, s.origin ?? "—"),
        h("td", null, CHANGE[s.change][lang]),
        h("td", { class: "hash" }, s.sha256 ? short(s.sha256) : "—",
          s.baselineSha256 ? h("span", { class: "small" }, ` (${text("was", { value: short(s.baselineSha256) })})`) : null,
          s.error ? h("span", { class: "small" }, ` ${s.error}`) : null))))),
    removed.length > 0 ? h("div", null, h("h4", null, text("removed")), h("ul", null, removed.map((r) => h("li", null, r.src ?? r.key)))) : null,
    h("h4", null, text("forms")),
    h("ul", { class: "shop-forms" }, site.forms.map((f) => h("li", { "data-change": f.change },
      `${text("form", { n: f.index + 1 })}: ${f.actionOrigin} — ${CHANGE[f.change][lang]}`,
      f.baselineActionOrigin ? ` (${text("was", { value: f.baselineActionOrigin })})` : ""))),
    site.iframes.length > 0 ? h("p", { class: "small" }, `${text("iframes")}: ${site.iframes.join(", ")}`) : null,
    site.awaitingApproval ? approveForm(site, i, lang, approving) : null,
    approvalHistory(site.url, lang, approving.history));
}

function approveForm(site: FeedSiteInventory, i: number, lang: Language, approving: ShopApproving): HTMLElement {
  const noteId = `shop-note-${i}`;
  const buttonId = `shop-approve-${i}`;
  const note = h("input", { id: noteId, type: "text", maxlength: 2000 });
  const status = h("p", { class: "small", role: "status" }, TEXT.approveHint[lang]);
  const button = on(h("button", { type: "button", id: buttonId }, TEXT.approve[lang]), "click", async () => {
    const by = answererName();
    if (!by) {
      status.textContent = TEXT.approveNeedsName[lang];
      return;
    }
    const problem = await approving.save(
      { kind: "siteApproval", site: site.url, by, ...(note.value.trim() ? { note: note.value.trim() } : {}) },
      TEXT.approvedWhat[lang],
      buttonId,
    );
    if (problem) status.textContent = problem;
  });
  return h("div", { class: "shop-approve" },
    h("label", { for: noteId }, TEXT.approveNote[lang]), note, button, status);
}

function approvalHistory(url: string, lang: Language, history: readonly StoredAnswer[]): HTMLElement | null {
  const records = history.filter((a): a is SiteBaseline => a.kind === "siteBaseline" && a.site === url).reverse();
  if (records.length === 0) return null;
  return h("details", { class: "shop-history" },
    h("summary", null, TEXT.history[lang]),
    h("ul", null, records.map((r) => h("li", null,
      `${formatDateTime(r.at, lang)} — ${r.source === "first_scan" ? TEXT.firstScan[lang] : r.by ?? ""}`,
      r.note ? h("span", { class: "note" }, ` ${r.note}`) : null))));
}

/** Enough of a hash to tell two apart at a glance; the feed has the whole. */
function short(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}
