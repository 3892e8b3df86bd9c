import { SECURITY_ACTION_URL, SELF_CHECK_BANDS, SELF_CHECK_SOURCE_URL } from "../../checks/self-check.ts";
import type { Language } from "../../checks/text.ts";
import type { Feed } from "../../feed/schema.ts";
import { externalLink, h, on } from "./dom.ts";
import { formatDate } from "./format.ts";
import { t } from "./i18n.ts";

/** IPA's 25-question self-check: where it stands (answered in the questionnaire), and the way to SECURITY ACTION ★★. */

export function selfCheckSection(feed: Feed, lang: Language, startSelfCheck: () => void): HTMLElement {
  const result = feed.selfCheck;
  return h("section", { class: "card self-check", id: "self-check", "aria-labelledby": "self-check-title" },
    h("h2", { id: "self-check-title" }, t(lang, "selfCheckTitle")),
    h("p", null, t(lang, "selfCheckIntro"), " ", externalLink(SELF_CHECK_SOURCE_URL, t(lang, "selfCheckSource"))),
    h("div", { class: "self-check-result", role: "status" },
      result
        ? [
          h("p", { class: "self-check-score", "data-score": result.score }, t(lang, "selfCheckScore", { score: result.score })),
          h("p", { class: "small" }, t(lang, "selfCheckAnswered", { n: result.answered, date: formatDate(result.date, lang) })),
          result.band
            ? h("p", { class: `self-check-band band-${result.band}` }, SELF_CHECK_BANDS.find((b) => b.band === result.band)!.meaning[lang])
            : h("p", { class: "small" }, t(lang, "selfCheckIncomplete")),
        ]
        : h("p", null, t(lang, "selfCheckNone"))),
    h("details", { class: "self-check-bands" },
      h("summary", null, t(lang, "selfCheckBands")),
      h("p", null, t(lang, "selfCheckPoints")),
      h("dl", null, SELF_CHECK_BANDS.flatMap((b) => [h("dt", null, b.range[lang]), h("dd", null, b.meaning[lang])]))),
    on(h("button", { type: "button", class: "text-button" }, t(lang, "selfCheckStart")), "click", startSelfCheck),
    securityAction(result?.complete === true, lang));
}

function securityAction(selfCheckDone: boolean, lang: Language): HTMLElement {
  const step = (done: boolean | undefined, text: string) => h("li", { class: done ? "step-done" : "step-todo" },
    text, done === undefined ? null : h("span", { class: "small" }, ` (${t(lang, done ? "securityActionDone" : "securityActionTodo")})`));
  return h("div", { class: "security-action" },
    h("h3", null, t(lang, "securityActionTitle")),
    h("p", null, t(lang, "securityActionBody")),
    h("ol", null,
      step(selfCheckDone, t(lang, "securityActionStep1")),
      // The policy and its publication happen outside cloud15: the page cannot know, so it does not say.
      step(undefined, t(lang, "securityActionStep2")),
      step(undefined, t(lang, "securityActionStep3"))),
    h("p", null, externalLink(SECURITY_ACTION_URL, t(lang, "securityActionLink"))));
}
