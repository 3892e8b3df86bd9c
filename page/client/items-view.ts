import { IPA_GROUPS, IPA_SOURCE_URL, type IpaGroup } from "../../checks/catalogue.ts";
import type { Language } from "../../checks/text.ts";
import type { Feed, FeedItem } from "../../feed/schema.ts";
import { answererField, asksOwner, itemAnswerForm, type Answering } from "./answering.ts";
import { itemStatusBadge } from "./badges.ts";
import { externalLink, h, on } from "./dom.ts";
import { formatDate } from "./format.ts";
import { ATTESTATION_NAMES, ITEM_STATUS_MEANINGS, t } from "./i18n.ts";

/** The 15-item grid, in IPA's three groups. */

const GROUPS: readonly IpaGroup[] = ["choose", "operate", "manage"];

export function itemsSection(feed: Feed, lang: Language, showItem: (n: number) => void, answering: Answering): HTMLElement {
  return h("section", { class: "card items", "aria-labelledby": "items-title" },
    h("h2", { id: "items-title" }, t(lang, "itemsTitle")),
    h("p", null, t(lang, "itemsIntro"), " ", externalLink(IPA_SOURCE_URL, t(lang, "ipaGuide"))),
    answererField(lang),
    GROUPS.map((group) => h("div", { class: "item-group" },
      h("h3", null, IPA_GROUPS[group][lang]),
      h("ul", { class: "item-grid" }, feed.items.filter((item) => item.group === group).map((item) => {
        const results = feed.findings.filter((f) => f.ipaItems.includes(item.number)).length;
        return itemCard(item, results, lang, showItem, answering);
      })))));
}

function itemCard(item: FeedItem, results: number, lang: Language, showItem: (n: number) => void, answering: Answering): HTMLElement {
  const { fail, error, pass } = item.counts;
  return h("li", { class: `item item-${item.status}`, "data-item": item.number },
    h("p", { class: "item-number" }, t(lang, "itemNumber", { n: item.number })),
    h("h4", null, item.title[lang]),
    h("p", { class: "item-status" }, itemStatusBadge(item.status, lang)),
    h("p", { class: "item-meaning" }, ITEM_STATUS_MEANINGS[item.status][lang]),
    item.checks.length > 0 ? h("p", { class: "small" }, t(lang, "itemCounts", { fail, error, pass })) : null,
    results > 0
      ? on(h("button", { type: "button", class: "text-button" }, t(lang, "itemShowFindings", { n: results })), "click", () => showItem(item.number))
      : null,
    asksOwner(item) ? ownerAnswer(item, lang) : null,
    asksOwner(item) ? itemAnswerForm(item, lang, answering) : null);
}

/** The question only the owner can answer, and the answer on record if there is one. */
function ownerAnswer(item: FeedItem, lang: Language): HTMLElement {
  const a = item.attestation;
  return h("dl", { class: "owner-answer" },
    h("dt", null, t(lang, "question")),
    h("dd", null, item.question[lang]),
    h("dt", null, t(lang, "answer")),
    a
      ? h("dd", null,
        h("strong", null, ATTESTATION_NAMES[a.answer][lang]),
        a.note ? h("span", { class: "note" }, a.note) : null,
        h("span", { class: "small" }, a.by
          ? t(lang, "answeredBy", { date: formatDate(a.date, lang), by: a.by })
          : t(lang, "answeredOn", { date: formatDate(a.date, lang) })))
      : h("dd", null, t(lang, "notAnswered")));
}
