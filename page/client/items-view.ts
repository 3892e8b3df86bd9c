import { IPA_GROUPS, IPA_SOURCE_URL, type IpaGroup } from "../../checks/catalogue.ts";
import type { Language } from "../../checks/text.ts";
import { itemUrgency } from "../../feed/action-plan.ts";
import type { Feed, FeedItem } from "../../feed/schema.ts";
import { asksOwner } from "./answering.ts";
import { itemStatusBadge } from "./badges.ts";
import { externalLink, h, on } from "./dom.ts";
import { ATTESTATION_NAMES, t } from "./i18n.ts";
import { cardScanLines, reasonsDetails } from "./item-scan.ts";

/**
 * The 15 items as an overview: one compact card each, its status weighted by severity (a
 * critical or high failure is "to fix", not "partly"), what the scan saw (item-scan.ts), and
 * a way to its results or to its question. Answering happens in the questionnaire, not here.
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
  const { status } = itemUrgency(item, feed.findings);
  const results = feed.findings.filter((f) => f.ipaItems.includes(item.number)).length;
  const a = item.attestation;
  return h("li", { class: `item item-${status}`, "data-item": item.number },
    h("p", { class: "item-head" },
      h("span", { class: "item-number" }, t(lang, "itemNumber", { n: item.number })),
      h("span", { class: "item-status" }, itemStatusBadge(status, lang))),
    h("h4", null, item.title[lang]),
    ...cardScanLines(item, feed, lang),
    a ? h("p", { class: "item-answer small" }, t(lang, "itemAnswered", { answer: ATTESTATION_NAMES[a.answer][lang] })) : null,
    reasonsDetails(item, lang),
    h("p", { class: "item-links" },
      results > 0
        ? on(h("button", { type: "button", class: "text-button show-findings" }, t(lang, "itemShowFindings", { n: results })), "click", () => actions.showFindings(item.number))
        : null,
      asksOwner(item)
        ? on(h("button", { type: "button", class: "text-button answer-button" }, t(lang, a ? "itemChangeAnswer" : "itemAnswer")), "click", () => actions.answer(item.number))
        : null));
}
