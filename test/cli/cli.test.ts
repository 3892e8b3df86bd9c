import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS } from "../../cli/example-co.ts";
import type { Feed } from "../../feed/schema.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { snapshot } from "./data-snapshot.ts";
import { ajvFor, runCli, startCli } from "./run-cli.ts";

const SIM_ENV = {
  AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
};

let dir: string;
let sim: AwsSimulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cloud15-cli-"));
  sim = await startAwsSimulator({ account: exampleCoAccount() });
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => { sim.faults.length = 0; });

let files = 0;
async function file(text: string): Promise<string> {
  const path = join(dir, `file-${++files}.json`);
  await writeFile(path, text);
  return path;
}

const simConfig = (tenant: object = {}) => file(JSON.stringify({
  tenants: [{ id: "example-co", name: "Example Co.", language: "en", aws: { region: "ap-northeast-1", endpoint: sim.endpoint }, ...tenant }],
}));

describe("cloud15 --help", () => {
  it("exits 0 with the usage and every command", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: cloud15 <command> \[options\]/);
    for (const exit of ["0", "1", "2", "3", "4"]) expect(stdout).toMatch(new RegExp(`^  ${exit}  \\S`, "m"));
    for (const name of ["scan", "demo", "simulator", "validate", "schema", "serve"]) expect(stdout).toMatch(new RegExp(`^  ${name} `, "m"));
  });

  it("runs from any directory, with its own tsconfig", async () => {
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { paths: { "../cli/*": ["elsewhere/*"] } } }));
    expect(await runCli(["--help"], { cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringMatching(/^cloud15 checks/) });
  });

  it.each(["scan", "demo", "simulator", "validate", "schema", "serve"])("exits 0 with the usage of %s", async (name) => {
    const { code, stdout } = await runCli([name, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: cloud15 ${name}`));
  });

  it("exits 2 on no command, an unknown command and an unknown option", async () => {
    expect((await runCli([])).code).toBe(2);
    expect(await runCli(["scna"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown command "scna"/) });
    const unknownOption = await runCli(["scan", "--confg", "x.json"]);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/--confg[\s\S]*Run "cloud15 scan --help" for usage/);
  });
});

describe("cloud15 scan", () => {
  it("exits 0 after a scan, prints the summary on stdout, one progress line per step on stderr and a completed line last", async () => {
    const data = join(dir, "data-ok");
    const { code, stdout, stderr } = await runCli(["scan", "--config", await simConfig(), "--data", data, "--lang", "en"], { env: SIM_ENV });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Example Co\. \[example-co\]$/m);
    expect(stdout).toMatch(/^ {2}Urgent \d+ · High \d+ · Score: \d+\/100$/m);
    // Grouped by what to do, worst first, naming what to fix.
    expect(stdout).toMatch(/^ {2}urgent +1 to fix for "The root user has MFA": AWS account \d+$/m);
    expect(stderr.match(/^example-co aws: s3 buckets/gm)).toHaveLength(1);
    // Not a terminal: the log says the scan ended, so a reader knows it did not stop half-way.
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(/^example-co: scan complete \(\d+\.\d s\)$/);
    expect(await snapshot(data)).toEqual(expect.arrayContaining(["example-co/", expect.stringMatching(/^example-co\/feed\.json /)]));
  });

  it("exits 3 when a finding fails at or above --fail-on", async () => {
    const { code } = await runCli(["scan", "--config", await simConfig(), "--data", join(dir, "data-fail-on"), "--fail-on", "high"], { env: SIM_ENV });
    expect(code).toBe(3);
  });

  it("exits 1 when no provider of the tenant could be reached, and still writes the feed", async () => {
    sim.faults.push({ operation: "GetCallerIdentity", kind: "AccessDenied" });
    const data = join(dir, "data-unreachable");
    const { code, stderr } = await runCli(["scan", "--config", await simConfig(), "--data", data, "--fail-on", "high"], { env: SIM_ENV });
    expect(code).toBe(1);
    expect(stderr).toMatch(/example-co: no provider could be reached \(aws unreachable: GetCallerIdentity AccessDenied/);
    expect((await snapshot(data)).some((l) => l.startsWith("example-co/feed.json "))).toBe(true);
  });

  it("exits 1 when a later scan reaches nothing, and keeps the previous verdicts and score in place, marked stale", async () => {
    const data = join(dir, "data-stale");
    const config = await simConfig();
    expect((await runCli(["scan", "--config", config, "--data", data], { env: SIM_ENV })).code).toBe(0);
    const feedFile = join(data, "example-co", "feed.json");
    const before = JSON.parse(await readFile(feedFile, "utf8")) as Feed;

    sim.faults.push({ operation: "GetCallerIdentity", kind: "AccessDenied" });
    const { code, stderr } = await runCli(["scan", "--config", config, "--data", data, "--fail-on", "high"], { env: SIM_ENV });
    expect(code).toBe(1);
    expect(stderr).toMatch(/no provider could be reached .*; the previous results are kept, marked stale/);
    const after = JSON.parse(await readFile(feedFile, "utf8")) as Feed;
    expect(after.scan.providers[0]).toMatchObject({ status: "unreachable", stale: { since: before.scan.startedAt } });
    // Nothing resolved, the score kept; what the last scan called new is open, not new again.
    expect(after.summary).toEqual({ ...before.summary, new: 0, open: before.summary.open + before.summary.new });
    expect(after.findings.map((f) => [f.id, f.status, f.state, f.stale])).toEqual(before.findings.map((f) => [f.id, f.status, f.state === "new" ? "open" : f.state, true]));
    const history = await readdir(join(data, "example-co", "history"));
    const scores = await Promise.all(history.map(async (n) => (JSON.parse(await readFile(join(data, "example-co", "history", n), "utf8")) as Feed).summary.score));
    expect(scores).toEqual([before.summary.score, before.summary.score]);
  });

  it("exits 4 when the scan ran but a permission was denied, and 3 over 4 when a finding also fails at --fail-on", async () => {
    const data = join(dir, "data-partial");
    sim.faults.push({ operation: "ListBuckets", kind: "AccessDenied" });
    const { code, stderr } = await runCli(["scan", "--config", await simConfig(), "--data", data], { env: SIM_ENV });
    expect(code).toBe(4);
    expect(stderr).toMatch(/example-co: not everything could be read \(aws partial: ListBuckets AccessDenied/);
    sim.faults.push({ operation: "ListBuckets", kind: "AccessDenied" });
    expect((await runCli(["scan", "--config", await simConfig(), "--data", data, "--fail-on", "critical"], { env: SIM_ENV })).code).toBe(3);
  });

  describe("with a bad config or bad usage", () => {
    let data: string;
    let before: string[];
    beforeAll(async () => {
      data = join(dir, "data-kept");
      expect((await runCli(["scan", "--config", await simConfig(), "--data", data], { env: SIM_ENV })).code).toBe(0);
      before = await snapshot(data);
    });

    it("exits 2 naming the file, the key and the expectation, and changes nothing in DATA", async () => {
      const config = await simConfig({ aws: { region: "Tokyo", endpoint: sim.endpoint } });
      const { code, stdout, stderr } = await runCli(["scan", "--config", config, "--data", data], { env: SIM_ENV });
      expect(code).toBe(2);
      expect(stderr).toBe(`${config}: tenants[0].aws.region: expected an AWS region such as ap-northeast-1, found "Tokyo"\n`);
      expect(stdout).toBe("");
      expect(await snapshot(data)).toEqual(before);
    });

    it.each([
      ["broken JSON", "{\"tenants\": [}", /line 1, column 14: expected valid JSON/],
      ["a missing file", undefined, /file: expected a readable JSON file, found no such file/],
    ])("exits 2 on %s and changes nothing in DATA", async (_what, text, message) => {
      const config = text === undefined ? join(dir, "no-such-config.json") : await file(text);
      const { code, stderr } = await runCli(["scan", "--config", config, "--data", data], { env: SIM_ENV });
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(await snapshot(data)).toEqual(before);
    });

    it.each([
      ["an unknown tenant", ["--tenant", "nobody"], /no tenant "nobody" in .* \(it has: example-co\)/],
      ["an unknown severity", ["--fail-on", "severe"], /--fail-on expects one of critical, high, medium, low, info/],
      ["a bad concurrency", ["--concurrency", "0"], /--concurrency expects a whole number 1-256/],
    ])("exits 2 on %s and changes nothing in DATA", async (_what, extra, message) => {
      const { code, stderr } = await runCli(["scan", "--config", await simConfig(), "--data", data, ...extra], { env: SIM_ENV });
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(await snapshot(data)).toEqual(before);
    });

    it("does not create DATA at all when the config is bad", async () => {
      const fresh = join(dir, "never-created");
      expect((await runCli(["scan", "--config", await file("{}"), "--data", fresh])).code).toBe(2);
      expect(await snapshot(fresh)).toEqual(["(absent)"]);
    });
  });
});

describe("cloud15 scan --lang", () => {
  it("speaks Japanese by default and English with --lang en or an English LANG, and refuses another language", async () => {
    const config = await simConfig();
    const ja = await runCli(["scan", "--config", config, "--data", join(dir, "data-lang")], { env: { ...SIM_ENV, LANG: "C.UTF-8", LC_ALL: "" } });
    expect(ja.stdout).toMatch(/^ {2}緊急 \d+ 件・重要 \d+ 件・スコア: \d+\/100$/m);
    expect(ja.stderr).toMatch(/^example-co: 点検が終わりました（\d+\.\d 秒）$/m);
    const en = await runCli(["scan", "--config", config, "--data", join(dir, "data-lang")], { env: { ...SIM_ENV, LANG: "en_US.UTF-8", LC_ALL: "" } });
    expect(en.stdout).toMatch(/^ {2}What to do \(most important first\)$/m);
    const bad = await runCli(["scan", "--config", config, "--lang", "fr"], { env: SIM_ENV });
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/--lang expects ja or en, got "fr"/) });
  });
});

describe("cloud15 validate", () => {
  it("exits 0 for a valid config and 2 with the key path for an invalid one", async () => {
    const good = await simConfig();
    expect(await runCli(["validate", good])).toMatchObject({ code: 0, stdout: `${good}: valid, 1 tenant (example-co)\n` });
    const bad = await file(JSON.stringify({ tenants: [{ id: "a", name: "A", attestations: { "3": { answer: "yes", date: "2026-01-01" } } }] }));
    const result = await runCli(["validate", bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(`${bad}: tenants[0].attestations["3"].answer: expected one of "done", "partly", "not_done", "not_applicable", found "yes"`);
  });
});

describe("cloud15 validate, for a person fixing a config", () => {
  it("reports every problem in one run, suggests the key a misspelt one meant and says when a list was expected", async () => {
    const bad = await file(JSON.stringify({ tenants: [{ id: "a", name: "A", aws: { regoin: "ap-northeast-1" }, policy: { allowedRegions: "ap-northeast-1" } }] }));
    const { code, stderr } = await runCli(["validate", bad]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}: tenants[0].aws.regoin: expected no such key: did you mean "region"?`);
    expect(stderr).toContain(`${bad}: tenants[0].policy.allowedRegions: expected a list of at least 1 item`);
    expect(stderr).toContain(`${bad}: tenants[0].aws.region: expected this key, required`);
  });

  it("says how many more problems there are beyond the first 10", async () => {
    const tenants = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, name: "T", aws: { region: "tokyo" } }));
    const { code, stderr } = await runCli(["validate", await file(JSON.stringify({ tenants }))]);
    expect(code).toBe(2);
    expect(stderr.trimEnd().split("\n")).toHaveLength(11);
    expect(stderr).toMatch(/: and 2 more problems\n$/);
  });

  it("warns, and still exits 0, when a referenced environment variable is not set", async () => {
    const config = await file(JSON.stringify({ tenants: [{ id: "a", name: "A", microsoft: {
      tenantId: "a.onmicrosoft.com", clientId: "11111111-2222-3333-4444-555555555555", clientSecret: { env: "CLOUD15_TEST_UNSET_SECRET" },
    } }] }));
    const unset = await runCli(["validate", config], { env: { CLOUD15_TEST_UNSET_SECRET: "" } });
    expect(unset.code).toBe(0);
    expect(unset.stderr).toBe(`${config}: warning: tenants[0].microsoft.clientSecret refers to the environment variable CLOUD15_TEST_UNSET_SECRET, which is not set here: a scan from this shell could not read that secret\n`);
    expect((await runCli(["validate", config], { env: { CLOUD15_TEST_UNSET_SECRET: "s3cret" } })).stderr).toBe("");
  });
});

describe("cloud15 schema", () => {
  it("prints the config schema with --config, and it accepts what the simulator command prints", async () => {
    const validate = await ajvFor(["schema", "--config"]);
    const live = startCli(["simulator", "--port", "0"]);
    try {
      const out = await live.waitFor("Press Ctrl-C");
      const config = JSON.parse(/^(\{[\s\S]*?^\})$/m.exec(out)![1]!);
      expect(validate(config)).toBe(true);
      expect(validate({ tenants: [{ id: "a", name: "A", surprise: true }] })).toBe(false);
    } finally {
      expect(await live.interrupt()).toBe(0);
    }
  });
});

describe("cloud15 simulator", () => {
  it("prints a config and dummy credentials that a scan can use as they are", async () => {
    const live = startCli(["simulator", "--port", "0"]);
    try {
      const out = await live.waitFor("Press Ctrl-C");
      const config = await file(/^(\{[\s\S]*?^\})$/m.exec(out)![1]!);
      const env = Object.fromEntries([...out.matchAll(/^ {2}export (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
      expect(Object.keys(env).sort()).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]);
      const scan = await runCli(["scan", "--config", config, "--data", join(dir, "data-sim"), "--lang", "ja"], { env });
      expect(scan.code).toBe(0);
      expect(scan.stdout).toMatch(/^ {2}緊急 +要対応 2 件「S3 バケットがインターネットに公開されていない」: example-co-/m);
    } finally {
      expect(await live.interrupt()).toBe(0);
    }
  });
});
