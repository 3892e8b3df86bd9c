import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ALL_CHECKS } from "../../checks/all.ts";
import { itemsMarkdown, itemsWithChecks } from "../../checks/items-page.ts";

const DOC = new URL("../../docs/ipa-items.md", import.meta.url);
const README = new URL("../../README.md", import.meta.url);

describe("docs/ipa-items.md", () => {
  it("lists each of the 15 items with the checks that answer it and why, as the catalogue says (CLOUD15_WRITE_DOCS=1 rewrites it)", async () => {
    const expected = itemsMarkdown(ALL_CHECKS);
    if (process.env.CLOUD15_WRITE_DOCS === "1") await writeFile(DOC, expected);
    expect(await readFile(DOC, "utf8")).toBe(expected);
  });

  it("is what the README points to, with the number of items the checks answer", async () => {
    const readme = await readFile(README, "utf8");
    expect(readme).toContain("(docs/ipa-items.md)");
    expect(readme).toContain(`**${itemsWithChecks(ALL_CHECKS).length} of the 15 items**`);
  });
});
