import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../checks/framework.ts";
import { ConfigError, loadConfig, ownerPolicyOf, parseConfig, resolvePolicy } from "../../config/load.ts";

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "cloud15-config-")); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function configFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const tenant = (extra: object = {}) => ({ id: "example-co", name: "Example Co.", aws: { region: "ap-northeast-1" }, ...extra });
const configText = (...tenants: object[]) => JSON.stringify({ tenants }, null, 2);

/** The error's single issue, and its message for the human-facing part. */
function issueOf(text: string): { where: string; expected: string; found: string; message: string } {
  try {
    parseConfig(text, "cloud15.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    return { ...e.issues[0]!, message: e.message };
  }
  throw new Error("the config was accepted");
}

describe("loadConfig", () => {
  it("loads a valid config with attestations and a policy", async () => {
    const path = await configFile("ok.json", configText(tenant({
      language: "en",
      policy: { allowedRegions: ["ap-northeast-1"] },
      attestations: { "5": { answer: "done", date: "2026-10-01", note: "ISMAP 登録を確認" } },
    })));
    const config = await loadConfig(path);
    expect(config.tenants[0]?.attestations?.["5"]?.answer).toBe("done");
  });

  it("names the file, the key path, the expectation and what was found", async () => {
    const path = await configFile("bad-region.json", configText(tenant({ aws: { region: "tokyo" } })));
    const error = await loadConfig(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `${path}: tenants[0].aws.region: expected an AWS region such as ap-northeast-1, found "tokyo"`,
    );
  });

  it.each([
    ["a missing key", tenant({ aws: {} }), "tenants[0].aws.region", /required: an AWS region/, "nothing"],
    ["a misspelt key", tenant({ aws: { region: "ap-northeast-1", endpont: "http://x" } }), "tenants[0].aws.endpont", /^no such key: did you mean "endpoint"\? \(allowed here: region, roleArn, externalId, endpoint, regions\)$/, "an unknown key"],
    ["a key far from any allowed one", tenant({ aws: { region: "ap-northeast-1", bucket: "x" } }), "tenants[0].aws.bucket", /^no such key \(allowed here: region, roleArn, externalId, endpoint, regions\)$/, "an unknown key"],
    ["a bad tenant id", tenant({ id: "Example Co" }), "tenants[0].id", /lower-case letters, digits and hyphens/, "\"Example Co\""],
    ["an unknown answer", tenant({ attestations: { "3": { answer: "yes", date: "2026-10-01" } } }), "tenants[0].attestations[\"3\"].answer", /one of "done", "partly", "not_done", "not_applicable"/, "\"yes\""],
    ["an impossible date", tenant({ attestations: { "3": { answer: "done", date: "2026-02-30" } } }), "tenants[0].attestations[\"3\"].date", /YYYY-MM-DD/, "\"2026-02-30\""],
    ["an item that does not exist", tenant({ attestations: { "16": { answer: "done", date: "2026-10-01" } } }), "tenants[0].attestations[\"16\"]", /item number 1-15/, "an unknown key"],
    ["a number out of range", tenant({ policy: { accessKeyMaxAgeDays: 0 } }), "tenants[0].policy.accessKeyMaxAgeDays", /a whole number, at least 1/, "0"],
    ["a string for a list", tenant({ policy: { allowedRegions: "ap-northeast-1" } }), "tenants[0].policy.allowedRegions", /^a list of at least 1 item \(regions where data may be stored/, "\"ap-northeast-1\""],
    ["an object for a list", tenant({ tickets: { kind: "webhook" } }), "tenants[0].tickets", /^a list \(trackers that get a ticket/, "an object"],
  ])("reports %s at its key path", (_what, t, where, expected, found) => {
    const issue = issueOf(configText(t));
    expect(issue.where).toBe(where);
    expect(issue.expected).toMatch(expected);
    expect(issue.found).toBe(found);
    expect(issue.message.startsWith(`cloud15.json: ${where}: expected `)).toBe(true);
  });

  it("reports an empty tenant list and a config that is not an object", () => {
    expect(issueOf(JSON.stringify({ tenants: [] }))).toMatchObject({ where: "tenants", expected: "a list of at least 1 item", found: "an empty list" });
    expect(issueOf("[]")).toMatchObject({ where: "(top level)", expected: "an object" });
  });

  it("reports duplicate tenant ids and an administrator range upside down", () => {
    const text = configText(tenant(), tenant({ policy: { administrators: { min: 5, max: 2 } } }));
    const error = (() => { try { parseConfig(text, "c.json"); } catch (e) { return e as ConfigError; } })()!;
    expect(error.issues.map((i) => i.where)).toEqual(["tenants[1].id", "tenants[1].policy.administrators"]);
    expect(error.message).toMatch(/tenants\[1\]\.id: expected an id no other tenant uses \(tenants\[0\] already has it\), found "example-co"/);
  });

  it("reports the first 10 problems and counts the rest", () => {
    const tenants = Array.from({ length: 14 }, (_, i) => tenant({ id: `t${i}`, aws: { region: "tokyo" } }));
    const error = (() => { try { parseConfig(configText(...tenants), "c.json"); } catch (e) { return e as ConfigError; } })()!;
    expect(error.issues).toHaveLength(10);
    expect(error.more).toBe(4);
    expect(error.message.split("\n").at(-1)).toBe("c.json: and 4 more problems");
  });

  it("suggests the nearest key for a swapped pair of letters and a wrong case", () => {
    expect(issueOf(configText(tenant({ aws: { region: "ap-northeast-1", roelArn: "x" } }))).expected).toMatch(/did you mean "roleArn"/);
    expect(issueOf(configText(tenant({ Language: "ja" }))).expected).toMatch(/did you mean "language"/);
  });

  it("gives the line and column of broken JSON", () => {
    const text = '{\n  "tenants": [\n    { "id": "a", }\n  ]\n}';
    expect(issueOf(text)).toMatchObject({ where: "line 3, column 18", expected: "valid JSON" });
    expect(issueOf('{"tenants": [')).toMatchObject({ where: "line 1, column 14", found: "Unexpected end of JSON input" });
    // V8 gives no position for this one; the loader finds it.
    expect(issueOf('{"tenants": [}')).toMatchObject({ where: "line 1, column 14", found: "Unexpected token '}'" });
  });

  it("says so when the file cannot be read", async () => {
    const missing = join(dir, "nope.json");
    await expect(loadConfig(missing)).rejects.toThrow(`${missing}: file: expected a readable JSON file, found no such file`);
  });
});

describe("resolvePolicy", () => {
  it("takes every setting the tenant leaves out from the defaults", () => {
    expect(resolvePolicy({ id: "a", name: "A" })).toEqual(DEFAULT_POLICY);
    expect(resolvePolicy({ id: "a", name: "A", policy: { allowedRegions: ["eu-west-1"], administrators: { min: 2, max: 3 } } }))
      .toEqual({ ...DEFAULT_POLICY, allowedRegions: ["eu-west-1"], administrators: { min: 2, max: 3 } });
  });

  it("says which rules the tenant's config sets, so the grid can tell the owner's rules from the defaults", () => {
    expect(ownerPolicyOf({ id: "a", name: "A" })).toEqual({ rules: DEFAULT_POLICY, setByOwner: [] });
    const own = ownerPolicyOf({ id: "a", name: "A", policy: { anyoneLinks: "allowed", inactiveDays: 60 } });
    expect(own.rules).toEqual({ ...DEFAULT_POLICY, anyoneLinks: "allowed", inactiveDays: 60 });
    expect([...own.setByOwner].sort()).toEqual(["anyoneLinks", "inactiveDays"]);
  });

  it("hands out copies, so a check cannot change the defaults", () => {
    resolvePolicy({ id: "a", name: "A" }).allowedRegions.push("us-east-1");
    expect(DEFAULT_POLICY.allowedRegions).toEqual(["ap-northeast-1", "ap-northeast-3"]);
  });
});
