import type { Language } from "../../checks/text.ts";
import type { Feed, FeedFinding } from "../../feed/schema.ts";
import type { ScorePoint } from "../feeds.ts";
import { severityBadge } from "./badges.ts";
import { h, on, svg } from "./dom.ts";
import { fixFirst, headline, SEVERITY_ORDER } from "./findings.ts";
import { PROVIDER_NAMES, PROVIDER_SCAN_STATUS, SEVERITY_NAMES, t } from "./i18n.ts";

/** The top of the page: what the owner reads in the first 30 seconds. */

export function scoreSection(feed: Feed, trend: readonly ScorePoint[], lang: Language): HTMLElement {
  const { score, scoreNote, failBySeverity, byStatus } = feed.summary;
  const band = score >= 80 ? "good" : score >= 50 ? "fair" : "poor";
  const bandText = t(lang, band === "good" ? "scoreGood" : band === "fair" ? "scoreFair" : "scorePoor");
  const bySeverity = SEVERITY_ORDER.filter((s) => failBySeverity[s] > 0)
    .map((s) => `${SEVERITY_NAMES[s][lang]} ${failBySeverity[s]}`)
    .join(" · ");
  return h("section", { class: "card score-card", "aria-labelledby": "score-title" },
    h("h2", { id: "score-title" }, t(lang, "scoreTitle")),
    h("p", { class: `score band-${band}` },
      h("span", { class: "score-number", "data-score": score }, score),
      h("span", { class: "score-max" }, t(lang, "scoreOutOf"))),
    h("p", { class: "score-band" }, bandText),
    scoreNote ? h("p", { class: "note" }, scoreNote[lang]) : null,
    h("p", { class: "fail-count" }, t(lang, "failCount", { n: byStatus.fail }), bySeverity ? (lang === "ja" ? `（${bySeverity}）` : ` (${bySeverity})`) : null),
    trendBlock(trend, lang),
    providerStatus(feed, lang),
    h("p", { class: "small" }, t(lang, "scoreExplained")),
  );
}

const CHART_WIDTH = 200;
const CHART_HEIGHT = 56;

function trendBlock(points: readonly ScorePoint[], lang: Language): HTMLElement {
  const last = points.at(-1);
  const previous = points.at(-2);
  if (!last || !previous) return h("p", { class: "trend" }, t(lang, "trendFirst"));
  const delta = last.score - previous.score;
  const step = CHART_WIDTH / (points.length - 1);
  const xy = points.map((p, i) => [i * step, CHART_HEIGHT - 4 - (p.score / 100) * (CHART_HEIGHT - 8)] as const);
  const chart = svg("svg", {
    class: "trend-chart", viewBox: `-4 0 ${CHART_WIDTH + 8} ${CHART_HEIGHT}`, role: "img",
    "aria-label": t(lang, "trendLabel", { scores: points.map((p) => p.score).join(", ") }),
  },
  svg("polyline", { points: xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ") }),
  ...xy.map(([x, y]) => svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 3 })));
  return h("div", { class: "trend" },
    h("h3", null, t(lang, "trendTitle")),
    chart,
    h("p", null, t(lang, "trendChange", {
      previous: previous.score, current: last.score, delta: delta > 0 ? `+${delta}` : delta === 0 ? "±0" : String(delta),
    })));
}

/** Which clouds were read, and a plain warning when something could not be: never a silent "all clear". */
function providerStatus(feed: Feed, lang: Language): HTMLElement {
  const incomplete = feed.scan.providers.some((p) => p.status !== "ok");
  return h("div", { class: "providers" },
    h("h3", null, t(lang, "scannedClouds")),
    h("ul", null, feed.scan.providers.map((p) =>
      h("li", { class: `provider-${p.status}` }, `${PROVIDER_NAMES[p.provider][lang]}: ${PROVIDER_SCAN_STATUS[p.status][lang]}`))),
    incomplete ? h("p", { class: "warning" }, h("span", { class: "icon", "aria-hidden": "true" }, "⚠"), t(lang, "providerScanProblems")) : null);
}

/** A finding as one line that opens its detail in the full list. */
function findingButton(f: FeedFinding, lang: Language, reveal: (id: string) => void): HTMLElement {
  return on(h("button", { type: "button", class: "finding-link", "data-finding": f.id },
    severityBadge(f.severity, lang),
    h("span", { class: "finding-link-title" }, headline(f, lang)),
    h("span", { class: "resource-name" }, `${PROVIDER_NAMES[f.provider][lang]} · ${f.resource.name}`)),
  "click", () => reveal(f.id));
}

export function fixFirstSection(feed: Feed, lang: Language, reveal: (id: string) => void): HTMLElement {
  const top = fixFirst(feed.findings);
  return h("section", { class: "card fix-first", "aria-labelledby": "fix-first-title" },
    h("h2", { id: "fix-first-title" }, t(lang, "fixFirstTitle")),
    top.length === 0
      ? h("p", null, t(lang, "fixFirstNone"))
      : h("ol", { class: "fix-list" }, top.map((f) => h("li", null,
        findingButton(f, lang, reveal),
        h("p", { class: "fix-hint" }, `${t(lang, "consolePath")}: ${f.remediation.consolePath[lang]}`)))));
}

const CHANGES_SHOWN = 8;

export function changesSection(feed: Feed, lang: Language, reveal: (id: string) => void, showNewOnly: () => void): HTMLElement {
  const fresh = feed.findings.filter((f) => f.state === "new");
  const fixed = feed.findings.filter((f) => f.state === "resolved");
  const list = (findings: FeedFinding[], more: (n: number) => HTMLElement) => findings.length === 0
    ? h("p", null, t(lang, "none"))
    : h("ul", { class: "change-list" },
      findings.slice(0, CHANGES_SHOWN).map((f) => h("li", null, findingButton(f, lang, reveal))),
      findings.length > CHANGES_SHOWN ? h("li", null, more(findings.length - CHANGES_SHOWN)) : null);
  const moreNew = (n: number) => on(h("button", { type: "button", class: "text-button" }, t(lang, "more", { n })), "click", showNewOnly);
  const moreFixed = (n: number) => h("span", null, t(lang, "more", { n }));
  return h("section", { class: "card changes", "aria-labelledby": "changes-title" },
    h("h2", { id: "changes-title" }, t(lang, "changesTitle")),
    h("div", { class: "columns" },
      h("div", { class: "changes-new" }, h("h3", null, t(lang, "newTitle", { n: fresh.length })), list(fresh, moreNew)),
      h("div", { class: "changes-fixed" }, h("h3", null, t(lang, "resolvedTitle", { n: fixed.length })), list(fixed, moreFixed))));
}
