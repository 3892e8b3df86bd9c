import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GRAPH_OPERATION_PERMISSIONS } from "../../../providers/microsoft/permissions.ts";
import { SCANNER_ROLES } from "../../../simulator/microsoft/build.ts";

const needed = [...new Set(Object.values(GRAPH_OPERATION_PERMISSIONS))].sort();

describe("the Graph application permissions the scanner asks for", () => {
  it("are all read-only", () => {
    for (const permission of needed) expect(permission).toMatch(/\.Read(\.|$)/);
    for (const permission of needed) expect(permission).not.toMatch(/ReadWrite|\.Write|FullControl|\.Manage|\.Send/);
  });

  it("are exactly the ones granted to the simulator's app registration, so every test scan runs with no more", () => {
    expect([...SCANNER_ROLES].sort()).toEqual(needed);
  });

  it("are each listed, with a reason, in docs/microsoft-365.md", async () => {
    const doc = await readFile(new URL("../../../docs/microsoft-365.md", import.meta.url), "utf8");
    for (const permission of needed) expect(doc).toMatch(new RegExp(`\\| \`${permission.replace(/\./g, "\\.")}\` \\|`));
  });
});
