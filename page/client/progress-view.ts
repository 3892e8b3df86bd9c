import type { Language, Text } from "../../checks/text.ts";
import type { Feed } from "../../feed/schema.ts";
import type { FailingFinding } from "../feeds.ts";
import type { HistoryPoint, MonthAgo } from "./api.ts";
import { severityBadge } from "./badges.ts";
import { h, on, svg } from "./dom.ts";
import { headline } from "./findings.ts";
import { formatDate, formatDateTime } from "./format.ts";
import { t } from "./i18n.ts";
import { resourceName } from "./plain-words.ts";

/**
 * Change over time: the score and the open critical and high problems per scan as a small
 * hand-drawn chart, and what was fixed and what is new since about a month ago (or, with a
 * shorter history, since the previous scan).
 */

const WIDTH = 360;
const HEIGHT = 120;
/** Room for the axis labels on the left and the last score on the right; bars never touch the labels. */
const PAD = { left: 40, right: 30, top: 10, bottom: 8 };
/** Between the axis and the first bar. */
const GAP = 12;

export interface Change { id: string; name: string; title: Text; severity: string }

export interface Changes {
  /** When the comparison starts: about a month ago, or the previous scan. */
  since: string | undefined;
  fixed: Change[];
  fresh: Change[];
}

/** Fixed = failing then and not now; new = failing now and not then. */
export function changesSince(feed: Feed, monthAgo: MonthAgo | undefined, lang: Language): Changes {
  const failingNow = feed.findings.filter((f) => f.status === "fail");
  const asChange = (f: typeof failingNow[number]): Change => ({ id: f.id, name: resourceName(f, lang), title: { ja: headline(f, "ja"), en: headline(f, "en") }, severity: f.severity });
  if (!monthAgo) {
    return {
      since: undefined,
      fixed: feed.findings.filter((f) => f.state === "resolved").map((f) => ({ ...asChange(f), title: f.title })),
      fresh: failingNow.filter((f) => f.state === "new").map(asChange),
    };
  }
  const nowIds = new Set(failingNow.map((f) => f.id));
  const thenIds = new Set(monthAgo.failing.map((f) => f.id));
  return {
    since: monthAgo.finishedAt,
    fixed: monthAgo.failing.filter((f) => !nowIds.has(f.id)).map((f: FailingFinding) => ({
      id: f.id, name: resourceName({ resource: { uid: f.id, name: f.name, type: f.type }, checkId: f.checkId }, lang), title: f.title, severity: f.severity,
    })),
    fresh: failingNow.filter((f) => !thenIds.has(f.id)).map(asChange),
  };
}

const SHOWN = 8;

export function progressSection(feed: Feed, points: readonly HistoryPoint[], monthAgo: MonthAgo | undefined, lang: Language, reveal: (id: string) => void): HTMLElement {
  const changes = changesSince(feed, monthAgo, lang);
  const since = changes.since ? formatDate(changes.since.slice(0, 10), lang) : undefined;
  const list = (items: Change[], cls: string, clickable: boolean) => items.length === 0
    ? h("p", null, t(lang, "none"))
    : h("ul", { class: `change-list ${cls}` },
      items.slice(0, SHOWN).map((c) => h("li", null,
        clickable
          ? on(h("button", { type: "button", class: "finding-link" }, severityBadge(c.severity as never, lang), " ", c.title[lang], " ", h("span", { class: "ident" }, c.name)), "click", () => reveal(c.id))
          : [severityBadge(c.severity as never, lang), " ", c.title[lang], " ", h("span", { class: "ident" }, c.name)])),
      items.length > SHOWN ? h("li", null, t(lang, "more", { n: items.length - SHOWN })) : null);
  return h("section", { class: "card progress", id: "progress", "aria-labelledby": "progress-title" },
    h("h2", { id: "progress-title" }, t(lang, "progressTitle")),
    trendChart(points, lang),
    h("div", { class: "columns" },
      h("div", { class: "changes-fixed" },
        h("h3", null, since ? t(lang, "fixedSince", { date: since, n: changes.fixed.length }) : t(lang, "resolvedTitle", { n: changes.fixed.length })),
        list(changes.fixed, "fixed", false)),
      h("div", { class: "changes-new" },
        h("h3", null, since ? t(lang, "newSince", { date: since, n: changes.fresh.length }) : t(lang, "newTitle", { n: changes.fresh.length })),
        list(changes.fresh, "new", true))));
}

function trendChart(points: readonly HistoryPoint[], lang: Language): HTMLElement {
  const last = points.at(-1);
  const previous = points.at(-2);
  if (!last || !previous) return h("p", { class: "trend" }, t(lang, "trendFirst"));
  const delta = last.score - previous.score;
  const innerW = WIDTH - PAD.left - PAD.right - GAP;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, points.length - 1);
  const x = (i: number) => PAD.left + GAP + i * step;
  const yScore = (s: number) => PAD.top + innerH - (s / 100) * innerH;
  const maxOpen = Math.max(1, ...points.map((p) => p.critical + p.high));
  const barH = (n: number) => (n / maxOpen) * innerH * 0.6;
  const barW = Math.max(3, Math.min(14, step * 0.5));
  const base = PAD.top + innerH;
  const description = points.map((p) => t(lang, "trendPoint", {
    date: formatDateTime(p.finishedAt, lang), score: p.score, critical: p.critical, high: p.high,
  })).join(lang === "ja" ? "、" : "; ");
  const chart = svg("svg", { class: "trend-chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": t(lang, "trendLabel", { points: description }) },
    svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: base, y2: base, class: "axis" }),
    svg("text", { x: PAD.left - 4, y: yScore(100) + 4, class: "tick", "text-anchor": "end" }, "100"),
    svg("text", { x: PAD.left - 4, y: base, class: "tick", "text-anchor": "end" }, "0"),
    ...points.flatMap((p, i) => [
      svg("rect", { class: "bar-high", x: (x(i) - barW / 2).toFixed(1), width: barW.toFixed(1), y: (base - barH(p.critical + p.high)).toFixed(1), height: barH(p.high).toFixed(1) }),
      svg("rect", { class: "bar-critical", x: (x(i) - barW / 2).toFixed(1), width: barW.toFixed(1), y: (base - barH(p.critical)).toFixed(1), height: barH(p.critical).toFixed(1) }),
    ]),
    svg("polyline", { class: "score-line", points: points.map((p, i) => `${x(i).toFixed(1)},${yScore(p.score).toFixed(1)}`).join(" ") }),
    ...points.map((p, i) => svg("circle", { cx: x(i).toFixed(1), cy: yScore(p.score).toFixed(1), r: 3 })),
    svg("text", { x: x(points.length - 1) + 6, y: yScore(last.score) + 4, class: "tick" }, String(last.score)));
  return h("div", { class: "trend" },
    chart,
    h("p", { class: "legend small" },
      h("span", { class: "key key-score", "aria-hidden": "true" }), t(lang, "legendScore"), " ",
      h("span", { class: "key key-critical", "aria-hidden": "true" }), t(lang, "legendCritical"), " ",
      h("span", { class: "key key-high", "aria-hidden": "true" }), t(lang, "legendHigh")),
    h("p", null, t(lang, "trendChange", {
      previous: previous.score, current: last.score, delta: delta > 0 ? `+${delta}` : delta === 0 ? "±0" : String(delta),
      critical: last.critical, high: last.high,
    })));
}
