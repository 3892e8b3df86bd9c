import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Feed } from "../../feed/schema.ts";
import { DynamoFindingState } from "../../store/dynamo-finding-state.ts";
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
  });

  describe("DynamoScanCheckpoints", () => {
    let checkpoints: DynamoScanCheckpoints;
    const at = (iso: string) => new Date(iso);
    beforeEach(() => {
      checkpoints = new DynamoScanCheckpoints({ ddb: world.dynamodb, table: world.table, s3: world.s3, bucket: world.bucket });
    });
    const claim = (tenantId: string, now: string, scanId?: string) => checkpoints.claim({
      tenantId, now: at(now), leaseUntil: new Date(at(now).getTime() + 900_000), maxAgeMs: 6 * 3_600_000, ...(scanId ? { scanId } : {}),
    });

    it("hands a released scan to the next claim with what it saved, and refuses a claim while the lease runs", async () => {
      const first = (await claim("cp-co", "2026-11-01T03:00:00Z"))!;
      expect(first.invocation).toBe(1);
      expect(await claim("cp-co", "2026-11-01T03:01:00Z")).toBeUndefined();
      await first.saveRun("aws", { scan: { provider: "aws", status: "ok", startedAt: "x", finishedAt: "y", apiCalls: {}, errors: [] }, checks: [] });
      await first.release();
      const second = (await claim("cp-co", "2026-11-01T03:14:00Z", first.scanId))!;
      expect([second.scanId, second.invocation, second.startedAt]).toEqual([first.scanId, 2, first.startedAt]);
      expect([...second.done.keys()]).toEqual(["aws"]);
      // The first invocation lost the scan: it can no longer change it.
      await expect(first.saveRun("google", { scan: { provider: "google", status: "ok", startedAt: "x", finishedAt: "y", apiCalls: {}, errors: [] }, checks: [] })).rejects.toThrow();
      await second.complete();
      // A continuation of a finished scan finds nothing to do.
      expect(await claim("cp-co", "2026-11-01T03:20:00Z", first.scanId)).toBeUndefined();
    });

    it("starts over rather than resume a checkpoint older than the maximum age", async () => {
      const old = (await claim("stale-co", "2026-11-01T03:00:00Z"))!;
      await old.release();
      const fresh = (await claim("stale-co", "2026-11-01T12:00:00Z"))!;
      expect(fresh.scanId).not.toBe(old.scanId);
      expect([fresh.invocation, fresh.done.size]).toEqual([1, 0]);
      await fresh.complete();
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
