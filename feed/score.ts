import type { Severity, Status } from "../checks/framework.ts";
import type { Text } from "../checks/text.ts";

/**
 * How much a result of each severity moves the score. `info` results are reported but
 * never move it: they describe, they do not judge.
 */
const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};

export interface Score {
  /** 0–100. */
  value: number;
  /** Set when the number says nothing: no automated result could be weighed. */
  note?: Text;
}

const NOTHING_CHECKED: Text = {
  ja: "自動で確認できた項目がないため、スコアは 0 です（問題がないという意味ではありません）。",
  en: "Nothing could be checked automatically, so the score is 0 (this does not mean nothing is wrong).",
};

/**
 * Severity-weighted share of passing results among the automated ones (pass, fail, error).
 * An `error` counts against the score: a check that could not look has not shown the
 * setting is right (fail closed). `manual` and `skipped` are not automated and do not count.
 */
export function scoreOf(results: readonly { status: Status; severity: Severity }[]): Score {
  let passed = 0;
  let total = 0;
  for (const { status, severity } of results) {
    if (status !== "pass" && status !== "fail" && status !== "error") continue;
    const weight = SEVERITY_WEIGHTS[severity];
    total += weight;
    if (status === "pass") passed += weight;
  }
  if (total === 0) return { value: 0, note: NOTHING_CHECKED };
  // Floor, so a single open problem never rounds up to a perfect 100.
  return { value: Math.floor((passed / total) * 100) };
}
