import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { DeleteObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineCheck } from "../../checks/framework.ts";
import type { Config, TenantConfig } from "../../config/schema.ts";
import type { Feed } from "../../feed/schema.ts";
import { isFeed } from "../../feed/validate.ts";
import { handler as dispatch } from "../../functions/dispatch.ts";
import { handler as scan } from "../../functions/scan-aws.ts";
import type { ScanMessage } from "../../functions/scan-message.ts";
import { createScanHandler, SCAN_MAX_RECEIVES, type ScanSummary } from "../../functions/scan.ts";
import { awsScanner } from "../../scan/aws-scanner.ts";
import type { ProviderScanner } from "../../scan/provider-scanner.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { DynamoFindingState } from "../../store/dynamo-finding-state.ts";
import { S3FeedStore } from "../../store/s3-feed-store.ts";
import { startFaultProxy } from "../support/fault-proxy.ts";
import { motoAvailable } from "../support/moto.ts";
import { lambdaContext, latestFeedIn, scanRound, sqsEvent, startLambdaWorld, type LambdaWorld } from "./lambda-world.ts";

const FULL_TIME = lambdaContext(900_000);
/** An invocation cut short: 2 s to scan, then `reserveMs` (20 s) to hand over. */
const SLOW_RUN_MS = 22_000;
const TENANTS = ["alpha-co", "beta-co", "gamma-co"];

let world: LambdaWorld;
const sims = new Map<string, AwsSimulator>();
let findingState: DynamoFindingState;
let store: S3FeedStore;

/** A customer account behind its own simulator, reached only through the read-only role and its ExternalId. */
async function customer(id: string, accountId: string): Promise<TenantConfig> {
  const sim = await startAwsSimulator({ account: { ...exampleCoAccount(), accountId, requiredExternalId: `ext-${id}` } });
  sims.set(id, sim);
  return {
    id,
    name: `${id} K.K.`,
    aws: { region: "ap-northeast-1", endpoint: sim.endpoint, roleArn: `arn:aws:iam::${accountId}:role/cloud15-readonly`, externalId: `ext-${id}` },
  };
}

const totalCalls = (sim: AwsSimulator) => Object.values(sim.calls).reduce((a, b) => a + b, 0);

/** The queues' job in a test: every message on the AWS queue (these tenants have only AWS) becomes one scan invocation. */
async function runQueuedScans(): Promise<ScanSummary[]> {
  const summaries: ScanSummary[] = [];
  for (const { event } of await world.drainScanQueues()) summaries.push(...await scan(event, FULL_TIME));
  return summaries;
}

const round = scanRound;
const latestFeed = (tenantId: string) => latestFeedIn(store, tenantId);

async function keys(prefix: string): Promise<string[]> {
  const out = await world.s3.send(new ListObjectsV2Command({ Bucket: world.bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!);
}

/** What the round's checkpoint item keeps once its feed is stored: that it is finished, no results and no lease. */
async function expectRoundFinished(tenantId: string, scanId: string) {
  const item = (await world.dynamodb.send(new GetItemCommand({
    TableName: world.table, Key: { pk: { S: `tenant#${tenantId}` }, sk: { S: "scan" } }, ConsistentRead: true,
  }))).Item!;
  expect(item.scanId!.S).toBe(scanId);
  expect(item.finished!.BOOL).toBe(true);
  expect(item.done).toBeUndefined();
  expect(Object.entries(item).filter(([k, v]) => (k.startsWith("until_") || k === "assemblyUntil") && Number(v.N) > 0)).toEqual([]);
}

describe.runIf(motoAvailable())("the Lambda functions against moto and simulated customer accounts", () => {
  let config: Config;

  beforeAll(async () => {
    world = await startLambdaWorld();
    findingState = new DynamoFindingState(world.dynamodb, world.table);
    store = new S3FeedStore({ s3: world.s3, bucket: world.bucket, findingState });
    config = { tenants: await Promise.all(TENANTS.map((id, i) => customer(id, `11111111111${i}`))) };
    await world.uploadConfig(config);
  });
  afterAll(async () => {
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await world?.stop();
  });

  let first: Map<string, Feed>;

  it("dispatch queues one round per tenant on the queue of each cloud it has, and each scan stores its feed in S3 and its finding state in DynamoDB", async () => {
    const dispatched = await dispatch();
    expect(dispatched).toEqual({ queued: TENANTS, skipped: [] });

    const queued = await world.drainScanQueues();
    expect(queued.map((q) => [q.provider, q.body])).toEqual(expect.arrayContaining(TENANTS.map((tenantId) => [
      "aws", { tenantId, scanId: expect.stringMatching(/^[0-9a-f-]{36}$/), startedAt: expect.any(String), providers: ["aws"] },
    ])));
    expect(queued).toHaveLength(3);
    const summaries: ScanSummary[] = [];
    for (const { event } of queued) summaries.push(...await scan(event, FULL_TIME));
    expect(summaries.map((s) => [s.tenantId, s.outcome]).sort()).toEqual(TENANTS.map((t) => [t, "stored"]));

    first = new Map();
    for (const tenantId of TENANTS) {
      const feed = await latestFeed(tenantId);
      expect(isFeed(feed)).toBe(true);
      expect(feed.scan.providers).toEqual([expect.objectContaining({ provider: "aws", status: "ok", errors: [] })]);
      // Reached through the role: the account is the customer's, not the scanner's.
      expect(feed.scan.providers[0]!.account).toBe(`11111111111${TENANTS.indexOf(tenantId)}`);
      expect(sims.get(tenantId)!.calls.AssumeRole).toBe(1);
      expect(await keys(`history/${tenantId}/`)).toHaveLength(1);

      const failing = feed.findings.filter((f) => f.status === "fail");
      expect(failing.length).toBeGreaterThan(5);
      expect(failing.every((f) => f.state === "new")).toBe(true);
      const states = await findingState.list(tenantId);
      expect(states.map((s) => s.id).sort()).toEqual(failing.map((f) => f.id).sort());
      expect(states.every((s) => s.state === "new" && s.scanId === feed.scan.id)).toBe(true);
      // A finished scan leaves no results or lease behind, only that it is finished.
      await expectRoundFinished(tenantId, feed.scan.id);
      first.set(tenantId, feed);
    }
    expect(await keys("checkpoints/")).toEqual([]);
  });

  it("a second night marks the unchanged findings open, not new, and keeps when they were first seen", async () => {
    await dispatch();
    await runQueuedScans();
    for (const tenantId of TENANTS) {
      const before = first.get(tenantId)!;
      const feed = await latestFeed(tenantId);
      expect(feed.scan.id).not.toBe(before.scan.id);
      expect(feed.scan.previousFeed).toEqual({ status: "loaded", scanId: before.scan.id });
      expect(feed.summary.new).toBe(0);
      const failing = feed.findings.filter((f) => f.status === "fail");
      expect(failing.map((f) => f.id).sort()).toEqual(before.findings.filter((f) => f.status === "fail").map((f) => f.id).sort());
      expect(failing.every((f) => f.state === "open")).toBe(true);

      const states = await findingState.list(tenantId);
      expect(states).toHaveLength(failing.length);
      for (const state of states) {
        expect(state).toMatchObject({ state: "open", scanId: feed.scan.id, firstSeen: before.scan.startedAt, lastSeen: feed.scan.startedAt });
      }
      expect(await keys(`history/${tenantId}/`)).toHaveLength(2);
    }
  });

  it("a night a customer's account cannot be reached keeps its verdicts in S3, marked stale, its finding state in DynamoDB, and resolves nothing", async () => {
    const before = await latestFeed("alpha-co");
    const statesBefore = await findingState.list("alpha-co");
    const alpha = sims.get("alpha-co")!;
    // The customer removed the scanner's role: AssumeRole is refused, nothing can be read.
    alpha.faults.push({ operation: "AssumeRole", kind: "AccessDenied" });
    try {
      await dispatch();
      await runQueuedScans();
      const feed = await latestFeed("alpha-co");
      expect(feed.scan.id).not.toBe(before.scan.id);
      expect(isFeed(feed)).toBe(true);
      expect(feed.scan.providers).toEqual([expect.objectContaining({
        provider: "aws", status: "unreachable", stale: { since: before.scan.startedAt, reason: expect.objectContaining({ en: expect.stringContaining("AssumeRole") }) },
      })]);
      expect(feed.findings.map((f) => [f.id, f.status, f.state, f.firstSeen, f.lastSeen, f.stale]))
        .toEqual(before.findings.map((f) => [f.id, f.status, f.state, f.firstSeen, f.lastSeen, true]));
      expect(feed.summary).toEqual(before.summary);
      const pick = (s: Awaited<ReturnType<typeof findingState.list>>[number]) => [s.id, s.state, s.status, s.firstSeen, s.lastSeen];
      expect((await findingState.list("alpha-co")).map(pick)).toEqual(statesBefore.map(pick));
      // The history's point for this night carries the last known score: no drop to 0.
      const history = await store.history("alpha-co");
      expect(history.map((f) => f.summary.score)).toEqual([before.summary.score, before.summary.score, before.summary.score]);
      // The other customers were scanned as usual.
      expect((await latestFeed("beta-co")).scan.providers[0]).toMatchObject({ status: "ok" });
    } finally {
      alpha.faults.length = 0;
    }

    // Reached again the next night: judged afresh, nothing stale, the failures still open.
    await dispatch();
    await runQueuedScans();
    const back = await latestFeed("alpha-co");
    expect(back.scan.providers[0]).toMatchObject({ status: "ok" });
    expect(back.scan.providers[0]!.stale).toBeUndefined();
    expect(back.findings.some((f) => f.stale)).toBe(false);
    expect(back.summary).toMatchObject({ new: 0, resolved: 0, open: before.summary.open });
  });

  it("a direct invoke of dispatch naming a tenant scans that tenant now, and refuses one the config lacks by name", async () => {
    expect(await dispatch({ tenantId: "beta-co" })).toEqual({ queued: ["beta-co"], skipped: [] });
    const queued = await world.drainScanQueues();
    expect(queued.map((q) => [q.provider, (q.body as ScanMessage).tenantId])).toEqual([["aws", "beta-co"]]);
    expect(await scan(queued[0]!.event, FULL_TIME)).toEqual([expect.objectContaining({ tenantId: "beta-co", outcome: "stored" })]);

    await expect(dispatch({ tenantId: "acme" })).rejects.toThrow('no tenant "acme" in the config (tenants: alpha-co, beta-co, gamma-co)');
    await expect(dispatch({ tenantId: 42 } as never)).rejects.toThrow("tenantId must be a tenant's id as a string, not 42");
    expect(await world.drainScanQueues()).toEqual([]);
  });

  it("a tenant the Lambda could only scan with its own credentials is skipped and named, not scanned", async () => {
    const unsafe: TenantConfig = { id: "no-role-co", name: "No Role", aws: { region: "ap-northeast-1" } };
    await world.uploadConfig({ tenants: [...config.tenants, unsafe] });
    try {
      const dispatched = await dispatch();
      expect(dispatched.queued).toEqual(TENANTS);
      expect(dispatched.skipped).toEqual([{ tenantId: "no-role-co", problem: expect.stringContaining("aws.roleArn and aws.externalId are required") }]);
      // A direct invoke for it is refused the same way.
      expect(await scan(round("no-role-co", ["aws"]), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "dropped" })]);
      await world.drainScanQueues();
    } finally {
      await world.uploadConfig(config);
    }
  });

  describe("the config is read while the provider is claimed", () => {
    const roundItem = async (tenantId: string) => (await world.dynamodb.send(new GetItemCommand({
      TableName: world.table, Key: { pk: { S: `tenant#${tenantId}` }, sk: { S: "scan" } }, ConsistentRead: true,
    }))).Item;

    it("drops a message for a tenant removed from the config since it was queued, holding no lease and counting no invocation, so its next round is scanned at once", async () => {
      const tenant = await customer("removed-co", "333333333331");
      const message = round("removed-co", ["aws"]);
      expect(await scan(sqsEvent(JSON.stringify(message)), FULL_TIME)).toEqual([
        { tenantId: "removed-co", outcome: "dropped", reason: "no such tenant in the config (removed since it was queued?)" },
      ]);
      expect(totalCalls(sims.get("removed-co")!)).toBe(0);
      const item = await roundItem("removed-co");
      expect(item?.scanId?.S).toBe(message.scanId);
      expect(Number(item!.until_aws!.N)).toBe(0);
      expect(Number(item!.invocations_aws!.N)).toBe(0);

      // Added back: a newer round replaces the handed-back one without waiting for a lease.
      await world.uploadConfig({ tenants: [...config.tenants, tenant] });
      try {
        expect(await scan(round("removed-co", ["aws"]), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "stored", invocation: 1 })]);
      } finally {
        await world.uploadConfig(config);
      }
    });

    it("when the config cannot be read, fails the invocation for the queue's retry, which claims the provider at once as its first invocation", async () => {
      const tenant = await customer("config-fault-co", "333333333332");
      const body = JSON.stringify(round("config-fault-co", ["aws"]));
      await world.s3.send(new DeleteObjectCommand({ Bucket: world.bucket, Key: "config/cloud15.json" }));
      try {
        await expect(scan(sqsEvent(body), FULL_TIME)).rejects.toThrow(/config/);
      } finally {
        await world.uploadConfig({ tenants: [...config.tenants, tenant] });
      }
      expect(totalCalls(sims.get("config-fault-co")!)).toBe(0);
      const item = await roundItem("config-fault-co");
      expect(Number(item!.until_aws!.N)).toBe(0);
      expect(Number(item!.invocations_aws!.N)).toBe(0);

      try {
        expect(await scan(sqsEvent(body, "test-message", 2), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "stored", invocation: 1 })]);
        await expectRoundFinished("config-fault-co", JSON.parse(body).scanId);
      } finally {
        await world.uploadConfig(config);
      }
    });

    it("when the claim cannot be written, fails the invocation and stores nothing: no round, no feed, no call to the customer", async () => {
      const tenant = await customer("claim-fault-co", "333333333333");
      await world.uploadConfig({ tenants: [...config.tenants, tenant] });
      // DynamoDB unreachable: a loopback port nothing listens on, and no retries.
      const closed = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, "127.0.0.1", () => {
          const { port } = server.address() as AddressInfo;
          server.close(() => resolve(port));
        });
      });
      const handler = createScanHandler(awsScanner, {
        s3: world.s3, dynamodb: new DynamoDBClient({ endpoint: `http://127.0.0.1:${closed}`, maxAttempts: 1 }), sqs: world.sqs,
        bucket: world.bucket, table: world.table, scanQueueUrl: world.scanQueueUrls.aws,
      });
      try {
        await expect(handler(sqsEvent(JSON.stringify(round("claim-fault-co", ["aws"]))), FULL_TIME)).rejects.toThrow(/ECONNREFUSED/);
        expect(await roundItem("claim-fault-co")).toBeUndefined();
        expect(await keys("latest/claim-fault-co")).toEqual([]);
        expect(totalCalls(sims.get("claim-fault-co")!)).toBe(0);
      } finally {
        await world.uploadConfig(config);
      }
    });
  });

  describe("a scan that meets the 15-minute limit", () => {
    /**
     * Stands in for a provider that takes longer than one invocation (a Microsoft 365 tenant
     * with thousands of users): its collection waits until the test opens the gate.
     */
    function slowProvider() {
      let open: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => { open = resolve; });
      const check = defineCheck<{ users: number }>()({
        meta: {
          id: "microsoft.entra.test_users_counted", provider: "microsoft", service: "entra", severity: "low", ipaItems: [8],
          title: { ja: "利用者を数えた", en: "Users were counted" }, detail: { ja: "テスト", en: "test" },
          remediation: { steps: { ja: "なし", en: "none" }, consolePath: { ja: "なし", en: "none" } },
        },
        needs: [],
        run: (_facts, ctx) => [{ status: "pass", resource: ctx.tenantResource }],
      });
      const resource = (tenant: TenantConfig) => ({ uid: `microsoft:tenant/${tenant.id}`, name: "Microsoft 365", type: "Microsoft::Tenant" });
      const collects: string[] = [];
      const scanner: ProviderScanner<{ users: number }> = {
        provider: "microsoft",
        checks: [check],
        configured: () => true,
        fallbackResource: resource,
        async collect(tenant) {
          collects.push(tenant.id);
          await gate;
          const now = new Date();
          return { facts: { users: 3 }, tenantResource: resource(tenant), apiCalls: { "GET /users": 1 }, errors: [], reachedAccount: true, startedAt: now, finishedAt: now };
        },
      };
      return { scanner, open: () => open(), collects };
    }

    /** The AWS function and a slow Microsoft function, on their own queues as serverless.yml has them. */
    function functionsFor(slow: ReturnType<typeof slowProvider>, options: { maxInvocations?: number } = {}) {
      // The hand-over (checkpoint, continuation) runs in the reserve: moto calls that take
      // seconds on a busy machine. A run of SLOW_RUN_MS leaves the slow provider 2 s.
      const deps = { s3: world.s3, dynamodb: world.dynamodb, sqs: world.sqs, bucket: world.bucket, table: world.table, reserveMs: 20_000 };
      return {
        aws: createScanHandler(awsScanner, { ...deps, scanQueueUrl: world.scanQueueUrls.aws }),
        microsoft: createScanHandler(slow.scanner, { ...deps, scanQueueUrl: world.scanQueueUrls.microsoft, ...options }),
      };
    }

    it("checkpoints what it finished, re-enqueues itself, and the continuation completes it with nothing lost or collected twice", async () => {
      const tenant = await customer("resume-co", "222222222222");
      await world.uploadConfig({ tenants: [...config.tenants, tenant] });
      const slow = slowProvider();
      const fns = functionsFor(slow);
      const sim = sims.get("resume-co")!;
      const message = round("resume-co", ["aws", "microsoft"]);
      const { scanId } = message;

      // AWS finishes first; the round waits for Microsoft.
      expect(await fns.aws(sqsEvent(JSON.stringify(message)), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "saved", scanId })]);
      // Microsoft's first invocation: 22 s left, of which the last 20 s are kept for the hand-over.
      const [cut] = await fns.microsoft(sqsEvent(JSON.stringify(message)), lambdaContext(SLOW_RUN_MS));
      expect(cut).toMatchObject({ outcome: "suspended", scanId, invocation: 1 });
      expect(await keys("latest/resume-co/")).toEqual([]);
      expect(await keys(`checkpoints/resume-co/${scanId}/`)).toEqual([`checkpoints/resume-co/${scanId}/aws.json`]);
      const awsCalls = totalCalls(sim);

      // Exactly one continuation is queued, on Microsoft's queue, naming the round.
      const queued = await world.drainScanQueues();
      expect(queued.map((q) => [q.provider, q.body])).toEqual([["microsoft", message]]);

      slow.open();
      const [done] = await fns.microsoft(queued[0]!.event, FULL_TIME);
      expect(done).toMatchObject({ outcome: "stored", scanId, invocation: 2 });
      // Nobody collected AWS again.
      expect(totalCalls(sim)).toBe(awsCalls);
      expect(sim.calls.AssumeRole).toBe(1);

      const feed = await latestFeed("resume-co");
      expect(feed.scan.id).toBe(scanId);
      expect(feed.scan.providers.map((p) => [p.provider, p.status])).toEqual([["aws", "ok"], ["microsoft", "ok"]]);
      // Nothing lost: every AWS finding of an uninterrupted scan of the same account, and the
      // slow provider's result. Nothing doubled: each finding once.
      const reference = first.get("alpha-co")!;
      const shape = (f: Feed["findings"][number]) => [f.checkId, f.resource.uid.replace(/\d{12}/g, "ACCOUNT"), f.status].join(" ");
      expect(feed.findings.filter((f) => f.provider === "aws").map(shape).sort()).toEqual(reference.findings.map(shape).sort());
      expect(feed.findings.filter((f) => f.provider === "microsoft").map((f) => f.status)).toEqual(["pass"]);
      expect(new Set(feed.findings.map((f) => f.id)).size).toBe(feed.findings.length);
      expect(await keys("history/resume-co/")).toHaveLength(1);
      await expectRoundFinished("resume-co", scanId);
      expect(await keys("checkpoints/resume-co/")).toEqual([]);

      // Either message delivered again (SQS delivers at least once) changes nothing.
      expect(await fns.microsoft(queued[0]!.event, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "superseded" })]);
      expect(await fns.aws(sqsEvent(JSON.stringify(message)), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "superseded" })]);
      expect(await keys("history/resume-co/")).toHaveLength(1);
      expect(await world.drainScanQueues()).toEqual([]);
    });

    it("a provider that cannot finish within the allowed invocations is stored as unreachable with the reason, its last verdicts kept, never dropped", async () => {
      const slow = slowProvider();
      const fns = functionsFor(slow, { maxInvocations: 1 });
      const message = round("resume-co", ["aws", "microsoft"]);
      const previous = await latestFeed("resume-co");
      expect(await fns.aws(message, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "saved" })]);
      const [result] = await fns.microsoft(message, lambdaContext(SLOW_RUN_MS));
      expect(result).toMatchObject({ outcome: "stored", invocation: 1 });
      const feed = await latestFeed("resume-co");
      const microsoft = feed.scan.providers.find((p) => p.provider === "microsoft")!;
      expect(microsoft).toMatchObject({
        status: "unreachable", errors: [expect.objectContaining({ code: "ScanTimeLimit" })], stale: { since: previous.scan.startedAt },
      });
      expect(feed.findings.filter((f) => f.provider === "microsoft").map((f) => [f.status, f.stale])).toEqual([["pass", true]]);
      expect(feed.scan.providers.find((p) => p.provider === "aws")!.status).toBe("ok");
      expect(await world.drainScanQueues()).toEqual([]);
      slow.open();
    });

    it("a provider whose message fails on every delivery is stored as unreachable on the last one, so the feed is still built", async () => {
      const slow = slowProvider();
      slow.open();
      // Checkpoint writes that S3 refuses on the wire (an outage), as often as the test says.
      const proxy = await startFaultProxy(world.moto.endpoint);
      const flakyS3 = new S3Client({ endpoint: proxy.endpoint, forcePathStyle: true });
      const checkpointWrite = (method: string, path: string) => method === "PUT" && path.startsWith(`/${world.bucket}/checkpoints/`);
      const fns = functionsFor(slow);
      const microsoft = createScanHandler(slow.scanner, {
        s3: flakyS3, dynamodb: world.dynamodb, sqs: world.sqs, bucket: world.bucket, table: world.table, scanQueueUrl: world.scanQueueUrls.microsoft,
      });
      const message = round("resume-co", ["aws", "microsoft"]);
      expect(await fns.aws(message, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "saved" })]);
      const before = (await latestFeed("resume-co")).scan.id;

      // A delivery with retries left throws, so that the queue retries it. Every attempt of
      // the SDK's (3, its default) is refused, so the write fails.
      proxy.refuse(3, checkpointWrite);
      await expect(microsoft(sqsEvent(JSON.stringify(message), "m", 1), FULL_TIME)).rejects.toThrow(/internal error/);
      expect((await latestFeed("resume-co")).scan.id).toBe(before);
      // The last delivery saves the failure as Microsoft's `error`, and the round's feed is built.
      proxy.refuse(3, checkpointWrite);
      const [last] = await microsoft(sqsEvent(JSON.stringify(message), "m", SCAN_MAX_RECEIVES), FULL_TIME);
      expect(last).toMatchObject({ outcome: "stored", scanId: message.scanId });
      const feed = await latestFeed("resume-co");
      expect(feed.scan.providers.map((p) => [p.provider, p.status])).toEqual([["aws", "ok"], ["microsoft", "unreachable"]]);
      expect(feed.scan.providers[1]!.errors).toEqual([expect.objectContaining({ code: "InternalError", message: expect.stringContaining("every delivery") })]);
      // Still the verdict of the last round that collected Microsoft, marked stale.
      expect(feed.findings.filter((f) => f.provider === "microsoft").map((f) => [f.status, f.stale])).toEqual([["pass", true]]);
      flakyS3.destroy();
      await proxy.stop();
    });

    it("builds no feed from part of a round when another cloud's saved results are gone, and keeps the previous feed", async () => {
      const slow = slowProvider();
      slow.open();
      const fns = functionsFor(slow);
      const message = round("resume-co", ["aws", "microsoft"]);
      const before = (await latestFeed("resume-co")).scan.id;
      expect(await fns.aws(message, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "saved" })]);
      await world.s3.send(new DeleteObjectCommand({ Bucket: world.bucket, Key: `checkpoints/resume-co/${message.scanId}/aws.json` }));

      // The Microsoft function holds no AWS checks: it cannot stand in for AWS's results, so it
      // fails (the queue retries it) rather than store a feed in which AWS's findings vanish.
      await expect(fns.microsoft(sqsEvent(JSON.stringify(message), "m", 1), FULL_TIME))
        .rejects.toThrow(`the saved results of aws for scan ${message.scanId} are gone; the feed is not built from part of a round`);
      expect((await latestFeed("resume-co")).scan.id).toBe(before);
    });

    it("a provider that another invocation is scanning is not scanned a second time at once", async () => {
      const slow = slowProvider();
      const fns = functionsFor(slow);
      const message = round("resume-co", ["microsoft"]);
      const running = fns.microsoft(message, FULL_TIME);
      await expect.poll(() => slow.collects.length).toBe(1);
      expect(await fns.microsoft(message, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "busy" })]);
      slow.open();
      expect(await running).toEqual([expect.objectContaining({ outcome: "stored" })]);
      expect(slow.collects).toHaveLength(1);
    });
  });
});
