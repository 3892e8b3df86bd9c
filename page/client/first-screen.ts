import type { Language, Text } from "../../checks/text.ts";
import { actionGroups, headlineOf, type ActionGroup } from "../../feed/action-plan.ts";
import type { Feed, FeedFinding, FeedProviderScan } from "../../feed/schema.ts";
import { severityBadge } from "./badges.ts";
import { externalLink, h, on } from "./dom.ts";
import { formatDateTime } from "./format.ts";
import type { Glossary } from "./glossary.ts";
import { PROVIDER_NAMES, SEVERITY_NAMES, t } from "./i18n.ts";
import { plainMessage, resourceName, stepList } from "./plain-words.ts";

/**
 * The first screen answers "what do I do now?": how many urgent problems (before any score),
 * what the score means, and the problems grouped by what to do, riskiest first, each with
 * its steps, who does it and about how long it takes.
 */

/** Since schema 1.1 a provider that could not be scanned keeps its last results, marked stale. */
interface Stale { since: string; reason: Text }
export const staleOf = (p: FeedProviderScan): Stale | undefined => (p as { stale?: Stale }).stale;
export const isStale = (f: FeedFinding): boolean => (f as { stale?: boolean }).stale === true;

const BAND_TEXT = {
  danger: "bandDanger", warning: "bandWarning", fair: "bandFair", good: "bandGood",
} as const;

export function headlineSection(feed: Feed, lang: Language): HTMLElement {
  const headline = headlineOf(feed);
  const { score, scoreNote } = feed.summary;
  const urgent = headline.critical > 0
    ? t(lang, "headlineCritical", { n: headline.critical })
    : headline.high > 0 ? t(lang, "headlineHigh", { n: headline.high }) : t(lang, "headlineNone");
  const others = headline.open - (headline.critical > 0 ? headline.critical : headline.high);
  return h("section", { class: `card headline band-${headline.band}`, "aria-labelledby": "headline-title" },
    h("h2", { id: "headline-title", class: "headline-urgent" }, urgent),
    headline.open > 0 && others > 0 ? h("p", { class: "headline-others" }, t(lang, "headlineOthers", { n: others })) : null,
    h("p", { class: "headline-score" },
      t(lang, "scoreLine"), " ",
      h("span", { class: "score-number", "data-score": score }, score),
      h("span", { class: "score-max" }, t(lang, "scoreOutOf")), " ",
      h("span", { class: "score-band" }, t(lang, BAND_TEXT[headline.band]))),
    scoreNote ? h("p", { class: "note" }, scoreNote[lang]) : null,
    providerLine(feed, lang));
}

/** Which clouds were read; one that could not be read is never a silent "all clear". */
function providerLine(feed: Feed, lang: Language): HTMLElement {
  const incomplete = feed.scan.providers.some((p) => p.status !== "ok");
  return h("div", { class: "providers" },
    h("p", { class: "small" }, t(lang, "scannedClouds"), ": ", ...feed.scan.providers.map((p, i) => [
      i > 0 ? (lang === "ja" ? "、" : ", ") : null,
      h("span", { class: `provider-${p.status}` }, lang === "ja"
        ? `${PROVIDER_NAMES[p.provider].ja}（${providerStatusText(p, lang)}）`
        : `${PROVIDER_NAMES[p.provider].en} (${providerStatusText(p, lang)})`),
    ])),
    incomplete ? h("p", { class: "warning" }, h("span", { class: "icon", "aria-hidden": "true" }, "⚠"), t(lang, "providerScanProblems")) : null);
}

function providerStatusText(p: FeedProviderScan, lang: Language): string {
  const status = p.status as string;
  const key = status === "ok" ? "providerOk" : status === "partial" ? "providerPartial" : status === "unreachable" ? "providerUnreachable" : "providerError";
  return t(lang, key);
}

/** One plain banner per cloud whose results are carried over from an earlier scan. */
export function staleBanners(feed: Feed, lang: Language): HTMLElement | null {
  const stale = feed.scan.providers.flatMap((p) => {
    const s = staleOf(p);
    return s ? [{ p, s }] : [];
  });
  if (stale.length === 0) return null;
  return h("div", { class: "stale-banners", role: "alert" }, stale.map(({ p, s }) => h("p", { class: "stale-banner", "data-provider": p.provider },
    h("span", { class: "icon", "aria-hidden": "true" }, "⚠"),
    t(lang, "staleBanner", { cloud: PROVIDER_NAMES[p.provider][lang], since: formatDateTime(s.since, lang), reason: s.reason[lang] }))));
}

/** How many groups are open at first; the rest are one click further. */
const GROUPS_SHOWN = 3;
const NAMES_SHOWN = 3;

export function actionsSection(feed: Feed, lang: Language, glossary: Glossary, showFindings: (ids: string[]) => void): HTMLElement {
  const groups = actionGroups(feed.findings);
  return h("section", { class: "card actions-now", "aria-labelledby": "actions-title" },
    h("h2", { id: "actions-title" }, t(lang, "actionsTitle")),
    groups.length === 0
      ? h("p", null, t(lang, "actionsNone"))
      : [
        h("ol", { class: "action-list" }, groups.slice(0, GROUPS_SHOWN).map((g, i) => actionCard(g, i, lang, glossary, showFindings))),
        groups.length > GROUPS_SHOWN
          ? h("details", { class: "more-actions" },
            h("summary", null, t(lang, "moreActions", { n: groups.length - GROUPS_SHOWN })),
            h("ol", { class: "action-list", start: GROUPS_SHOWN + 1 },
              groups.slice(GROUPS_SHOWN).map((g, i) => actionCard(g, GROUPS_SHOWN + i, lang, glossary, showFindings))))
          : null,
      ]);
}

function minutesText(minutes: number, lang: Language): string {
  if (minutes < 60) return t(lang, "aboutMinutes", { n: Math.max(5, Math.round(minutes / 5) * 5) });
  return t(lang, "aboutHours", { n: Math.round(minutes / 30) / 2 });
}

function actionCard(g: ActionGroup, index: number, lang: Language, glossary: Glossary, showFindings: (ids: string[]) => void): HTMLElement {
  const names = g.findings.slice(0, NAMES_SHOWN);
  const sensitive = new Set(g.sensitive);
  return h("li", { class: `action action-${g.severity}`, "data-action": g.key, id: `action-${index + 1}` },
    h("h3", null, severityBadge(g.severity, lang), " ", glossary.explain(plainMessage(g.title[lang], lang))),
    h("p", { class: "action-targets" },
      ...names.map((f, i) => [
        i > 0 ? (lang === "ja" ? "、" : ", ") : null,
        h("span", { class: "ident" }, resourceName(f, lang)),
        sensitive.has(f.resource.name) ? h("strong", { class: "sensitive" }, t(lang, "maybePersonal")) : null,
        isStale(f) ? h("span", { class: "stale-mark" }, t(lang, "staleMark")) : null,
      ]),
      g.findings.length > NAMES_SHOWN ? (lang === "ja" ? ` ほか ${g.findings.length - NAMES_SHOWN} 件` : ` and ${g.findings.length - NAMES_SHOWN} more`) : null),
    h("p", { class: "action-meta" },
      h("span", { class: `who who-${g.who}` }, t(lang, g.who === "owner" ? "whoOwner" : "whoVendor")),
      h("span", { class: "time" }, minutesText(g.minutes, lang))),
    g.steps.map((s) => h("div", { class: "action-steps" },
      g.steps.length > 1 ? h("h4", null, PROVIDER_NAMES[s.provider][lang]) : null,
      h("ol", { class: "steps" }, stepList(s.steps[lang], lang).map((step) => h("li", null, glossary.explain(step)))),
      h("p", { class: "small" }, `${t(lang, "consolePath")}: `, s.consolePath[lang], " ", externalLink(s.url, t(lang, "readGuide"))))),
    on(h("button", { type: "button", class: "text-button" }, t(lang, "showTargets", { n: g.findings.length })), "click",
      () => showFindings(g.findings.map((f) => f.id))));
}

export function severityCounts(counts: Record<FeedFinding["severity"], number>, lang: Language): string {
  return (["critical", "high", "medium", "low"] as const).filter((s) => counts[s] > 0)
    .map((s) => `${SEVERITY_NAMES[s][lang]} ${counts[s]}`).join(lang === "ja" ? "・" : " · ");
}
