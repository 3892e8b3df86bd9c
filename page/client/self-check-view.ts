import {
  SECURITY_ACTION_URL, SELF_CHECK_BANDS, SELF_CHECK_PARTS, SELF_CHECK_QUESTIONS, SELF_CHECK_SOURCE_URL,
  type SelfCheckPart, type SelfCheckQuestion,
} from "../../checks/self-check.ts";
import type { Language } from "../../checks/text.ts";
import type { Feed, FeedItem } from "../../feed/schema.ts";
import { answererName, type Answering } from "./answering.ts";
import { externalLink, h, on } from "./dom.ts";
import { formatDate } from "./format.ts";
import { ITEM_STATUS_NAMES, SELF_CHECK_ANSWER_NAMES, t } from "./i18n.ts";

/** IPA's 25-question self-check, answered on the page, and the way from it to SECURITY ACTION ★★. */

type SelfCheckValue = keyof typeof SELF_CHECK_ANSWER_NAMES;
const VALUES: readonly SelfCheckValue[] = ["done", "partly", "not_done", "unknown"];
const PARTS: readonly SelfCheckPart[] = ["basics", "staff", "company"];

export function selfCheckSection(feed: Feed, lang: Language, answering: Answering): HTMLElement {
  const result = feed.selfCheck;
  const answered = new Map((result?.answers ?? []).map((a) => [a.question, a.answer]));
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
    h("p", { class: "small" }, t(lang, "selfCheckSaveHint")),
    PARTS.map((part) => h("div", { class: "self-check-part" },
      h("h3", null, SELF_CHECK_PARTS[part][lang]),
      h("ol", { class: "self-check-questions", start: firstOf(part) },
        SELF_CHECK_QUESTIONS.filter((q) => q.part === part).map((q) => questionItem(q, answered.get(q.number), feed, lang, answering))))),
    securityAction(result?.complete === true, lang));
}

function firstOf(part: SelfCheckPart): number {
  return SELF_CHECK_QUESTIONS.find((q) => q.part === part)!.number;
}

function questionItem(
  question: SelfCheckQuestion,
  current: SelfCheckValue | undefined,
  feed: Feed,
  lang: Language,
  answering: Answering,
): HTMLElement {
  const n = question.number;
  const error = h("p", { class: "form-error", role: "alert" });
  const choices = VALUES.map((value) => {
    const input = h("input", { type: "radio", name: `sc-${n}`, value, id: `sc-${n}-${value}`, checked: current === value });
    // Choosing is answering: each change is saved at once, so a half-filled sheet is never lost.
    on(input, "change", () => {
      const by = answererName();
      void answering.save({ kind: "selfCheck", question: n, answer: value, ...(by ? { by } : {}) },
        t(lang, "questionLabel", { n }), input.id).then((problem) => {
        error.textContent = problem ?? "";
      });
    });
    return h("label", { class: "choice" }, input, SELF_CHECK_ANSWER_NAMES[value][lang]);
  });
  return h("li", { class: "self-check-question", "data-question": n },
    h("fieldset", null, h("legend", null, question.question[lang]), choices),
    question.evidenceItems ? evidence(question.evidenceItems, feed, lang) : null,
    error);
}

/**
 * What the scan says about a question, and the answer it suggests: every item in order →
 * done, every item failing → not done, anything between → partly; nothing while an item is
 * unanswered or could not be checked.
 */
function evidence(numbers: readonly number[], feed: Feed, lang: Language): HTMLElement {
  const items = numbers.map((n) => feed.items.find((i) => i.number === n)).filter((i): i is FeedItem => i !== undefined);
  const described = items.map((item) => t(lang, "scEvidenceItem", {
    n: item.number, title: item.title[lang], status: ITEM_STATUS_NAMES[item.status][lang],
  })).join(lang === "ja" ? "、" : "; ");
  const suggestion = suggest(items.map((i) => i.status));
  return h("p", { class: "evidence-hint" },
    t(lang, "scEvidence", { items: described }), " ",
    h("strong", null, suggestion ? t(lang, "scSuggestion", { answer: SELF_CHECK_ANSWER_NAMES[suggestion][lang] }) : t(lang, "scNoSuggestion")));
}

function suggest(statuses: readonly FeedItem["status"][]): SelfCheckValue | undefined {
  if (statuses.length === 0 || statuses.some((s) => s === "manual" || s === "error")) return undefined;
  if (statuses.every((s) => s === "pass")) return "done";
  if (statuses.every((s) => s === "fail")) return "not_done";
  return "partly";
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
