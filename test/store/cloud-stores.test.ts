import { randomUUID } from "node:crypto";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Provider } from "../../checks/framework.ts";
import type { Feed } from "../../feed/schema.ts";
import type { ScanRound, StoredProviderRun } from "../../scan/checkpoint.ts";
import { DynamoFindingState } from "../../store/dynamo-finding-state.ts";
import { SORT_KEY, tenantPartition } from "../../store/dynamo-keys.ts";
import { DynamoScanCheckpoints } from "../../store/dynamo-scan-checkpoints.ts";
import { DynamoTicketStore } from "../../store/dynamo-ticket-store.ts";
import { S3FeedStore } from "../../store/s3-feed-store.ts";
import { S3ProviderStateStore } from "../../store/s3-provider-state.ts";
import { latestKey } from "../../store/s3-layout.ts";
import type { OutboxEntry } from "../../tickets/outbox.ts";
import { bucket, feedAt, meta, result, run } from "../feed/fixtures.ts";
import { startLambdaWorld, type LambdaWorld } from "../functions/lambda-world.ts";
import { motoAvailable } from "../support/moto.ts";

/** The Lambda's stores against moto with the real SDK clients: the rules the data-folder stores keep, kept here too. */

const PUBLIC = meta("aws.s3.bucket_public", "critical");
const T = "example-co";
let world: LambdaWorld;
let findingState: DynamoFindingState;
let feeds: S3FeedStore;

describe.runIf(motoAvailable())("the S3 and DynamoDB stores", () => {
  beforeAll(async () => {
    world = await startLambdaWorld();
    findingState = new DynamoFindingState(world.dynamodb, world.table);
    feeds = new S3FeedStore({ s3: world.s3, bucket: world.bucket, findingState, clock: () => new Date("2026-11-02T00:00:00Z") });
  });
  afterAll(async () => {
    await world?.stop();
  });

  describe("S3FeedStore", () => {
    it("reports a missing latest feed as missing, and a damaged one as set aside, moved where the owner can recover it", async () => {
      expect(await feeds.latest("nobody-co")).toEqual({ missing: true });
      await world.s3.send(new PutObjectCommand({ Bucket: world.bucket, Key: latestKey("broken-co"), Body: "{ not json" }));
      const previous = await feeds.latest("broken-co");
      expect(previous).toEqual({
        problem: expect.stringMatching(/^not valid JSON/),
        setAsideTo: "set-aside/broken-co/feed.json.corrupt-2026-11-02T00-00-00.000Z",
      });
      const kept = await world.s3.send(new GetObjectCommand({ Bucket: world.bucket, Key: (previous as { setAsideTo: string }).setAsideTo }));
      expect(await kept.Body!.transformToString()).toBe("{ not json");
      expect(await feeds.latest("broken-co")).toEqual({ missing: true });
    });

    it("refuses a feed that is invalid or another tenant's, and stores nothing of it", async () => {
      const feed = feedAt("2026-11-01T00:00:00Z", [run(PUBLIC, result("fail", bucket("a")))]);
      await expect(feeds.put("other-co", feed)).rejects.toThrow(/cannot be stored as other-co/);
      await expect(feeds.put(T, { ...feed, summary: undefined } as unknown as Feed)).rejects.toThrow(/invalid feed/);
      expect(await feeds.latest(T)).toEqual({ missing: true });
      expect(await feeds.history(T)).toEqual([]);
    });

    it("keeps every scan in the history, newest first, and the finding state follows the latest", async () => {
      const day1 = feedAt("2026-11-01T00:00:00Z", [run(PUBLIC, result("fail", bucket("a")), result("fail", bucket("b")))]);
      await feeds.put(T, day1);
      expect((await findingState.list(T)).map((s) => [s.resourceName, s.state]).sort()).toEqual([["a", "new"], ["b", "new"]]);
      const day2 = feedAt("2026-11-02T00:00:00Z", [run(PUBLIC, result("pass", bucket("a")), result("fail", bucket("b")))], day1);
      await feeds.put(T, day2);
      expect((await findingState.list(T)).map((s) => [s.resourceName, s.state]).sort()).toEqual([["a", "resolved"], ["b", "open"]]);
      const day3 = feedAt("2026-11-03T00:00:00Z", [run(PUBLIC, result("pass", bucket("a")), result("fail", bucket("b")))], day2);
      await feeds.put(T, day3);
      // Resolved last time and passing now: no lifecycle, no item.
      expect((await findingState.list(T)).map((s) => [s.resourceName, s.state])).toEqual([["b", "open"]]);
      expect((await feeds.history(T)).map((f) => f.scan.id)).toEqual([day3.scan.id, day2.scan.id, day1.scan.id]);
      expect((await feeds.history(T, 1)).map((f) => f.scan.id)).toEqual([day3.scan.id]);
      expect(await feeds.latest(T)).toEqual({ feed: day3 });
      // Stored gzipped: a year of a large account's nightly feeds is 50 times smaller.
      const raw = await world.s3.send(new GetObjectCommand({ Bucket: world.bucket, Key: latestKey(T) }));
      expect(raw.ContentEncoding).toBe("gzip");
      expect((await raw.Body!.transformToByteArray()).length).toBeLessThan(JSON.stringify(day3).length / 2);
    });

    it("keeps the previous feed as the latest when the finding state cannot be written beside the history entry", async () => {
      const tenant = "state-fails-co";
      const day1 = feedAt("2026-11-01T00:00:00Z", [run(PUBLIC, result("fail", bucket("a")))], undefined, { tenant: { id: tenant, name: "State Fails Co." } });
      await feeds.put(tenant, day1);
      const noState = new S3FeedStore({ s3: world.s3, bucket: world.bucket, findingState: new DynamoFindingState(world.dynamodb, "no-such-table") });
      const day2 = feedAt("2026-11-02T00:00:00Z", [run(PUBLIC, result("pass", bucket("a")))], day1, { tenant: { id: tenant, name: "State Fails Co." } });
      await expect(noState.put(tenant, day2)).rejects.toThrow(/resource not found|ResourceNotFound|no-such-table/i);
      expect(await feeds.latest(tenant)).toEqual({ feed: day1 });
      // Written at the same time as the failed state: history informs, the latest decides.
      expect((await feeds.history(tenant)).map((f) => f.scan.id)).toEqual([day2.scan.id, day1.scan.id]);
    });
  });

  it("DynamoFindingState writes only the findings whose state changed: one still open the next night costs no write and reads as seen that night", async () => {
    // Counts what the store asks DynamoDB to put, as AWS bills it: one write per item put.
    const counting = new DynamoDBClient({});
    let puts = 0;
    counting.middlewareStack.add((next) => async (args) => {
      const input = args.input as { RequestItems?: Record<string, { PutRequest?: unknown }[]> };
      puts += Object.values(input.RequestItems ?? {}).flat().filter((r) => r.PutRequest).length;
      return next(args);
    }, { step: "initialize", name: "countPuts" });
    const state = new DynamoFindingState(counting, world.table);
    const tenant = { tenant: { id: "steady-co", name: "Steady Co." } };
    const night = (at: string, a: "pass" | "fail", previous?: Feed) =>
      feedAt(at, [run(PUBLIC, result(a, bucket("a")), result("fail", bucket("b")))], previous, tenant);
    const listed = async () => (await state.list("steady-co")).map((s) => [s.resourceName, s.state, s.firstSeen, s.lastSeen, s.scanId]).sort();

    const day1 = night("2026-11-01T03:00:00Z", "fail");
    await state.record(day1);
    const day2 = night("2026-11-02T03:00:00Z", "fail", day1);
    await state.record(day2);
    expect(puts).toBe(4);
    const day3 = night("2026-11-03T03:00:00Z", "fail", day2);
    await state.record(day3);
    expect(puts).toBe(4);
    expect(await listed()).toEqual([
      ["a", "open", "2026-11-01T03:00:00.000Z", "2026-11-03T03:00:00.000Z", day3.scan.id],
      ["b", "open", "2026-11-01T03:00:00.000Z", "2026-11-03T03:00:00.000Z", day3.scan.id],
    ]);
    const day4 = night("2026-11-04T03:00:00Z", "pass", day3);
    await state.record(day4);
    expect(puts).toBe(5);
    expect((await listed()).map(([name, s, , lastSeen]) => [name, s, lastSeen])).toEqual([
      ["a", "resolved", "2026-11-04T03:00:00.000Z"],
      ["b", "open", "2026-11-04T03:00:00.000Z"],
    ]);
  });

  describe("DynamoScanCheckpoints", () => {
    let checkpoints: DynamoScanCheckpoints;
    const at = (iso: string) => new Date(iso);
    beforeEach(() => {
      checkpoints = new DynamoScanCheckpoints({ ddb: world.dynamodb, table: world.table, s3: world.s3, bucket: world.bucket });
    });
    const saved = (provider: Provider): StoredProviderRun => ({ scan: { provider, status: "ok", startedAt: "x", finishedAt: "y", apiCalls: {}, errors: [] }, checks: [] });
    const round = (startedAt: string, providers: Provider[] = ["aws", "google"]): ScanRound => ({ scanId: randomUUID(), startedAt: at(startedAt), providers });
    const claim = async (tenantId: string, r: ScanRound, provider: Provider, now: string) => checkpoints.claim({
      tenantId, round: r, provider, now: at(now), leaseUntil: new Date(at(now).getTime() + 900_000),
    });
    const claimed = async (...args: Parameters<typeof claim>) => {
      const result = await claim(...args);
      if (result.outcome !== "claimed") throw new Error(`not claimed: ${result.outcome}`);
      return result.scan;
    };

    it("gives each provider of a round its own lease, hands a released one to the next invocation, and stops the one that lost it", async () => {
      const r = round("2026-11-01T03:00:00Z");
      const aws = await claimed("cp-co", r, "aws", "2026-11-01T03:00:00Z");
      const google = await claimed("cp-co", r, "google", "2026-11-01T03:00:01Z");
      expect([aws.invocation, google.invocation, aws.finished]).toEqual([1, 1, false]);
      expect(await claim("cp-co", r, "aws", "2026-11-01T03:01:00Z")).toEqual({ outcome: "busy" });
      expect(await checkpoints.held("cp-co", at("2026-11-01T03:01:00Z"))).toBe(true);
      await google.release();
      // Held until a quarter of an hour from the real now, which saveRun's condition compares with.
      const retry = await checkpoints.claim({ tenantId: "cp-co", round: r, provider: "google", now: at("2026-11-01T03:14:00Z"), leaseUntil: new Date(Date.now() + 900_000) });
      if (retry.outcome !== "claimed") throw new Error(`not claimed: ${retry.outcome}`);
      const again = retry.scan;
      expect(again.invocation).toBe(2);
      // The first invocation lost google to a holder still running: it ends as busy and changes nothing.
      expect(await google.saveRun(saved("google"))).toBe("busy");
      expect(await aws.saveRun(saved("aws"))).toBe("saved");
      // A redelivery of a saved provider only has the assembly left.
      expect((await claimed("cp-co", r, "aws", "2026-11-01T03:15:00Z")).finished).toBe(true);
      // Not every provider is in: nobody builds the feed yet.
      expect(await aws.assemble(at("2026-11-01T03:30:00Z"))).toBeUndefined();
      await again.saveRun(saved("google"));
      const both = await Promise.all([aws.assemble(at("2030-01-01T00:00:00Z")), again.assemble(at("2030-01-01T00:00:00Z"))]);
      // Exactly one of two providers finishing last at once builds the feed, with every provider's results.
      const assemblies = both.filter((a) => a !== undefined);
      expect(assemblies).toHaveLength(1);
      expect([...assemblies[0]!.runs.keys()].sort()).toEqual(["aws", "google"]);
      await assemblies[0]!.complete();
      // Redeliveries of a stored round find nothing to do.
      expect(await claim("cp-co", r, "google", "2026-11-01T03:20:00Z")).toEqual({ outcome: "superseded" });
      expect(await again.assemble(at("2030-01-01T00:00:00Z"))).toBeUndefined();
      expect(await checkpoints.held("cp-co", new Date())).toBe(false);
    });

    it("keeps a provider's results when its lease was written over and nobody else holds it, and builds the feed from every provider", async () => {
      // What moto does under load: two claims that start the same round both win their
      // conditional PutItem, and the later item has no lease for the other provider.
      const r = round("2026-11-05T03:00:00Z", ["aws", "microsoft"]);
      const microsoft = await claimed("race-co", r, "microsoft", "2026-11-05T03:00:00Z");
      const aws = await claimed("race-co", r, "aws", "2026-11-05T03:00:00Z");
      const key = { pk: { S: tenantPartition("race-co") }, sk: { S: SORT_KEY.scan } };
      const item = (await world.dynamodb.send(new GetItemCommand({ TableName: world.table, Key: key, ConsistentRead: true }))).Item!;
      const { lease_microsoft: _lease, until_microsoft: _until, invocations_microsoft: _inv, ...overwritten } = item;
      await world.dynamodb.send(new PutItemCommand({ TableName: world.table, Item: overwritten }));

      expect(await microsoft.saveRun(saved("microsoft"))).toBe("saved");
      expect(await aws.saveRun(saved("aws"))).toBe("saved");
      const assembly = await aws.assemble(at("2030-01-01T00:00:00Z"));
      expect([...assembly!.runs.keys()].sort()).toEqual(["aws", "microsoft"]);
      await assembly!.complete();
      // Once stored, a late save of the round changes nothing.
      expect(await microsoft.saveRun(saved("microsoft"))).toBe("superseded");
    });

    it("a newer round replaces an unfinished older one, whose messages then find nothing to do", async () => {
      const old = round("2026-11-01T03:00:00Z");
      const oldAws = await claimed("stale-co", old, "aws", "2026-11-01T03:00:00Z");
      await oldAws.saveRun(saved("aws"));
      const next = round("2026-11-02T03:00:00Z");
      const nextAws = await claimed("stale-co", next, "aws", "2026-11-02T03:00:00Z");
      expect([nextAws.invocation, nextAws.finished]).toEqual([1, false]);
      expect(await claim("stale-co", old, "google", "2026-11-02T03:01:00Z")).toEqual({ outcome: "superseded" });
      expect(await oldAws.assemble(at("2030-01-01T00:00:00Z"))).toBeUndefined();
    });

    it("a newer round waits for the queue's retry while any cloud of the older round is still being scanned", async () => {
      const old = round("2026-11-01T03:00:00Z");
      const oldGoogle = await claimed("overlap-co", old, "google", "2026-11-01T03:00:00Z");
      const next = round("2026-11-01T03:05:00Z");
      // Not only google's own message: no cloud of the newer round starts while google still runs.
      await expect(claim("overlap-co", next, "aws", "2026-11-01T03:05:00Z")).rejects.toThrow(`scan ${old.scanId} is still running; scan ${next.scanId} waits for the queue's retry`);
      await expect(claim("overlap-co", next, "google", "2026-11-01T03:05:00Z")).rejects.toThrow("is still running");
      await oldGoogle.release();
      expect((await claimed("overlap-co", next, "aws", "2026-11-01T03:06:00Z")).invocation).toBe(1);
      expect(await claim("overlap-co", old, "google", "2026-11-01T03:07:00Z")).toEqual({ outcome: "superseded" });
    });
  });

  it("S3ProviderStateStore keeps a tenant's provider state by name, apart from other tenants'", async () => {
    const mine = new S3ProviderStateStore(world.s3, world.bucket, "state-co");
    const theirs = new S3ProviderStateStore(world.s3, world.bucket, "other-co");
    expect(await mine.read("microsoft-delta")).toBeUndefined();
    await mine.write("microsoft-delta", { drives: { d1: "token-1" } });
    expect(await mine.read("microsoft-delta")).toEqual({ drives: { d1: "token-1" } });
    expect(await theirs.read("microsoft-delta")).toBeUndefined();
    await expect(mine.write("../escape", {})).rejects.toThrow(/invalid state name/);
  });

  describe("DynamoTicketStore", () => {
    const entry = (id: string, enqueuedAt: string, affected = 1): OutboxEntry => ({
      id, targetId: id.split("/")[0]!, deliveryId: `d-${id}-${affected}`, attempts: 0, enqueuedAt,
      update: {
        groupId: id.split("/")[1]!, grouping: "check", tenant: { id: T, name: "Example Co." },
        check: { id: "aws.s3.bucket_public", provider: "aws", severity: "critical", ipaItems: [8], title: { ja: "t", en: "t" }, detail: { ja: "d", en: "d" }, remediation: { steps: { ja: "s", en: "s" }, consolePath: { ja: "c", en: "c" } } },
        changes: [],
        affected: Array.from({ length: affected }, (_, i) => ({
          id: `f${i}`, resource: { uid: `arn:aws:s3:::bucket-${i}`, name: `bucket-${i}`, type: "AWS::S3::Bucket" },
          message: { ja: "このバケットは誰でも読めます。".repeat(4), en: "Anyone on the internet can read this bucket. ".repeat(4) },
        })),
        scan: { id: "s", at: enqueuedAt },
      },
    });
    let store: DynamoTicketStore;
    beforeEach(() => {
      store = new DynamoTicketStore(world.dynamodb, world.table);
    });

    it("keeps the outbox oldest first, replaces an entry by id and removes it", async () => {
      await store.putEntries("tk-co", [entry("redmine/g2", "2026-11-02T00:00:00Z"), entry("redmine/g1", "2026-11-01T00:00:00Z")]);
      await store.putEntries("tk-co", [{ ...entry("redmine/g2", "2026-11-02T00:00:00Z"), attempts: 3 }]);
      expect((await store.outbox("tk-co")).map((e) => [e.id, e.attempts])).toEqual([["redmine/g1", 0], ["redmine/g2", 3]]);
      await store.removeEntry("tk-co", "redmine/g1");
      expect((await store.outbox("tk-co")).map((e) => e.id)).toEqual(["redmine/g2"]);
    });

    it("stores an update listing thousands of failing resources, far past DynamoDB's 400 KB item limit as plain JSON", async () => {
      const big = entry("jira/big", "2026-11-01T00:00:00Z", 3000);
      expect(JSON.stringify(big).length).toBeGreaterThan(400 * 1024);
      await store.putEntries("big-co", [big]);
      expect(await store.outbox("big-co")).toEqual([big]);
    });

    it("enrols a target once, at the first time, and remembers each ticket's key", async () => {
      expect(await store.targetTickets("tk-co", "github")).toBeUndefined();
      await store.enroll("tk-co", "github", "2026-11-01T00:00:00Z");
      await store.enroll("tk-co", "github", "2026-11-09T00:00:00Z");
      const record = { key: "42", open: true, findings: ["f1"], unverified: [], deliveryId: "d1", updatedAt: "2026-11-01T01:00:00Z" };
      await store.putTicket("tk-co", "github", "g1", record);
      expect(await store.targetTickets("tk-co", "github")).toEqual({ enrolledAt: "2026-11-01T00:00:00Z", tickets: { g1: record } });
      // A ticket implies its target is enrolled.
      await store.putTicket("tk-co", "backlog", "g1", record);
      expect((await store.targetTickets("tk-co", "backlog"))!.enrolledAt).toBe(record.updatedAt);
    });
  });
});
