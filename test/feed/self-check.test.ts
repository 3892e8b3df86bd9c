import { describe, expect, it } from "vitest";
import { SELF_CHECK_QUESTIONS } from "../../checks/self-check.ts";
import { selfCheckBand, selfCheckResult, type SelfCheckAnswer } from "../../feed/self-check.ts";

const answer = (question: number, value: SelfCheckAnswer["answer"], date = "2026-11-20"): SelfCheckAnswer => ({ question, answer: value, date });

/** Questions 1–14 done, 15–19 partly, 20–22 not done, 23–25 don't know. */
function handExample(): SelfCheckAnswer[] {
  return SELF_CHECK_QUESTIONS.map(({ number: n }) =>
    answer(n, n <= 14 ? "done" : n <= 19 ? "partly" : n <= 22 ? "not_done" : "unknown", n === 25 ? "2026-11-27" : "2026-11-20"));
}

describe("the 25-question self-check", () => {
  it("has 25 questions numbered 1 to 25 in IPA's three parts, each in both languages", () => {
    expect(SELF_CHECK_QUESTIONS.map((q) => q.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(SELF_CHECK_QUESTIONS.filter((q) => q.part === "basics")).toHaveLength(5);
    expect(SELF_CHECK_QUESTIONS.filter((q) => q.part === "staff")).toHaveLength(13);
    expect(SELF_CHECK_QUESTIONS.filter((q) => q.part === "company")).toHaveLength(7);
    for (const q of SELF_CHECK_QUESTIONS) expect(q.question.ja && q.question.en).toBeTruthy();
  });

  it("scores a hand-computed sheet: 14×4 + 5×2 + 3×0 + 3×(−1) = 63, band 50–69", () => {
    const result = selfCheckResult(handExample())!;
    expect(result.score).toBe(14 * 4 + 5 * 2 + 3 * 0 + 3 * -1);
    expect(result.score).toBe(63);
    expect(result).toMatchObject({ answered: 25, complete: true, band: "gaps", date: "2026-11-27" });
  });

  it("gives IPA's bands at their edges: 100, 70–99, 50–69, 49 or less", () => {
    expect([100, 99, 70, 69, 50, 49, -25].map(selfCheckBand)).toEqual(["full", "most", "most", "gaps", "gaps", "urgent", "urgent"]);
    const allDone = SELF_CHECK_QUESTIONS.map((q) => answer(q.number, "done"));
    expect(selfCheckResult(allDone)).toMatchObject({ score: 100, band: "full" });
    const allUnknown = SELF_CHECK_QUESTIONS.map((q) => answer(q.number, "unknown"));
    expect(selfCheckResult(allUnknown)).toMatchObject({ score: -25, band: "urgent" });
  });

  it("gives a running total and no band until all 25 are answered", () => {
    const result = selfCheckResult([answer(3, "done"), answer(1, "unknown"), answer(11, "partly")])!;
    expect(result).toMatchObject({ score: 4 - 1 + 2, answered: 3, complete: false });
    expect(result.band).toBeUndefined();
    expect(result.answers.map((a) => a.question)).toEqual([1, 3, 11]);
    expect(selfCheckResult([])).toBeUndefined();
  });
});
