// The functions alone, not the `Value` namespace: it holds every operation and defeats tree-shaking.
import { Errors } from "@sinclair/typebox/errors";
import { Check } from "@sinclair/typebox/value";
import "./formats.ts";
import { FeedSchema, type Feed } from "./schema.ts";

/** Why a value is not a valid feed, as `path: message` lines; empty when it is one. */
export function feedProblems(value: unknown, max = 5): string[] {
  // Errors walks the whole feed several times slower than Check (a scan stores a 300-bucket
  // feed of megabytes, and reads the previous one): it runs only to say what is wrong.
  if (Check(FeedSchema, value)) return [];
  const problems: string[] = [];
  for (const error of Errors(FeedSchema, value)) {
    problems.push(`${error.path || "/"}: ${error.message}`);
    if (problems.length >= max) break;
  }
  return problems;
}

export function isFeed(value: unknown): value is Feed {
  return Check(FeedSchema, value);
}
