import type { Provider } from "../../checks/framework.ts";
import { providerFactsFor } from "../../checks/provider-facts.ts";
import type { Language } from "../../checks/text.ts";
import type { AnswerInput, StoredAnswer } from "../../feed/answers.ts";
import type { AttestationAnswer, FeedItem } from "../../feed/schema.ts";
import { externalLink, h, on } from "./dom.ts";
import { formatDate, formatDateTime } from "./format.ts";
import { ATTESTATION_NAMES, PROVIDER_NAMES, t } from "./i18n.ts";

/** The owner's side of the page: answering the 15 items' questions, with history and provider facts. */

export interface Answering {
  /** The clouds this tenant uses: provider facts are shown for these only. */
  providers: readonly Provider[];
  /** Every recorded answer, oldest first. */
  history: readonly StoredAnswer[];
  /**
   * Records an answer and refreshes the page; resolves to a message when it could not be
   * stored. `what` names the answer in the confirmation, `focusId` gets the focus afterwards.
   */
  save(input: AnswerInput, what: string, focusId: string): Promise<string | undefined>;
}

const ANSWERER_KEY = "cloud15.answerer";
const ITEM_ANSWERS: readonly AttestationAnswer["answer"][] = ["done", "partly", "not_done", "not_applicable"];

/** The name typed last time, remembered in this browser only. */
function rememberedName(): string {
  try {
    return localStorage.getItem(ANSWERER_KEY) ?? "";
  } catch {
    return "";
  }
}

/** The name to record with an answer: what the field holds now, else what was typed before. */
export function answererName(): string | undefined {
  const field = document.getElementById("answerer") as HTMLInputElement | null;
  const name = (field?.value ?? rememberedName()).trim();
  return name || undefined;
}

export function answererField(lang: Language): HTMLElement {
  const input = h("input", { id: "answerer", type: "text", maxlength: 200, autocomplete: "name", value: rememberedName() });
  on(input, "change", () => {
    try {
      localStorage.setItem(ANSWERER_KEY, input.value.trim());
    } catch {
      // Not remembered; the field still counts for this visit.
    }
  });
  return h("div", { class: "answerer" },
    h("label", { for: "answerer" }, t(lang, "answerer")),
    input,
    h("p", { class: "small" }, t(lang, "answererHint")));
}

/** Items whose question the owner answers: no scan can, or the scan shows only part of it. */
export function asksOwner(item: FeedItem): boolean {
  return item.status === "manual" || item.attestation !== undefined || item.kinds.some((k) => k !== "A");
}

/** The question's form: four answers, a note, and what is on record so far. */
export function itemAnswerForm(item: FeedItem, lang: Language, answering: Answering): HTMLElement {
  const n = item.number;
  const facts = providerFactsFor(n, answering.providers);
  // A provider fact is a suggestion only: it pre-selects "done" where the owner has said nothing.
  const selected = item.attestation?.answer ?? (facts.length > 0 ? "done" : undefined);
  const note = h("textarea", { id: `item-${n}-note`, maxlength: 2000, rows: 2 }, item.attestation?.note ?? "");
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = h("button", { type: "submit" }, t(lang, "saveAnswer"));
  const form = h("form", { class: "answer-form", id: `answer-form-${n}`, "data-item": n },
    h("fieldset", null,
      h("legend", null, t(lang, "chooseAnswer")),
      ITEM_ANSWERS.map((answer) => h("label", { class: "choice" },
        h("input", { type: "radio", name: `item-${n}-answer`, value: answer, id: `item-${n}-answer-${answer}`, checked: selected === answer }),
        ATTESTATION_NAMES[answer][lang]))),
    h("label", { for: `item-${n}-note` }, t(lang, "note")),
    note,
    submit,
    error);
  on(form, "submit", (event) => {
    event.preventDefault();
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
    submit.disabled = true;
    void answering.save(input, t(lang, "itemLabel", { n }), `answer-form-${n}`).then((problem) => {
      submit.disabled = false;
      error.textContent = problem ?? "";
    });
  });
  return h("div", { class: "answering" },
    facts.length > 0 ? providerFacts(facts, lang, item.attestation === undefined) : null,
    form,
    itemHistory(n, lang, answering.history));
}

function providerFacts(facts: ReturnType<typeof providerFactsFor>, lang: Language, suggesting: boolean): HTMLElement {
  return h("div", { class: "provider-facts" },
    h("p", { class: "provider-facts-title" }, t(lang, "providerFactsTitle")),
    h("ul", null, facts.map((fact) => h("li", { "data-fact": fact.id },
      h("strong", null, `${PROVIDER_NAMES[fact.provider][lang]}: `), fact.fact[lang],
      fact.caveat ? h("span", { class: "small caveat" }, ` ${fact.caveat[lang]}`) : null,
      h("span", { class: "small fact-source" }, " ", `${t(lang, "providerFactSource")}: `,
        externalLink(fact.source.url, fact.source.title), ` (${t(lang, "providerFactChecked", { date: formatDate(fact.checkedOn, lang) })})`)))),
    suggesting ? h("p", { class: "suggestion" }, `${t(lang, "suggested")}: ${t(lang, "providerFactsSuggest")}`) : null);
}

function itemHistory(n: number, lang: Language, history: readonly StoredAnswer[]): HTMLElement | null {
  const mine = history.filter((a): a is Extract<StoredAnswer, { kind: "item" }> => a.kind === "item" && a.item === n).reverse();
  if (mine.length === 0) return null;
  return h("details", { class: "answer-history" },
    h("summary", null, t(lang, "earlierAnswers", { n: mine.length })),
    h("ul", null, mine.map((a) => h("li", null,
      t(lang, "historyLine", {
        at: formatDateTime(a.at, lang),
        answer: ATTESTATION_NAMES[a.answer][lang],
        by: a.by ? t(lang, "historyBy", { by: a.by }) : "",
      }),
      a.note ? h("span", { class: "note" }, a.note) : null))));
}
