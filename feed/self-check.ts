import { SELF_CHECK_QUESTIONS, type SelfCheckBand } from "../checks/self-check.ts";
import type { FeedSelfCheck } from "./schema.ts";

export type SelfCheckAnswer = FeedSelfCheck["answers"][number];

/** IPA's points per answer. "Don't know" costs a point: not knowing is itself a gap. */
export const SELF_CHECK_POINTS: Readonly<Record<SelfCheckAnswer["answer"], number>> = {
  done: 4,
  partly: 2,
  not_done: 0,
  unknown: -1,
};

/** IPA's bands of a complete total. */
export function selfCheckBand(score: number): SelfCheckBand {
  if (score >= 100) return "full";
  if (score >= 70) return "most";
  if (score >= 50) return "gaps";
  return "urgent";
}

/**
 * The self-check as it stands, or undefined before the first answer. With fewer than 25
 * answers the score is a running total and no band is given: a band of a half-filled sheet
 * would flatter (unanswered questions cost nothing) or alarm for no reason.
 */
export function selfCheckResult(answers: readonly SelfCheckAnswer[]): FeedSelfCheck | undefined {
  const known = new Set(SELF_CHECK_QUESTIONS.map((question) => question.number));
  const sorted = answers.filter((a) => known.has(a.question)).sort((a, b) => a.question - b.question);
  if (sorted.length === 0) return undefined;
  const score = sorted.reduce((sum, a) => sum + SELF_CHECK_POINTS[a.answer], 0);
  const complete = sorted.length === SELF_CHECK_QUESTIONS.length;
  const date = sorted.map((a) => a.date).sort().at(-1)!;
  return {
    score,
    answered: sorted.length,
    complete,
    ...(complete ? { band: selfCheckBand(score) } : {}),
    date,
    answers: sorted,
  };
}
