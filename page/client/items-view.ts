import { IPA_GROUPS, IPA_SOURCE_URL, type IpaGroup } from "../../checks/catalogue.ts";
import type { Language } from "../../checks/text.ts";
import { itemUrgency } from "../../feed/action-plan.ts";
import type { Feed, FeedItem } from "../../feed/schema.ts";
import { asksOwner } from "./answering.ts";
import { itemStatusBadge } from "./badges.ts";
import { externalLink, h, on } from "./dom.ts";
import { severityCounts } from "./first-screen.ts";
import { ATTESTATION_NAMES, t } from "./i18n.ts";

/**
 * The 15 items as an overview: one compact card each, its status weighted by severity (a
 * critical or high failure is "to fix", not "partly"), what failed, and a way to its results
 * or to its question. Answering happens in the questionnaire, not here.
 */

const GROUPS: readonly IpaGroup[] = ["choose", "operate", "manage"];

export interface ItemActions {
  showFindings(item: number): void;
  answer(item: number): void;
}

export function itemsSection(feed: Feed, lang: Language, actions: ItemActions): HTMLElement {
  return h("section", { class: "card items", id: "items", "aria-labelledby": "items-title" },
    h("h2", { id: "items-title" }, t(lang, "itemsTitle")),
    h("p", { class: "small" }, t(lang, "itemsIntro"), " ", externalLink(IPA_SOURCE_URL, t(lang, "ipaGuide"))),
    GROUPS.map((group) => h("div", { class: "item-group" },
      h("h3", null, IPA_GROUPS[group][lang]),
      h("ul", { class: "item-grid" }, feed.items.filter((item) => item.group === group).map((item) => itemCard(item, feed, lang, actions))))));
}

function itemCard(item: FeedItem, feed: Feed, lang: Language, actions: ItemActions): HTMLElement {
  const { status, bySeverity } = itemUrgency(item, feed.findings);
  const results = feed.findings.filter((f) => f.ipaItems.includes(item.number)).length;
  const failing = severityCounts(bySeverity, lang);
  const summary = failing
    ? t(lang, "itemFailing", { counts: failing })
    : item.counts.error > 0 ? t(lang, "itemErrors", { n: item.counts.error })
      : item.counts.pass > 0 ? t(lang, "itemPassed", { n: item.counts.pass }) : null;
  const a = item.attestation;
  return h("li", { class: `item item-${status}`, "data-item": item.number },
    h("p", { class: "item-head" },
      h("span", { class: "item-number" }, t(lang, "itemNumber", { n: item.number })),
      h("span", { class: "item-status" }, itemStatusBadge(status, lang))),
    h("h4", null, item.title[lang]),
    summary ? h("p", { class: "item-counts small" }, summary) : null,
    a ? h("p", { class: "item-answer small" }, t(lang, "itemAnswered", { answer: ATTESTATION_NAMES[a.answer][lang] })) : null,
    h("p", { class: "item-links" },
      results > 0
        ? on(h("button", { type: "button", class: "text-button show-findings" }, t(lang, "itemShowFindings", { n: results })), "click", () => actions.showFindings(item.number))
        : null,
      asksOwner(item)
        ? on(h("button", { type: "button", class: "text-button answer-button" }, t(lang, a ? "itemChangeAnswer" : "itemAnswer")), "click", () => actions.answer(item.number))
        : null));
}
