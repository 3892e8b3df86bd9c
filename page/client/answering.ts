import type { Provider } from "../../checks/framework.ts";
import type { Language } from "../../checks/text.ts";
import type { AnswerInput, StoredAnswer } from "../../feed/answers.ts";
import type { FeedItem } from "../../feed/schema.ts";
import { h, on } from "./dom.ts";
import { formatDateTime } from "./format.ts";
import { ATTESTATION_NAMES, t } from "./i18n.ts";

/** What every way of answering shares: saving, the answerer's name, and the history of an item's answers. */

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

export function itemHistory(n: number, lang: Language, history: readonly StoredAnswer[]): HTMLElement | null {
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
