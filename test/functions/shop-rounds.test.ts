import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantConfig } from "../../config/schema.ts";
import type { Feed } from "../../feed/schema.ts";
import { createDispatchHandler } from "../../functions/dispatch.ts";
import { handler as scanAws } from "../../functions/scan-aws.ts";
import type { ScanMessage } from "../../functions/scan-message.ts";
import { createScanHandler, type ScanSummary } from "../../functions/scan.ts";
import { siteScanner } from "../../scan/site-scanner.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { exampleCoSites } from "../../simulator/site/example-co.ts";
import { startSimulatedShop, type SimulatedShop } from "../../simulator/site/server.ts";
import { DynamoFindingState } from "../../store/dynamo-finding-state.ts";
import { S3FeedStore } from "../../store/s3-feed-store.ts";
import { motoAvailable } from "../support/moto.ts";
import { lambdaContext, latestFeedIn, scanRound, startLambdaWorld, type LambdaWorld } from "./lambda-world.ts";

const FULL_TIME = lambdaContext(900_000);

let world: LambdaWorld;
let sim: AwsSimulator;
let shop: SimulatedShop;
let store: S3FeedStore;
let siteFunction: ReturnType<typeof createScanHandler>;
/** The shop function; the packaged test runs the real one, trusting the shop's CA through NODE_EXTRA_CA_CERTS, which a running process cannot take up. */
const scanSite = (message: ScanMessage, context: typeof FULL_TIME): Promise<ScanSummary[]> => siteFunction(message, context);

const round = scanRound;
const latestFeed = (tenantId: string) => latestFeedIn(store, tenantId);

/** 2026-12-07 is a Monday; Japan is UTC+9. */
const jst = (day: number, hour: number) => new Date(Date.UTC(2026, 11, day, hour - 9));

describe.runIf(motoAvailable())("the online shop's rounds on Lambda, beside the clouds' nightly round", () => {
  let tenant: TenantConfig;

  beforeAll(async () => {
    world = await startLambdaWorld();
    store = new S3FeedStore({ s3: world.s3, bucket: world.bucket, findingState: new DynamoFindingState(world.dynamodb, world.table) });
    sim = await startAwsSimulator({ account: { ...exampleCoAccount(), requiredExternalId: "ext-shop-co" } });
    shop = await startSimulatedShop();
    tenant = {
      id: "shop-co",
      name: "Shop Co.",
      aws: { region: "ap-northeast-1", endpoint: sim.endpoint, roleArn: "arn:aws:iam::123456789012:role/cloud15-readonly", externalId: "ext-shop-co" },
      sites: exampleCoSites(shop),
    };
    await world.uploadConfig({ tenants: [tenant] });
    siteFunction = createScanHandler(
      { ...siteScanner, collect: (t, request) => siteScanner.collect(t, { ...request, render: false, credentials: { site: { caCertificatePem: shop.caCertificatePem } } }) },
      { s3: world.s3, dynamodb: world.dynamodb, sqs: world.sqs, bucket: world.bucket, table: world.table, scanQueueUrl: world.scanQueueUrls.site },
    );
  });
  afterAll(async () => {
    await Promise.all([sim?.stop(), shop?.stop()]);
    await world?.stop();
  });

  const dispatchAt = (now: Date) => createDispatchHandler({ s3: world.s3, sqs: world.sqs, bucket: world.bucket, scanQueueUrls: world.scanQueueUrls, now: () => now });

  it("a shop round gives way to the tenant's unfinished nightly round instead of replacing it, and the night's feed is still built", async () => {
    expect(await scanAws(round("shop-co", ["aws"]), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "stored" })]);
    const nightly = round("shop-co", ["aws", "site"]);
    // AWS is saved; the round waits for its shop part, which has not run yet.
    expect(await scanAws(nightly, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "saved" })]);
    const hourly = { ...round("shop-co", ["site"]), startedAt: new Date(Date.now() + 1_000).toISOString() };
    expect(await scanSite(hourly, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "deferred" })]);
    // The nightly round was not replaced: its shop part completes it.
    expect(await scanSite(nightly, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "stored", scanId: nightly.scanId })]);
    expect((await latestFeed("shop-co")).scan.providers.map((p) => [p.provider, p.status, p.lastScan])).toEqual([
      ["aws", "ok", undefined], ["site", "ok", undefined],
    ]);
  });

  it("a shop round alone carries the clouds' last findings: not stale, not resolved", async () => {
    const before = await latestFeed("shop-co");
    expect(await scanSite(round("shop-co", ["site"]), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "stored" })]);
    const feed = await latestFeed("shop-co");
    const aws = (f: Feed) => f.findings.filter((x) => x.provider === "aws");
    expect(aws(feed)).toEqual(aws(before));
    expect(feed.scan.providers[0]).toEqual({ ...before.scan.providers[0], lastScan: { id: before.scan.id, startedAt: before.scan.startedAt } });
    expect(feed.summary.byStatus.fail).toBe(before.summary.byStatus.fail);
    expect(feed.summary.resolved).toBe(0);
  });

  it("a cloud problem the night found is new in the night's feed only: the shop's hours after it carry it as open", async () => {
    const nightCo: TenantConfig = { ...tenant, id: "night-co" };
    await world.uploadConfig({ tenants: [tenant, nightCo] });
    try {
      const nightly = round("night-co", ["aws", "site"]);
      expect(await scanAws(nightly, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "saved" })]);
      expect(await scanSite(nightly, FULL_TIME)).toEqual([expect.objectContaining({ outcome: "stored" })]);
      const night = await latestFeedIn(store, "night-co");
      const failingAws = (f: Feed) => f.findings.filter((x) => x.provider === "aws" && x.status === "fail");
      expect(failingAws(night).length).toBeGreaterThan(0);
      expect(failingAws(night).every((f) => f.state === "new")).toBe(true);

      expect(await scanSite(round("night-co", ["site"]), FULL_TIME)).toEqual([expect.objectContaining({ outcome: "stored" })]);
      const hour = await latestFeedIn(store, "night-co");
      expect(failingAws(hour)).toEqual(failingAws(night).map((f) => ({ ...f, state: "open" })));
      // The shop too was found the night before: nothing is new this hour.
      expect(hour.summary).toMatchObject({ new: 0, resolved: 0, open: night.summary.new + night.summary.open });
      const states = await new DynamoFindingState(world.dynamodb, world.table).list("night-co");
      expect(states.filter((s) => s.provider === "aws").map((s) => s.state)).toEqual(failingAws(hour).map(() => "open"));
    } finally {
      await world.uploadConfig({ tenants: [tenant] });
    }
  });

  it("dispatch sends the hourly round only to the shop's queue, for each tenant whose pages are due", async () => {
    const daily: TenantConfig = { ...tenant, id: "daily-co", sites: tenant.sites!.map((s) => ({ ...s, schedule: "daily" as const })) };
    const weekly: TenantConfig = { ...tenant, id: "weekly-co", sites: tenant.sites!.map((s) => ({ ...s, schedule: "weekly" as const })) };
    const cloudOnly: TenantConfig = { id: "cloud-co", name: "Cloud Co.", aws: tenant.aws! };
    await world.uploadConfig({ tenants: [tenant, daily, weekly, cloudOnly] });
    try {
      const hourly = { providers: ["site" as const] };
      // Tuesday 15:00 in Japan: only the hourly shop. Noon: the daily one too. Monday noon: all three.
      expect(await dispatchAt(jst(8, 15))(hourly)).toEqual({ queued: ["shop-co"], skipped: [] });
      expect(await dispatchAt(jst(8, 12))(hourly)).toEqual({ queued: ["shop-co", "daily-co"], skipped: [] });
      expect(await dispatchAt(jst(7, 12))(hourly)).toEqual({ queued: ["shop-co", "daily-co", "weekly-co"], skipped: [] });
      const queued = await world.drainScanQueues();
      expect(new Set(queued.map((q) => q.provider))).toEqual(new Set(["site"]));
      expect(queued.every((q) => JSON.stringify((q.body as ScanMessage).providers) === '["site"]')).toBe(true);

      // The nightly round: the clouds only, the shop left to its own schedule.
      expect(await dispatchAt(jst(8, 3))({ providers: ["aws", "microsoft", "google"] })).toEqual({
        queued: ["shop-co", "daily-co", "weekly-co", "cloud-co"], skipped: [],
      });
      const night = await world.drainScanQueues();
      expect(night.map((q) => [q.provider, (q.body as ScanMessage).providers])).toEqual(night.map(() => ["aws", ["aws"]]));

      // A direct invoke for one tenant scans it now, whatever its schedule.
      expect(await dispatchAt(jst(8, 15))({ tenantId: "weekly-co" })).toEqual({ queued: ["weekly-co"], skipped: [] });
      expect((await world.drainScanQueues()).map((q) => [q.provider, (q.body as ScanMessage).providers]).sort())
        .toEqual([["aws", ["aws", "site"]], ["site", ["aws", "site"]]]);

      await expect(dispatchAt(jst(8, 15))({ providers: ["shop" as never] })).rejects.toThrow('providers must be a list of aws, microsoft, google, site, not ["shop"]');
    } finally {
      await world.uploadConfig({ tenants: [tenant] });
    }
  });
});
