import { describe, expect, it } from "vitest";
import { PROVIDER_FACTS, providerFactsFor, type ProviderFact } from "../../checks/provider-facts.ts";
import { isDate } from "../../feed/formats.ts";

/** Kind-S items: the ones provider facts may speak to. */
const S_ITEMS = new Set([5, 6, 11, 12, 13, 14]);
const TODAY = new Date().toISOString().slice(0, 10);

/** Why an entry may not be shown to an owner; empty when it may. */
function factProblems(fact: ProviderFact): string[] {
  const problems: string[] = [];
  let url: URL | undefined;
  try {
    url = new URL(fact.source?.url ?? "");
  } catch {
    problems.push("no source URL");
  }
  if (url && url.protocol !== "https:") problems.push("source URL is not https");
  if (!fact.source?.title?.trim()) problems.push("no source title");
  if (typeof fact.checkedOn !== "string" || !isDate(fact.checkedOn)) problems.push("no checked-on date");
  else if (fact.checkedOn > TODAY) problems.push("checked-on date is in the future");
  if (!fact.fact.ja.trim() || !fact.fact.en.trim()) problems.push("fact missing in a language");
  if (fact.items.length === 0 || fact.items.some((n) => !S_ITEMS.has(n))) problems.push("items must be kind-S items");
  return problems;
}

describe("the provider facts", () => {
  it("give every entry a source and a checked-on date (and the rest of what the page shows)", () => {
    for (const fact of PROVIDER_FACTS) expect({ id: fact.id, problems: factProblems(fact) }).toEqual({ id: fact.id, problems: [] });
  });

  it("would fail an entry that lacks its source or its checked-on date", () => {
    const good = PROVIDER_FACTS[0]!;
    const noSource = { ...good, source: { url: "", title: "" } };
    const noDate = { ...good, checkedOn: "" };
    expect(factProblems(noSource)).toContain("no source URL");
    expect(factProblems(noDate)).toContain("no checked-on date");
  });

  it("have unique ids and cover AWS, Microsoft 365 and Google Workspace", () => {
    expect(new Set(PROVIDER_FACTS.map((f) => f.id)).size).toBe(PROVIDER_FACTS.length);
    expect(new Set(PROVIDER_FACTS.map((f) => f.provider))).toEqual(new Set(["aws", "microsoft", "google"]));
  });

  it("select the facts of the tenant's providers for one item", () => {
    const awsItem5 = providerFactsFor(5, ["aws"]);
    expect(awsItem5.length).toBeGreaterThan(0);
    expect(awsItem5.every((f) => f.provider === "aws" && f.items.includes(5))).toBe(true);
    expect(providerFactsFor(1, ["aws", "microsoft", "google"])).toEqual([]);
  });
});
