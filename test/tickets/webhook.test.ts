import { spawnSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { isFeed } from "../../feed/validate.ts";
import type { TicketTarget } from "../../tickets/target-config.ts";
import { startFakeTracker, type FakeAnswer, type FakeTracker, type SeenRequest } from "../support/fake-tracker.ts";
import { bucket, fail, KEYS, pass, PUBLIC, result, run, ticketHarness, VERSIONING } from "./harness.ts";

const SECRET = "whsec-shared-between-msp-and-cloud15";
const REPLAY_WINDOW_S = 300;

/**
 * The receiver's side, written from docs/tickets.md with node:crypto alone — not the sender's
 * code: HMAC-SHA256 of `<timestamp>.<raw body>`, compared in constant time, the timestamp
 * within five minutes, each delivery id accepted once.
 */
function verifier(secret: string) {
  const seen = new Set<string>();
  return (req: SeenRequest): { ok: true; payload: Record<string, unknown>; repeat: boolean } | { ok: false; why: string } => {
    const timestamp = String(req.headers["x-cloud15-timestamp"] ?? "");
    const signature = String(req.headers["x-cloud15-signature"] ?? "");
    const delivery = String(req.headers["x-cloud15-delivery"] ?? "");
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > REPLAY_WINDOW_S) return { ok: false, why: "stale" };
    const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(`${timestamp}.${req.body}`).digest("hex")}`);
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: "bad signature" };
    const payload = JSON.parse(req.body) as Record<string, unknown>;
    if (payload.id !== delivery) return { ok: false, why: "delivery id mismatch" };
    const repeat = seen.has(delivery);
    seen.add(delivery);
    return { ok: true, payload, repeat };
  };
}

let hook: FakeTracker | undefined;
let harness: Awaited<ReturnType<typeof ticketHarness>> | undefined;
afterEach(async () => {
  expect(hook?.failures ?? []).toEqual([]);
  await hook?.stop();
  await harness?.dispose();
  hook = undefined;
  harness = undefined;
});

async function setUp(handle: (req: SeenRequest) => FakeAnswer, target: Partial<TicketTarget> = {}) {
  hook = await startFakeTracker(handle);
  harness = await ticketHarness({ kind: "webhook", url: `${hook.url}/cloud15`, allowPrivateNetwork: true, secret: { env: "HOOK_SECRET" }, ...target } as TicketTarget, { HOOK_SECRET: SECRET });
  return { hook, h: harness };
}

describe("generic webhook target", () => {
  it("signs each delivery so an independent HMAC-SHA256 check over timestamp and body accepts it, and a tampered body fails it", async () => {
    const verify = verifier(SECRET);
    const payloads: Record<string, unknown>[] = [];
    const { hook, h } = await setUp((req) => {
      expect(req.method).toBe("POST");
      expect(req.path).toBe("/cloud15");
      expect(req.headers["content-type"]).toBe("application/json");
      const checked = verify(req);
      if (!checked.ok) throw new Error(checked.why);
      payloads.push(checked.payload);
      return { status: 204 };
    });
    await h.scan(fail(PUBLIC, "a", "b"));
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).toMatchObject({
      version: 1,
      event: "opened",
      tenant: { id: "example-co", name: "Example Co." },
      group: { grouping: "check", marker: expect.stringMatching(/^cloud15-[0-9a-f]{24}$/) },
      check: { id: "aws.s3.bucket_public", severity: "critical", title: { en: "aws.s3.bucket_public title" } },
      language: "en",
      page: "https://cloud15.example.jp/t/example-co/",
      changes: [{ kind: "opened", resource: { name: "a" } }, { kind: "opened", resource: { name: "b" } }],
      findings: [{ resource: { name: "a" } }, { resource: { name: "b" } }],
    });

    const sent = hook.requests[0]!;
    const tampered = { ...sent, body: sent.body.replace('"critical"', '"low"') };
    expect(verifier(SECRET)(tampered)).toEqual({ ok: false, why: "bad signature" });
    expect(verifier("another-secret")(sent)).toEqual({ ok: false, why: "bad signature" });
    const old = { ...sent, headers: { ...sent.headers, "x-cloud15-timestamp": String(Math.floor(Date.now() / 1000) - REPLAY_WINDOW_S - 60) } };
    expect(verifier(SECRET)(old)).toEqual({ ok: false, why: "stale" });
  });

  it("is accepted by the verification snippets in docs/tickets.md (Node and Python), which refuse a tampered body", async () => {
    const doc = await readFile(new URL("../../docs/tickets.md", import.meta.url), "utf8");
    const dir = await mkdtemp(join(tmpdir(), "cloud15-snippets-"));
    try {
      const { h } = await setUp(() => ({ status: 204 }));
      await h.scan(fail(PUBLIC, "a"));
      const sent = hook!.requests[0]!;
      await writeFile(join(dir, "verify.mjs"), /```js\n([\s\S]*?)```/.exec(doc)![1]!);
      const { verifyCloud15 } = await import(pathToFileURL(join(dir, "verify.mjs")).href) as { verifyCloud15: (h: unknown, b: string, s: string) => boolean };
      expect(verifyCloud15(sent.headers, sent.body, SECRET)).toBe(true);
      expect(verifyCloud15(sent.headers, sent.body.replace("critical", "low"), SECRET)).toBe(false);

      const python = /```python\n([\s\S]*?)```/.exec(doc)![1]!;
      const headers = { "X-Cloud15-Timestamp": sent.headers["x-cloud15-timestamp"], "X-Cloud15-Signature": sent.headers["x-cloud15-signature"] };
      await writeFile(join(dir, "verify.py"), `${python}
import json, sys
h = json.loads(sys.argv[1])
body = sys.stdin.buffer.read()
print(verify_cloud15(h, body, "${SECRET}"), verify_cloud15(h, body + b" ", "${SECRET}"))
`);
      const run = spawnSync("python3", [join(dir, "verify.py"), JSON.stringify(headers)], { input: sent.body, encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe("True False");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("tells updated, resolved and reopened apart, and reports a check that could not run as error, never as resolved", async () => {
    const events: Record<string, unknown>[] = [];
    const verify = verifier(SECRET);
    const { h } = await setUp((req) => {
      const checked = verify(req);
      if (!checked.ok) throw new Error(checked.why);
      events.push(checked.payload);
      return { status: 200, body: { ok: true } };
    });
    await h.scan(fail(PUBLIC, "a", "b"));
    await h.scan(fail(PUBLIC, "a"), pass(PUBLIC, "b"));
    const denied = { operation: "GetBucketAcl", code: "AccessDenied", message: "denied" };
    await h.scan(run(PUBLIC, result("error", bucket("a"), { reason: { ja: "拒否", en: "access denied" }, cause: denied }), result("pass", bucket("b"))));
    await h.scan(fail(PUBLIC, "a"), pass(PUBLIC, "b"));
    await h.scan(pass(PUBLIC, "a", "b"));
    await h.scan(fail(PUBLIC, "b"), pass(PUBLIC, "a"));
    expect(events.map((e) => [e.event, (e.changes as { kind: string; resource: { name: string } }[]).map((c) => `${c.kind} ${c.resource.name}`)])).toEqual([
      ["opened", ["opened a", "opened b"]],
      ["updated", ["resolved b"]],
      ["updated", ["error a"]],
      ["updated", ["error_cleared a"]],
      ["resolved", ["resolved a"]],
      ["reopened", ["opened b"]],
    ]);
    // While it could not be checked, `a` still counted as failing, with the reason.
    expect(events[2]!.findings).toEqual([expect.objectContaining({ resource: expect.objectContaining({ name: "a" }), unverified: { ja: expect.any(String), en: expect.stringContaining("access denied") } })]);
  });

  it("opens one ticket per finding on request, and leaves out findings below the target's threshold", async () => {
    const events: Record<string, unknown>[] = [];
    const { h } = await setUp((req) => {
      events.push(JSON.parse(req.body));
      return { status: 202 };
    }, { grouping: "finding", minSeverity: "medium" });
    await h.scan(fail(PUBLIC, "a", "b"), fail(VERSIONING, "c"), fail(KEYS, "k"));
    expect(events.map((e) => `${(e.check as { id: string }).id} ${(e.findings as { resource: { name: string } }[]).map((f) => f.resource.name).join()}`).sort()).toEqual([
      "aws.s3.bucket_public a", "aws.s3.bucket_public b", "aws.s3.bucket_versioning c",
    ]);
    expect(new Set(events.map((e) => (e.group as { id: string }).id)).size).toBe(3);
    expect(events.map((e) => e.title)).toContain("[Example Co.] Action needed: aws.s3.bucket_public title — a");
  });

  it("retries a 5xx within the run; a receiver that keeps failing gets the update marked dead after maxAttempts, shown in the feed, and --retry-dead sends it", async () => {
    let answer: FakeAnswer = { status: 502, body: "Bad Gateway" };
    let calls = 0;
    const { hook, h } = await setUp(() => {
      calls++;
      return answer;
    }, { maxAttempts: 2 });
    const first = await h.scan(fail(PUBLIC, "a"));
    // The same delivery three times (first try and two retries), all refused.
    expect(calls).toBe(3);
    expect(new Set(hook.requests.map((r) => r.headers["x-cloud15-delivery"])).size).toBe(1);
    expect(first.report.targets[0]).toMatchObject({ failed: 1, waiting: 1, dead: 0 });
    expect(first.feed.tickets).toEqual({ retrying: 0, dead: [] });

    const second = await h.scan(fail(PUBLIC, "a"));
    expect(second.feed.tickets).toEqual({ retrying: 1, dead: [] });
    expect(second.report.targets[0]).toMatchObject({ failed: 1, waiting: 0, dead: 1 });

    const third = await h.scan(fail(PUBLIC, "a"));
    expect(isFeed(third.feed)).toBe(true);
    expect(third.feed.tickets).toEqual({
      retrying: 0,
      dead: [{
        target: "webhook", group: expect.stringMatching(/^[0-9a-f]{24}$/), checkId: "aws.s3.bucket_public",
        findings: [third.feed.findings[0]!.id], attempts: 2, since: expect.any(String), lastAttemptAt: expect.any(String),
        lastError: expect.stringMatching(/HTTP 502 Bad Gateway$/),
      }],
    });
    expect(third.report.targets[0]).toMatchObject({ delivered: 0, failed: 0, dead: 1 });

    answer = { status: 204 };
    const revived = await h.deliver({ retryDead: true });
    expect(revived.targets[0]).toMatchObject({ delivered: 1, failed: 0, waiting: 0, dead: 0 });
    expect(await h.outbox()).toEqual([]);
  });

  it("defers to the next run when Retry-After asks for longer than a run waits, and sends nothing in between", async () => {
    let refuse = true;
    const { hook, h } = await setUp(() => (refuse ? { status: 429, headers: { "Retry-After": "7200" } } : { status: 204 }));
    const { report } = await h.scan(fail(PUBLIC, "a"), fail(VERSIONING, "c"));
    expect(report.targets[0]).toMatchObject({ delivered: 0, failed: 1, waiting: 2 });
    expect(hook.requests).toHaveLength(1);
    const limited = (await h.outbox()).find((e) => e.attempts === 1)!;
    expect(Date.parse(limited.nextAttemptAt!) - h.now().getTime()).toBe(7_200_000);

    refuse = false;
    h.advance(60 * 60_000);
    const early = await h.deliver();
    expect(early.targets[0]).toMatchObject({ delivered: 1, waiting: 1 });
    h.advance(61 * 60_000);
    const due = await h.deliver();
    expect(due.targets[0]).toMatchObject({ delivered: 1, waiting: 0 });
  });
});
