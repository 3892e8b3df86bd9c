import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { exampleCoTenant, SIMULATOR_CREDENTIALS } from "../../../cli/example-co.ts";
import { serviceFamily } from "../../../providers/aws/caller.ts";
import { collectAwsFacts } from "../../../providers/aws/collect.ts";
import { AWS_OPERATION_PERMISSIONS, type AwsOperation } from "../../../providers/aws/permissions.ts";
import { DEFAULT_FAMILY_BOUNDS, FAMILY_BOUNDS, isThrottle, ServiceConcurrency } from "../../../providers/aws/service-concurrency.ts";
import { exampleCoAccount } from "../../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../../simulator/aws/server.ts";
import { scanTenant } from "../../../scan/scan-tenant.ts";
import { FsFeedStore } from "../../../store/fs-feed-store.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";

const CREDENTIALS = { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" };

let sim: AwsSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(faults: AwsFault[] = [], concurrency?: number) {
  sim = await startAwsSimulator({ account: exampleCoAccount(), faults });
  const collection = await collectAwsFacts({ region: "ap-northeast-1", endpoint: sim.endpoint }, "example-co", {
    credentials: CREDENTIALS,
    reportPollDelaysMs: [20, 40, 80, 160],
    ...(concurrency ? { concurrency } : {}),
  });
  return { collection, results: runAwsChecks(collection.facts) };
}

/** Runs `n` tasks of `ms` each through a family's queue and returns the most that ran at once. */
async function mostAtOnce(limits: ServiceConcurrency, family: string, n: number, ms: number): Promise<number> {
  let running = 0;
  let most = 0;
  const queue = limits.family(family).queue;
  await Promise.all(Array.from({ length: n }, () => queue.add(async () => {
    most = Math.max(most, ++running);
    await sleep(ms);
    running--;
    limits.family(family).succeeded();
  })));
  return most;
}

describe("concurrency per AWS service family", () => {
  it("starts S3 wide and IAM low, and reports both in the collection", async () => {
    const { collection } = await scan();
    expect(collection.limits.s3).toMatchObject({ start: 64, ceiling: 64, lowest: 64, throttled: 0 });
    expect(collection.limits.iam).toMatchObject({ start: FAMILY_BOUNDS.iam!.start, throttled: 0 });
    expect(collection.limits.iam!.highest).toBeLessThanOrEqual(FAMILY_BOUNDS.iam!.ceiling);
  });

  it("halves S3's limit when S3 answers SlowDown, leaves IAM's alone, and still reaches the verdicts", async () => {
    const { collection, results } = await scan([{ operation: "GetBucketVersioning", kind: "SlowDown", times: 2 }]);
    expect(collection.errors).toEqual([]);
    expect(collection.limits.s3).toMatchObject({ start: 64, lowest: 32, throttled: 2 });
    expect(collection.limits.iam!.throttled).toBe(0);
    expect(collection.limits.iam!.lowest).toBe(FAMILY_BOUNDS.iam!.start);
    expect(statusOf(results, "aws.s3.bucket_versioning", "example-co-invoices")).toBe("pass");
  });

  it("halves IAM's limit on Throttling (HTTP 400), not S3's", async () => {
    const { collection, results } = await scan([{ operation: "GetAccountSummary", kind: "Throttling", times: 1 }]);
    expect(collection.errors).toEqual([]);
    expect(collection.limits.iam).toMatchObject({ lowest: 1, throttled: 1 });
    expect(collection.limits.s3!.throttled).toBe(0);
    expect(statusOf(results, "aws.iam.root_mfa")).not.toBe("error");
  });

  it("halves the limit of CloudTrail, Access Analyzer, Macie, Account and Support when each throttles once, and still reaches the verdicts", async () => {
    const throttledOnce = ["DescribeTrails", "ListAnalyzers", "GetMacieSession", "GetAlternateContact", "DescribeSeverityLevels"];
    const { collection, results } = await scan(throttledOnce.map((operation): AwsFault => ({ operation, kind: "Throttling", times: 1 })));
    expect(collection.errors).toEqual([]);
    for (const family of ["cloudtrail", "access-analyzer", "macie2", "account", "support"]) {
      expect(collection.limits[family], family).toMatchObject({ start: 8, lowest: 4, throttled: 1 });
    }
    expect(collection.limits.s3!.throttled).toBe(0);
    expect(statusOf(results, "aws.cloudtrail.multi_region_logging")).toBe("fail");
    expect(statusOf(results, "aws.support.plan")).toBe("manual");
  });

  it("observes every client the scan makes under the family that limits its calls: one throttle per operation halves every family", async () => {
    const operations = Object.keys((await scan()).collection.apiCalls) as AwsOperation[];
    await sim!.stop();
    const { collection } = await scan(operations.map((operation): AwsFault => ({ operation, kind: "Throttling", times: 1 })));
    expect(collection.errors).toEqual([]);
    // No family is observed under a name other than the one its calls are limited by.
    expect(Object.keys(collection.limits).sort()).toEqual([...new Set(operations.map(serviceFamily))].sort());
    for (const [family, report] of Object.entries(collection.limits)) {
      expect(report.throttled, family).toBeGreaterThan(0);
      expect(report.lowest, family).toBeLessThan(report.start);
    }
  });

  it("reports the limits each family reached in the feed's scan of the provider", async () => {
    sim = await startAwsSimulator({ account: exampleCoAccount(), faults: [{ operation: "ListAnalyzers", kind: "Throttling", times: 1 }] });
    const data = await mkdtemp(join(tmpdir(), "cloud15-limits-"));
    try {
      const feed = await scanTenant({ tenant: exampleCoTenant(sim.endpoint), store: new FsFeedStore(data), credentials: { aws: SIMULATOR_CREDENTIALS } });
      const [aws] = feed.scan.providers;
      expect(aws!.concurrency!["access-analyzer"]).toMatchObject({ start: 8, lowest: 4, throttled: 1 });
      expect(aws!.concurrency!.s3).toMatchObject({ start: 64, throttled: 0 });
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });

  it("keeps every family at or below the --concurrency cap", async () => {
    const { collection } = await scan([], 3);
    for (const report of Object.values(collection.limits)) {
      expect(report.ceiling).toBeLessThanOrEqual(3);
      expect(report.highest).toBeLessThanOrEqual(3);
    }
  });

  it("never runs more calls at once than the limit, halves once per throttle episode and grows back by one a window", async () => {
    const limits = new ServiceConcurrency();
    expect(await mostAtOnce(limits, "s3", 200, 5)).toBe(64);
    limits.attemptFailed("s3", Object.assign(new Error("Please reduce your request rate."), { name: "SlowDown" }));
    limits.attemptFailed("s3", Object.assign(new Error("Please reduce your request rate."), { name: "SlowDown" }));
    expect(limits.report().s3).toMatchObject({ final: 32, lowest: 32, throttled: 2 });
    expect(await mostAtOnce(limits, "s3", 100, 5)).toBeLessThanOrEqual(34);
    // 32 successes make one window: the limit grows by one, not back to 64 at once.
    expect(limits.report().s3!.final).toBeGreaterThan(32);
    expect(limits.report().s3!.final).toBeLessThan(40);
  });

  it("gives a service it does not know the default bounds, by the prefix of its IAM action", () => {
    const limits = new ServiceConcurrency();
    expect(limits.family("ec2").queue.concurrency).toBe(DEFAULT_FAMILY_BOUNDS.start);
    expect(serviceFamily("GetBucketAcl")).toBe("s3");
    expect(serviceFamily("GetAccountPublicAccessBlock")).toBe("s3");
    expect(serviceFamily("GetCredentialReport")).toBe("iam");
    expect(serviceFamily("GetCallerIdentity")).toBe("sts");
    for (const op of Object.keys(AWS_OPERATION_PERMISSIONS) as AwsOperation[]) expect(serviceFamily(op)).toMatch(/^[a-z0-9-]+$/);
  });

  it("takes throttling from the error code or from HTTP 429 and 503, and nothing else", () => {
    const status = (code: number) => ({ name: "Unknown", $metadata: { httpStatusCode: code } });
    for (const name of ["SlowDown", "Throttling", "ThrottlingException", "TooManyRequestsException"]) expect(isThrottle({ name })).toBe(true);
    expect(isThrottle(status(429))).toBe(true);
    expect(isThrottle(status(503))).toBe(true);
    expect(isThrottle({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } })).toBe(false);
    expect(isThrottle(status(500))).toBe(false);
  });
});
