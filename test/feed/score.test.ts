import { describe, expect, it } from "vitest";
import { scoreOf } from "../../feed/score.ts";

describe("scoreOf", () => {
  it("weighs results by severity: one critical fail outweighs several low passes", () => {
    const score = scoreOf([
      { status: "fail", severity: "critical" },
      { status: "pass", severity: "low" },
      { status: "pass", severity: "low" },
    ]);
    expect(score).toEqual({ value: Math.floor((2 / 12) * 100) });
  });

  it("counts an error against the score, because the check could not look", () => {
    expect(scoreOf([{ status: "error", severity: "high" }, { status: "pass", severity: "high" }]).value).toBe(50);
  });

  it("gives 100 only when every weighed result passes", () => {
    expect(scoreOf([{ status: "pass", severity: "high" }, { status: "pass", severity: "info" }]).value).toBe(100);
    expect(scoreOf([
      ...Array.from({ length: 999 }, () => ({ status: "pass" as const, severity: "critical" as const })),
      { status: "fail", severity: "low" },
    ]).value).toBe(99);
  });

  it("ignores manual and skipped results", () => {
    expect(scoreOf([
      { status: "pass", severity: "medium" },
      { status: "manual", severity: "critical" },
      { status: "skipped", severity: "critical" },
    ]).value).toBe(100);
  });

  it("is 0 with a note when nothing automated could be weighed", () => {
    for (const results of [[], [{ status: "manual", severity: "high" }], [{ status: "fail", severity: "info" }]] as const) {
      const score = scoreOf(results);
      expect(score.value).toBe(0);
      expect(score.note?.en).toMatch(/Nothing could be checked/);
      expect(score.note?.ja).toBeTruthy();
    }
  });
});
