import { createHmac } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIMULATOR_CREDENTIALS } from "../../cli/example-co.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { runCli } from "../cli/run-cli.ts";
import { startFakeTracker, type FakeAnswer, type FakeTracker } from "../support/fake-tracker.ts";

const SECRET = "cli-webhook-secret";
const ENV = {
  AWS_ACCESS_KEY_ID: SIMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SIMULATOR_CREDENTIALS.secretAccessKey,
  HOOK_SECRET: SECRET,
};

let sim: AwsSimulator;
let hook: FakeTracker;
let dir: string;
let answer: FakeAnswer = { status: 204 };

beforeAll(async () => {
  sim = await startAwsSimulator({ account: exampleCoAccount() });
  hook = await startFakeTracker((req) => {
    const ts = String(req.headers["x-cloud15-timestamp"]);
    const expected = `v1=${createHmac("sha256", SECRET).update(`${ts}.${req.body}`).digest("hex")}`;
    if (req.headers["x-cloud15-signature"] !== expected) throw new Error("bad signature");
    return answer;
  });
  dir = await mkdtemp(join(tmpdir(), "cloud15-cli-tickets-"));
});
afterAll(async () => {
  await Promise.all([sim?.stop(), hook?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify({
    pageUrl: "https://cloud15.example.jp",
    tenants: [{
      id: "example-co", name: "Example Co.", language: "en", aws: { region: "ap-northeast-1", endpoint: sim.endpoint },
      tickets: [{ kind: "webhook", id: "hooks", url: `${hook.url}/cloud15`, allowPrivateNetwork: true, secret: { env: "HOOK_SECRET" } }],
    }],
  }));
  return path;
}

describe("cloud15 scan and cloud15 tickets", () => {
  it("delivers a scan's changes to the tenant's targets and reports the counts on stderr", async () => {
    answer = { status: 204 };
    const data = join(dir, "data-ok");
    const scan = await runCli(["scan", "--config", await configFile("ok.json"), "--data", data], { env: ENV });
    expect(scan.code).toBe(0);
    const delivered = hook.requests.length;
    expect(delivered).toBeGreaterThan(0);
    expect(scan.stderr).toContain(`example-co: tickets hooks: ${delivered} delivered, 0 waiting, 0 dead`);
    expect(scan.stderr).not.toContain(SECRET);
    const feed = JSON.parse(await readFile(join(data, "example-co", "feed.json"), "utf8")) as { tickets?: unknown };
    expect(feed.tickets).toEqual({ retrying: 0, dead: [] });

    const again = await runCli(["tickets", "--config", await configFile("ok.json"), "--data", data], { env: ENV });
    expect(again).toMatchObject({ code: 0 });
    expect(again.stderr).toContain("example-co: tickets hooks: 0 delivered, 0 waiting, 0 dead");
    expect(hook.requests).toHaveLength(delivered);
  });

  it("keeps what a target refused in the outbox, says why, and delivers it with `cloud15 tickets` once it is due", async () => {
    answer = { status: 400, body: { error: "unknown schema" } };
    const data = join(dir, "data-refused");
    const before = hook.requests.length;
    const scan = await runCli(["scan", "--config", await configFile("refused.json"), "--data", data], { env: ENV });
    // The scan ran; the tickets wait.
    expect(scan.code).toBe(0);
    const refused = hook.requests.length - before;
    expect(scan.stderr).toContain(`example-co: tickets hooks: 0 delivered, ${refused} waiting, 0 dead, ${refused} failed (kept for the next run)`);
    expect(scan.stderr).toMatch(/POST 127\.0\.0\.1:\d+\/cloud15: HTTP 400 Bad Request: unknown schema/);

    // Not due yet: nothing is sent, nothing fails.
    const early = await runCli(["tickets", "--config", await configFile("refused.json"), "--data", data], { env: ENV });
    expect(early.code).toBe(0);
    expect(hook.requests.length - before).toBe(refused);

    // Five minutes later, as far as the outbox can tell.
    const outbox = join(data, "example-co", "tickets", "outbox.json");
    const waiting = JSON.parse(await readFile(outbox, "utf8")) as { entries: { nextAttemptAt?: string }[] };
    for (const entry of waiting.entries) entry.nextAttemptAt = new Date(Date.now() - 1000).toISOString();
    await writeFile(outbox, JSON.stringify(waiting));

    answer = { status: 204 };
    const due = await runCli(["tickets", "--config", await configFile("refused.json"), "--data", data], { env: ENV });
    expect(due.code).toBe(0);
    expect(due.stderr).toContain(`example-co: tickets hooks: ${refused} delivered, 0 waiting, 0 dead`);
  });
});
