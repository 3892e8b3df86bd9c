import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GOOGLE_SCOPES, SCOPES_WITHOUT_READONLY_FORM } from "../../../providers/google/scopes.ts";
import { READONLY_SCOPES } from "../../../simulator/google/example-co.ts";

describe("the OAuth scopes the Google provider asks for", () => {
  it("are read-only, every one that Google offers in a read-only form", () => {
    for (const scope of Object.values(GOOGLE_SCOPES)) {
      if (SCOPES_WITHOUT_READONLY_FORM.includes(scope)) continue;
      expect(scope).toMatch(/^https:\/\/www\.googleapis\.com\/auth\/[a-z.-]+\.readonly$/);
    }
    expect([...SCOPES_WITHOUT_READONLY_FORM].sort()).toEqual(["https://www.googleapis.com/auth/apps.alerts", "https://www.googleapis.com/auth/apps.licensing"]);
  });

  it("carry nothing but GET requests, so the two scopes without a read-only form are used only to read", async () => {
    const clients = await readFile(new URL("../../../providers/google/clients.ts", import.meta.url), "utf8");
    expect([...clients.matchAll(/method: "([A-Z]+)"/g)].map((m) => m[1])).toEqual(["GET"]);
  });

  it("are exactly the ones docs/google-workspace.md tells the administrator to grant, and the demo company granted", async () => {
    const doc = await readFile(new URL("../../../docs/google-workspace.md", import.meta.url), "utf8");
    // The comma-delimited line to paste into the Admin console.
    const listed = /^\s*(https:\/\/www\.googleapis\.com\/auth\/\S+,\S+)$/m.exec(doc)?.[1]?.split(",");
    expect(listed?.sort()).toEqual(Object.values(GOOGLE_SCOPES).sort());
    expect([...READONLY_SCOPES].sort()).toEqual(Object.values(GOOGLE_SCOPES).sort());
    // Each scope has its row in the table that says why.
    for (const scope of Object.values(GOOGLE_SCOPES)) expect(doc).toContain(`| \`${scope}\` |`);
  });
});
