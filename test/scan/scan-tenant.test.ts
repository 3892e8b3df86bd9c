import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AWS_CHECKS } from "../../checks/aws/index.ts";
import { exampleCoTenant, SIMULATOR_CREDENTIALS } from "../../cli/example-co.ts";
import type { TenantConfig } from "../../config/schema.ts";
import { findingId } from "../../feed/finding-id.ts";
import { FEED_SCHEMA_VERSION, type Feed } from "../../feed/schema.ts";
import { isFeed } from "../../feed/validate.ts";
import { awsScanner } from "../../scan/aws-scanner.ts";
import type { ProviderScanner } from "../../scan/provider-scanner.ts";
import type { ScanProgress } from "../../scan/scan-steps.ts";
import { scanTenant } from "../../scan/scan-tenant.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";

const ROOT = "arn:aws:iam::123456789012:root";
const bucketArn = (name: string) => `arn:aws:s3:::${name}`;

let sim: AwsSimulator;
let data: string;
let store: FsFeedStore;
let tenant: TenantConfig;

beforeEach(async () => {
  sim = await startAwsSimulator({ account: exampleCoAccount() });
  data = await mkdtemp(join(tmpdir(), "cloud15-scan-"));
  store = new FsFeedStore(data);
  tenant = exampleCoTenant(sim.endpoint);
});
afterEach(async () => {
  await sim.stop();
  await rm(data, { recursive: true, force: true });
});

const scan = (extra: Partial<Parameters<typeof scanTenant>[0]> = {}) =>
  scanTenant({ tenant, store, credentials: { aws: SIMULATOR_CREDENTIALS }, ...extra });

function finding(feed: Feed, checkId: string, uid: string) {
  const found = feed.findings.find((f) => f.id === findingId("example-co", checkId, uid));
  if (!found) throw new Error(`no ${checkId} finding for ${uid}`);
  return found;
}

describe("scanTenant over the wire against the simulated Example Co. account", () => {
  it("collects, judges and stores a feed that is valid against the schema", async () => {
    const feed = await scan();
    expect(isFeed(feed)).toBe(true);
    expect(await store.latest("example-co")).toEqual({ feed });
    expect(feed.scan.providers).toEqual([expect.objectContaining({ provider: "aws", status: "ok", account: "123456789012", errors: [] })]);
    expect(feed.scan.providers[0]!.apiCalls.ListBuckets).toBe(1);
    expect(feed.scan.previousFeed).toEqual({ status: "missing" });
    // Account-level results are pinned on the account root, named for the owner.
    expect(finding(feed, "aws.iam.root_mfa", ROOT)).toMatchObject({
      status: "fail", state: "new", resource: { name: "AWS account 123456789012", type: "AWS::Account" },
    });
    // Every check of the provider ran and appears in the grid.
    const gridChecks = new Set(feed.items.flatMap((i) => i.checks));
    expect([...gridChecks].sort()).toEqual(AWS_CHECKS.map((c) => c.meta.id).sort());
  });

  it("keeps failures open on the next scan and resolves what was fixed or deleted in between", async () => {
    const first = await scan();
    const website = finding(first, "aws.s3.bucket_public", bucketArn("example-co-website"));

    const assets = sim.account.buckets.find((b) => b.name === "example-co-public-assets")!;
    assets.acl = [];
    sim.account.rootMfa = true;
    sim.account.buckets = sim.account.buckets.filter((b) => b.name !== "example-co-us-export");
    const second = await scan();

    expect(second.scan.previousFeed).toEqual({ status: "loaded", scanId: first.scan.id });
    expect(finding(second, "aws.s3.bucket_public", bucketArn("example-co-website")))
      .toMatchObject({ status: "fail", state: "open", firstSeen: website.firstSeen, lastSeen: second.scan.startedAt });
    expect(finding(second, "aws.s3.bucket_public", bucketArn("example-co-public-assets"))).toMatchObject({ status: "pass", state: "resolved" });
    expect(finding(second, "aws.iam.root_mfa", ROOT)).toMatchObject({ status: "pass", state: "resolved" });
    const gone = finding(second, "aws.s3.bucket_region", bucketArn("example-co-us-export"));
    expect(gone).toMatchObject({ status: "pass", state: "resolved" });
    expect(gone.evidence?.note).toMatch(/no longer exists/);
    expect(second.summary.resolved).toBeGreaterThanOrEqual(3);
  });

  it("keeps failures open, not resolved, when a denied operation stops their check", async () => {
    const first = await scan();
    const before = finding(first, "aws.s3.bucket_public", bucketArn("example-co-website"));
    sim.faults.push({ operation: "ListBuckets", kind: "AccessDenied" });
    const second = await scan();

    const carried = finding(second, "aws.s3.bucket_public", bucketArn("example-co-website"));
    expect(carried).toMatchObject({ status: "fail", state: "open", firstSeen: before.firstSeen, lastSeen: before.lastSeen });
    expect(carried.reason?.en).toMatch(/s3:ListAllMyBuckets/);
    expect(second.summary.resolved).toBe(0);
    expect(second.scan.providers[0]).toMatchObject({ status: "partial" });
    expect(second.scan.providers[0]!.errors).toContainEqual(expect.objectContaining({ operation: "ListBuckets", code: "AccessDenied" }));
    // The checks that did not need the bucket list still judged.
    expect(finding(second, "aws.iam.root_mfa", ROOT)).toMatchObject({ status: "fail", state: "open" });
  });

  it("sets a corrupt previous feed aside and still writes the new one", async () => {
    await mkdir(join(data, "example-co"), { recursive: true });
    await writeFile(join(data, "example-co", "feed.json"), "{ this is not json");
    store = new FsFeedStore(data, () => new Date("2026-11-05T01:02:03.004Z"));
    const feed = await scan();

    expect(feed.scan.previousFeed).toMatchObject({
      status: "set_aside",
      problem: expect.stringMatching(/not valid JSON/),
      setAsideTo: "example-co/feed.json.corrupt-2026-11-05T01-02-03.004Z",
    });
    expect(feed.findings.filter((f) => f.status === "fail").every((f) => f.state === "new")).toBe(true);
    expect(await readdir(join(data, "example-co"))).toEqual(expect.arrayContaining(["feed.json", "history", "feed.json.corrupt-2026-11-05T01-02-03.004Z"]));
    expect(isFeed(JSON.parse(await readFile(join(data, "example-co", "feed.json"), "utf8")))).toBe(true);
  });

  it("ends the provider unreachable and every check in error when the account cannot be reached on a first scan", async () => {
    sim.faults.push({ operation: "GetCallerIdentity", kind: "AccessDenied" });
    const feed = await scan();
    expect(feed.scan.providers[0]).toMatchObject({ provider: "aws", status: "unreachable" });
    expect(feed.scan.providers[0]!.stale).toBeUndefined();
    const results = feed.findings.filter((f) => f.provider === "aws");
    expect(new Set(results.map((f) => f.checkId))).toEqual(new Set(AWS_CHECKS.map((c) => c.meta.id)));
    expect(results.every((f) => f.status === "error" && f.resource.uid === "aws:tenant/example-co")).toBe(true);
    expect(results[0]!.reason?.en).toMatch(/GetCallerIdentity was refused \(AccessDenied\): check that the scanner.s credentials are valid/);
    expect(feed.summary.score).toBe(0);
  });

  it("turns every check of a provider that throws into error: none missing, none passing", async () => {
    const exploding: ProviderScanner<object> = {
      ...awsScanner,
      checks: AWS_CHECKS as ProviderScanner<object>["checks"],
      collect: async () => { throw new TypeError("collector bug"); },
    };
    const feed = await scan({ scanners: [exploding] });
    expect(feed.scan.providers).toEqual([expect.objectContaining({
      provider: "aws", status: "unreachable", errors: [{ operation: "collect aws", code: "TypeError", message: "collector bug" }],
    })]);
    expect(feed.findings).toHaveLength(AWS_CHECKS.length);
    expect(feed.findings.every((f) => f.status === "error")).toBe(true);
    expect(feed.items.filter((i) => i.checks.length > 0).every((i) => i.status === "error")).toBe(true);
    expect(isFeed(feed)).toBe(true);
  });

  describe("when the account cannot be reached after a scan that saw it", () => {
    const closedEndpoint = async () => {
      const closed = await startAwsSimulator({ account: exampleCoAccount() });
      await closed.stop();
      return closed.endpoint;
    };

    it.each([
      ["its endpoint is closed", async () => { tenant = exampleCoTenant(await closedEndpoint()); }],
      ["it refuses the scanner's credentials", async () => { sim.faults.push({ operation: "GetCallerIdentity", kind: "AccessDenied" }); }],
    ])("keeps the previous verdicts, marked stale, when %s: nothing resolved, the score unchanged", async (_case, breakIt) => {
      const first = await scan();
      await breakIt();
      const second = await scan();

      const aws = second.scan.providers[0]!;
      expect(aws).toMatchObject({ provider: "aws", status: "unreachable", stale: { since: first.scan.startedAt } });
      expect(aws.stale!.reason.en.length).toBeGreaterThan(0);
      const strip = ({ stale: _stale, ...rest }: Feed["findings"][number]) => rest;
      expect(second.findings.every((f) => f.stale === true)).toBe(true);
      // Unchanged but for the lifecycle: what the first scan called new is open now, not new again.
      expect(second.findings.map(strip)).toEqual(first.findings.map((f) => (f.state === "new" ? { ...f, state: "open" } : f)));
      expect(first.summary.new).toBeGreaterThan(0);
      expect(second.summary).toEqual({ ...first.summary, new: 0, open: first.summary.open + first.summary.new });
      expect(second.summary.score).toBeGreaterThan(0);
      expect(second.items).toEqual(first.items);
      expect(await store.latest("example-co")).toEqual({ feed: second });
      // The history's newest point is the last known score, not a drop to 0.
      expect((await store.history("example-co")).map((f) => f.summary.score)).toEqual([first.summary.score, first.summary.score]);
    });

    it("keeps the time of the last scan that saw it over several failed scans, then judges afresh once reached", async () => {
      const first = await scan();
      const workingEndpoint = sim.endpoint;
      tenant = exampleCoTenant(await closedEndpoint());
      await scan();
      const third = await scan();
      expect(third.scan.providers[0]!.stale!.since).toBe(first.scan.startedAt);
      expect(finding(third, "aws.iam.root_mfa", ROOT)).toMatchObject({ status: "fail", state: "open", lastSeen: first.scan.startedAt, stale: true });

      tenant = exampleCoTenant(workingEndpoint);
      sim.account.rootMfa = true;
      const back = await scan();
      expect(back.scan.providers[0]!.stale).toBeUndefined();
      expect(back.findings.some((f) => f.stale)).toBe(false);
      expect(finding(back, "aws.iam.root_mfa", ROOT)).toMatchObject({ status: "pass", state: "resolved", lastSeen: back.scan.startedAt });
    });
  });

  it("reads a previous feed written before schema 1.1 as the previous feed, not as a corrupt one", async () => {
    const first = await scan();
    await writeFile(join(data, "example-co", "feed.json"), JSON.stringify({ ...first, schemaVersion: "1.0" }));
    const second = await scan();
    expect(second.scan.previousFeed).toEqual({ status: "loaded", scanId: first.scan.id });
    expect(second.schemaVersion).toBe(FEED_SCHEMA_VERSION);
    expect(second.summary.new).toBe(0);
  });

  it("reports progress for each provider step", async () => {
    const events: ScanProgress[] = [];
    await scan({ onProgress: (e) => events.push(e) });
    expect(new Set(events.map((e) => e.step))).toEqual(new Set(["account", "s3 buckets", "iam"]));
    expect(events.every((e) => e.tenantId === "example-co" && e.provider === "aws")).toBe(true);
    const buckets = events.filter((e) => e.step === "s3 buckets");
    expect(buckets.at(-1)).toMatchObject({ done: 10, total: 10 });
  });

  it("judges by the tenant's own policy and shows its attestations", async () => {
    tenant = {
      ...tenant,
      policy: { allowedRegions: ["ap-northeast-1", "ap-northeast-3", "us-east-1"] },
      attestations: { "5": { answer: "done", date: "2026-10-01", note: "ISMAP 登録を確認" } },
    };
    const feed = await scan();
    expect(finding(feed, "aws.s3.bucket_region", bucketArn("example-co-us-export")).status).toBe("pass");
    expect(feed.items.find((i) => i.number === 5)).toMatchObject({ status: "pass", attestation: { answer: "done" } });
  });

  it("writes an all-manual feed for a tenant with no provider configured", async () => {
    const feed = await scanTenant({ tenant: { id: "paper-co", name: "Paper Co." }, store });
    expect(feed.findings).toEqual([]);
    expect(feed.items.every((i) => i.status === "manual")).toBe(true);
    expect(feed.summary.scoreNote?.en).toMatch(/Nothing could be checked/);
  });
});
