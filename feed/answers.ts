import { Type, type Static } from "@sinclair/typebox";
import { Check } from "@sinclair/typebox/value";
import { IPA_ITEMS } from "../checks/catalogue.ts";
import { SELF_CHECK_QUESTIONS } from "../checks/self-check.ts";
import "./formats.ts";
import type { Attestations } from "./items.ts";
import { Attestation, SelfCheckAnswerValue, type AttestationAnswer } from "./schema.ts";
import { StoredSiteBaseline } from "./site-baseline.ts";
import type { SelfCheckAnswer } from "./self-check.ts";

/**
 * The owner's answers as the answer store keeps them: one record per answer given on the page,
 * appended and never changed, so the history of every answer survives. The answer in force
 * for an item or question is the last one recorded for it.
 */

const NOTE_MAX = Attestation.properties.note.maxLength!;
const BY_MAX = Attestation.properties.by.maxLength!;
const ItemAnswerValue = Attestation.properties.answer;

const Common = {
  /** Random id, so a record can be referred to (and a DynamoDB sort key stays unique). */
  id: Type.String({ pattern: "^[A-Za-z0-9_-]{8,64}$" }),
  /** When the server recorded it: the server's clock, never the browser's. */
  at: Type.String({ format: "date-time" }),
  note: Type.Optional(Type.String({ maxLength: NOTE_MAX })),
  /** The name the person typed: a page session is the tenant's, not a person's. */
  by: Type.Optional(Type.String({ maxLength: BY_MAX })),
};

export const StoredItemAnswer = Type.Object({
  kind: Type.Literal("item"),
  item: Type.Integer({ minimum: 1, maximum: 15 }),
  answer: ItemAnswerValue,
  ...Common,
}, { additionalProperties: false });

export const StoredSelfCheckAnswer = Type.Object({
  kind: Type.Literal("selfCheck"),
  question: Type.Integer({ minimum: 1, maximum: 25 }),
  answer: SelfCheckAnswerValue,
  ...Common,
}, { additionalProperties: false });

/** An online shop page's approved baseline (feed/site-baseline.ts) is kept with the answers: same store, same who and when. */
export const StoredAnswerSchema = Type.Union([StoredItemAnswer, StoredSelfCheckAnswer, StoredSiteBaseline]);
export type StoredAnswer = Static<typeof StoredAnswerSchema>;

export function isStoredAnswer(value: unknown): value is StoredAnswer {
  return Check(StoredAnswerSchema, value);
}

/** What the page sends: a stored answer without the fields the server sets. */
export type AnswerInput =
  | { kind: "item"; item: number; answer: AttestationAnswer["answer"]; note?: string; by?: string }
  | { kind: "selfCheck"; question: number; answer: SelfCheckAnswer["answer"]; note?: string; by?: string };

const ITEM_ANSWERS = ItemAnswerValue.anyOf.map((literal) => literal.const);
const SELF_CHECK_ANSWERS = SelfCheckAnswerValue.anyOf.map((literal) => literal.const);
const ITEM_NUMBERS = new Set<number>(IPA_ITEMS.map((item) => item.number));
const QUESTION_NUMBERS = new Set(SELF_CHECK_QUESTIONS.map((question) => question.number));
const INPUT_FIELDS = new Set(["kind", "item", "question", "answer", "note", "by"]);

/**
 * Checks an answer from the page and says exactly what is wrong, for a 400 the owner (or the
 * developer) can act on. Text is trimmed; an empty note or name is the same as none.
 */
export function parseAnswerInput(body: unknown): { input: AnswerInput } | { problem: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { problem: "expected a JSON object" };
  const fields = body as Record<string, unknown>;
  const unknownField = Object.keys(fields).find((key) => !INPUT_FIELDS.has(key));
  if (unknownField !== undefined) return { problem: `unknown field ${JSON.stringify(unknownField)}` };

  const note = optionalText(fields.note, "note", NOTE_MAX);
  if (typeof note === "object") return note;
  const by = optionalText(fields.by, "by", BY_MAX);
  if (typeof by === "object") return by;
  const extra = { ...(note ? { note } : {}), ...(by ? { by } : {}) };

  if (fields.kind === "item") {
    if (!Number.isInteger(fields.item) || !ITEM_NUMBERS.has(fields.item as number)) {
      return { problem: `unknown item ${JSON.stringify(fields.item)}: items are numbered 1 to 15` };
    }
    if (!ITEM_ANSWERS.includes(fields.answer as never)) {
      return { problem: `answer must be one of ${ITEM_ANSWERS.join(", ")}` };
    }
    return { input: { kind: "item", item: fields.item as number, answer: fields.answer as AttestationAnswer["answer"], ...extra } };
  }
  if (fields.kind === "selfCheck") {
    if (!Number.isInteger(fields.question) || !QUESTION_NUMBERS.has(fields.question as number)) {
      return { problem: `unknown question ${JSON.stringify(fields.question)}: the self-check has questions 1 to 25` };
    }
    if (!SELF_CHECK_ANSWERS.includes(fields.answer as never)) {
      return { problem: `answer must be one of ${SELF_CHECK_ANSWERS.join(", ")}` };
    }
    return {
      input: { kind: "selfCheck", question: fields.question as number, answer: fields.answer as SelfCheckAnswer["answer"], ...extra },
    };
  }
  return { problem: 'kind must be "item" or "selfCheck"' };
}

function optionalText(value: unknown, name: string, max: number): string | undefined | { problem: string } {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") return { problem: `${name} must be text` };
  const text = value.trim();
  if (text.length > max) return { problem: `${name} is ${text.length} characters long; at most ${max} are allowed` };
  return text || undefined;
}

/** The answers in force: for each item and question, the last one recorded. */
export interface AnswersInForce {
  items: Attestations;
  /** When each item's recorded answer was given; absent for answers from the base. */
  itemAnsweredAt: ReadonlyMap<number, string>;
  selfCheck: SelfCheckAnswer[];
}

/**
 * Recorded answers over a base: the config's pre-seeded attestations when a scan builds the
 * feed, the feed's own when the page shows it. A recorded answer always wins: the config only
 * seeds what the owner has not answered on the page.
 */
export function answersInForce(
  base: { items?: Attestations; selfCheck?: readonly SelfCheckAnswer[] },
  recorded: readonly StoredAnswer[],
): AnswersInForce {
  const items: Record<string, AttestationAnswer> = { ...base.items } as Record<string, AttestationAnswer>;
  const itemAnsweredAt = new Map<number, string>();
  const selfCheck = new Map((base.selfCheck ?? []).map((a) => [a.question, a]));
  for (const answer of recorded) {
    const said = {
      date: answer.at.slice(0, 10),
      ...(answer.note ? { note: answer.note } : {}),
      ...(answer.by ? { by: answer.by } : {}),
    };
    if (answer.kind === "item") {
      items[String(answer.item)] = { answer: answer.answer, ...said };
      itemAnsweredAt.set(answer.item, answer.at);
    } else if (answer.kind === "selfCheck") selfCheck.set(answer.question, { question: answer.question, answer: answer.answer, ...said });
  }
  return { items, itemAnsweredAt, selfCheck: [...selfCheck.values()] };
}
