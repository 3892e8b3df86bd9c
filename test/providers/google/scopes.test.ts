import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GOOGLE_SCOPES } from "../../../providers/google/scopes.ts";
import { READONLY_SCOPES } from "../../../simulator/google/example-co.ts";

describe("the OAuth scopes the Google provider asks for", () => {
  it("are read-only, every one", () => {
    for (const scope of Object.values(GOOGLE_SCOPES)) expect(scope).toMatch(/^https:\/\/www\.googleapis\.com\/auth\/[a-z.-]+\.readonly$/);
  });

  it("are exactly the ones docs/google-workspace.md tells the administrator to grant, and the demo company granted", async () => {
    const doc = await readFile(new URL("../../../docs/google-workspace.md", import.meta.url), "utf8");
    // The comma-delimited line to paste into the Admin console.
    const listed = /^\s*(https:\/\/www\.googleapis\.com\/auth\/\S+,\S+)$/m.exec(doc)?.[1]?.split(",");
    expect(listed?.sort()).toEqual(Object.values(GOOGLE_SCOPES).sort());
    expect([...READONLY_SCOPES].sort()).toEqual(Object.values(GOOGLE_SCOPES).sort());
  });
});
