import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS } from "../../cli/example-co.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { runCli, startCli, type LiveCli } from "./run-cli.ts";

/** What `cloud15 serve` and `cloud15 demo` print is what the README promises. */

let dir: string;
let sim: AwsSimulator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cloud15-serve-"));
  sim = await startAwsSimulator({ account: exampleCoAccount() });
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves once stdout ends with a tenant's link line: the last thing the command prints. */
async function settled(live: LiveCli): Promise<string> {
  // The CLI starts on about a second of CPU, a minute or more on a busy machine; the deadline
  // sits below the test's own limit so that a failure shows what was printed.
  const deadline = Date.now() + 150_000;
  while (!/^ {2}[a-z0-9-]+: http:\S+\/t\/\S+\n$/m.test(live.stdout()) || !live.stdout().endsWith("\n")) {
    if (live.child.exitCode !== null || Date.now() > deadline) throw new Error(`cloud15 did not print its links: ${live.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return live.stdout();
}

describe("cloud15 serve", () => {
  it("prints each tenant's bearer token and signed link, and the vendor's link; the token reads the feed", async () => {
    const data = join(dir, "data-serve");
    const config = join(dir, "config.json");
    await writeFile(config, JSON.stringify({ tenants: [{ id: "example-co", name: "Example Co.", language: "en", aws: { region: "ap-northeast-1", endpoint: sim.endpoint } }] }));
    expect((await runCli(["scan", "--config", config, "--data", data], {
      env: { AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey },
    })).code).toBe(0);
    const live = startCli(["serve", "--data", data, "--port", "0"]);
    try {
      const out = await settled(live);
      const base = /^Findings page: (http:\/\/\S+) /m.exec(out)![1]!;
      const token = /^ {2}example-co API token \(Authorization: Bearer\): (c15_\S+)$/m.exec(out)?.[1];
      const link = /^ {2}example-co: (http:\S+)$/m.exec(out)?.[1];
      const vendor = /^ {2}IT vendor's overview of every tenant: (http:\S+)$/m.exec(out)?.[1];
      expect(link).toMatch(/\/t\/example-co\/#link=/);
      expect(vendor).toMatch(/\/vendor#link=/);
      expect((await fetch(link!)).status).toBe(200);
      const feed = await fetch(`${base}/api/tenants/example-co/feed`, { headers: { authorization: `Bearer ${token}` } });
      expect(feed.status).toBe(200);
      expect(((await feed.json()) as { tenant: { id: string } }).tenant.id).toBe("example-co");
      // The owner's link is the last line.
      expect(out.trimEnd().split("\n").at(-1)).toBe(`  example-co: ${link}`);
    } finally {
      expect(await live.interrupt()).toBe(0);
    }
  });
});

describe("cloud15 demo", () => {
  it("ends with the signed link to the demo's findings page", async () => {
    const live = startCli(["demo", "--data", join(dir, "demo-data"), "--port", "0"]);
    try {
      const out = await settled(live);
      const last = out.trimEnd().split("\n").at(-1)!;
      expect(last).toMatch(/^ {2}example-co: http:\/\/127\.0\.0\.1:\d+\/t\/example-co\/#link=\d+\.[A-Za-z0-9_-]{43}$/);
      expect((await fetch(last.trim().slice("example-co: ".length))).status).toBe(200);
    } finally {
      expect(await live.interrupt()).toBe(0);
    }
  });
});
