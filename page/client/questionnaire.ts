import { providerFactsFor, type ProviderFact } from "../../checks/provider-facts.ts";
import { SELF_CHECK_PARTS, SELF_CHECK_QUESTIONS, type SelfCheckQuestion } from "../../checks/self-check.ts";
import type { Language } from "../../checks/text.ts";
import type { AnswerInput } from "../../feed/answers.ts";
import type { AttestationAnswer, Feed, FeedItem } from "../../feed/schema.ts";
import { answererField, answererName, asksOwner, itemHistory, type Answering } from "./answering.ts";
import { externalLink, h, on } from "./dom.ts";
import { formatDate } from "./format.ts";
import { ATTESTATION_NAMES, ITEM_STATUS_NAMES, PROVIDER_NAMES, SELF_CHECK_ANSWER_NAMES, t } from "./i18n.ts";
import { scanSawSection } from "./item-scan.ts";

/**
 * The guided questionnaire: one question at a time, with progress, and nothing chosen for the
 * owner. An answer on record is shown in words beside the choices, never as a checked control,
 * so a saved answer is always one the owner picked just now. Provider facts are what we know,
 * for the owner to confirm, not a suggested answer.
 */

type Track = "items" | "selfCheck";
type SelfCheckValue = keyof typeof SELF_CHECK_ANSWER_NAMES;

const ITEM_ANSWERS: readonly AttestationAnswer["answer"][] = ["done", "partly", "not_done", "not_applicable"];
const SELF_CHECK_VALUES: readonly SelfCheckValue[] = ["done", "partly", "not_done", "unknown"];

/** Where the owner is; kept across redraws (a save redraws the page). */
const position: { track: Track; index: number } = { track: "items", index: 0 };
let redraw: (() => void) | undefined;

/** Opens the questionnaire at an item's question and moves the focus there. */
export function openItemQuestion(feed: Feed, item: number): void {
  const index = ownerItems(feed).findIndex((i) => i.number === item);
  if (index < 0) return;
  position.track = "items";
  position.index = index;
  redraw?.();
  document.getElementById("questionnaire")?.scrollIntoView({ block: "start" });
  document.getElementById("question-title")?.focus();
}

/** Opens the self-check's questions at the first one not answered yet. */
export function openSelfCheck(feed: Feed): void {
  const answered = new Set(feed.selfCheck?.answers.map((a) => a.question) ?? []);
  position.track = "selfCheck";
  position.index = Math.max(0, SELF_CHECK_QUESTIONS.findIndex((q) => !answered.has(q.number)));
  redraw?.();
  document.getElementById("questionnaire")?.scrollIntoView({ block: "start" });
  document.getElementById("question-title")?.focus();
}

function ownerItems(feed: Feed): FeedItem[] {
  return feed.items.filter(asksOwner);
}

export function questionnaireSection(feed: Feed, lang: Language, answering: Answering): HTMLElement {
  const body = h("div", { class: "questionnaire-body" });
  const section = h("section", { class: "card questionnaire", id: "questionnaire", "aria-labelledby": "questionnaire-title" },
    h("h2", { id: "questionnaire-title" }, t(lang, "questionnaireTitle")),
    h("p", { class: "small" }, t(lang, "questionnaireIntro")),
    answererField(lang),
    body);
  const draw = (): void => {
    body.replaceChildren(trackSwitch(feed, lang, draw), position.track === "items"
      ? itemQuestion(feed, lang, answering, draw)
      : selfCheckQuestion(feed, lang, answering, draw));
  };
  redraw = draw;
  draw();
  return section;
}

function trackSwitch(feed: Feed, lang: Language, draw: () => void): HTMLElement {
  const answeredItems = ownerItems(feed).filter((i) => i.attestation).length;
  const tab = (track: Track, label: string) => on(h("button", {
    type: "button", class: "track", id: `track-${track}`, "aria-pressed": String(position.track === track),
  }, label), "click", () => {
    position.track = track;
    position.index = 0;
    draw();
    document.getElementById("question-title")?.focus();
  });
  return h("div", { class: "tracks" },
    tab("items", t(lang, "trackItems", { answered: answeredItems, total: ownerItems(feed).length })),
    tab("selfCheck", t(lang, "trackSelfCheck", { answered: feed.selfCheck?.answered ?? 0, total: SELF_CHECK_QUESTIONS.length })));
}

/** Progress, then the question as a form with back, skip and save-and-next. */
function frame(opts: {
  lang: Language; index: number; total: number; formId: string; heading: string; question: string;
  before: (HTMLElement | null)[]; choices: HTMLElement[]; after: (HTMLElement | null)[];
  onSave(form: HTMLFormElement, error: HTMLElement, submit: HTMLButtonElement): void; draw: () => void;
}): HTMLElement {
  const { lang, index, total, draw } = opts;
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary" }, t(lang, "saveAndNext"));
  const go = (to: number) => () => {
    position.index = Math.max(0, Math.min(total - 1, to));
    draw();
    document.getElementById("question-title")?.focus();
  };
  const form = on(h("form", { class: "answer-form", id: opts.formId },
    h("fieldset", null, h("legend", null, t(lang, "chooseAnswer")), opts.choices),
    ...opts.after,
    h("div", { class: "question-nav" },
      index > 0 ? on(h("button", { type: "button", class: "back" }, t(lang, "previous")), "click", go(index - 1)) : null,
      submit,
      index < total - 1 ? on(h("button", { type: "button", class: "text-button skip" }, t(lang, "skip")), "click", go(index + 1)) : null),
    error), "submit", (event) => {
    event.preventDefault();
    opts.onSave(form, error, submit);
  });
  return h("div", { class: "question" },
    h("p", { class: "progress-text" }, t(lang, "questionProgress", { n: index + 1, total })),
    h("progress", { max: total, value: index + 1, "aria-hidden": "true" }),
    h("h3", { id: "question-title", tabindex: "-1" }, opts.heading),
    h("p", { class: "question-text" }, opts.question),
    ...opts.before,
    form);
}

function itemQuestion(feed: Feed, lang: Language, answering: Answering, draw: () => void): HTMLElement {
  const items = ownerItems(feed);
  if (items.length === 0) return h("p", null, t(lang, "noQuestions"));
  const index = Math.min(position.index, items.length - 1);
  const item = items[index]!;
  const n = item.number;
  const a = item.attestation;
  const note = h("textarea", { id: `item-${n}-note`, maxlength: 2000, rows: 2 }, a?.note ?? "");
  const facts = providerFactsFor(n, answering.providers);
  return frame({
    lang, index, total: items.length, formId: `answer-form-${n}`, draw,
    heading: `${t(lang, "itemNumber", { n })}: ${item.title[lang]}`,
    question: item.question[lang],
    before: [
      h("p", { class: "on-record" }, a
        ? t(lang, a.by ? "onRecordBy" : "onRecord", { answer: ATTESTATION_NAMES[a.answer][lang], date: formatDate(a.date, lang), by: a.by ?? "" })
        : t(lang, "notAnswered")),
      scanSawSection(item, feed, lang),
      facts.length > 0 ? providerFacts(facts, lang) : null,
    ],
    choices: ITEM_ANSWERS.map((answer) => h("label", { class: "choice" },
      h("input", { type: "radio", name: `item-${n}-answer`, value: answer, id: `item-${n}-answer-${answer}` }),
      ATTESTATION_NAMES[answer][lang])),
    after: [h("label", { for: `item-${n}-note` }, t(lang, "note")), note, itemHistory(n, lang, answering.history)],
    onSave(form, error, submit) {
      const chosen = form.querySelector<HTMLInputElement>(`input[name="item-${n}-answer"]:checked`);
      if (!chosen) {
        error.textContent = t(lang, "chooseAnswer");
        return;
      }
      const by = answererName();
      const input: AnswerInput = {
        kind: "item", item: n, answer: chosen.value as AttestationAnswer["answer"],
        ...(note.value.trim() ? { note: note.value } : {}), ...(by ? { by } : {}),
      };
      saveAndAdvance(answering, input, t(lang, "itemLabel", { n }), index, items.length, error, submit);
    },
  });
}

function selfCheckQuestion(feed: Feed, lang: Language, answering: Answering, draw: () => void): HTMLElement {
  const index = Math.min(position.index, SELF_CHECK_QUESTIONS.length - 1);
  const question = SELF_CHECK_QUESTIONS[index]!;
  const n = question.number;
  const current = feed.selfCheck?.answers.find((a) => a.question === n);
  return frame({
    lang, index, total: SELF_CHECK_QUESTIONS.length, formId: `sc-form-${n}`, draw,
    heading: `${SELF_CHECK_PARTS[question.part][lang]} — ${t(lang, "questionLabel", { n })}`,
    question: question.question[lang],
    before: [
      h("p", { class: "on-record" }, current
        ? t(lang, "onRecord", { answer: SELF_CHECK_ANSWER_NAMES[current.answer][lang], date: formatDate(current.date, lang), by: "" })
        : t(lang, "notAnswered")),
      question.evidenceItems ? scanEvidence(question, feed, lang) : null,
    ],
    choices: SELF_CHECK_VALUES.map((value) => h("label", { class: "choice" },
      h("input", { type: "radio", name: `sc-${n}`, value, id: `sc-${n}-${value}` }),
      SELF_CHECK_ANSWER_NAMES[value][lang])),
    after: [],
    onSave(form, error, submit) {
      const chosen = form.querySelector<HTMLInputElement>(`input[name="sc-${n}"]:checked`);
      if (!chosen) {
        error.textContent = t(lang, "chooseAnswer");
        return;
      }
      const by = answererName();
      saveAndAdvance(answering, { kind: "selfCheck", question: n, answer: chosen.value as SelfCheckValue, ...(by ? { by } : {}) },
        t(lang, "questionLabel", { n }), index, SELF_CHECK_QUESTIONS.length, error, submit);
    },
  });
}

function saveAndAdvance(
  answering: Answering, input: AnswerInput, what: string, index: number, total: number,
  error: HTMLElement, submit: HTMLButtonElement,
): void {
  submit.disabled = true;
  const from = position.index;
  // The page redraws after a save: it shows the next question, with the focus on it.
  position.index = Math.min(index + 1, total - 1);
  void answering.save(input, what, "question-title").then((problem) => {
    if (problem === undefined) return;
    position.index = from;
    submit.disabled = false;
    error.textContent = problem;
  });
}

/** What we know about the provider, for the owner to confirm: each fact with its source and date. */
function providerFacts(facts: readonly ProviderFact[], lang: Language): HTMLElement {
  return h("div", { class: "provider-facts" },
    h("p", { class: "provider-facts-title" }, t(lang, "providerFactsTitle")),
    h("ul", null, facts.map((fact) => h("li", { "data-fact": fact.id },
      h("strong", null, `${PROVIDER_NAMES[fact.provider][lang]}: `), fact.fact[lang],
      fact.caveat ? h("span", { class: "small caveat" }, ` ${fact.caveat[lang]}`) : null,
      h("span", { class: "small fact-source" }, " ", `${t(lang, "providerFactSource")}: `,
        externalLink(fact.source.url, fact.source.title), ` (${t(lang, "providerFactChecked", { date: formatDate(fact.checkedOn, lang) })})`)))),
    h("p", { class: "small" }, t(lang, "providerFactsConfirm")));
}

/** What the scan says about a self-check question, in words; the choice stays the owner's. */
function scanEvidence(question: SelfCheckQuestion, feed: Feed, lang: Language): HTMLElement {
  const items = (question.evidenceItems ?? []).map((n) => feed.items.find((i) => i.number === n)).filter((i): i is FeedItem => i !== undefined);
  const described = items.map((item) => t(lang, "scEvidenceItem", {
    n: item.number, title: item.title[lang], status: ITEM_STATUS_NAMES[item.status][lang],
  })).join(lang === "ja" ? "、" : "; ");
  return h("p", { class: "evidence-hint" }, t(lang, "scEvidence", { items: described }));
}
