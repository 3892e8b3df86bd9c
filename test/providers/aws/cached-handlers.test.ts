import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { collectAwsFacts, type CollectOptions } from "../../../providers/aws/collect.ts";
import { exampleCoAccount, largeAccount } from "../../../simulator/aws/example-co.ts";
import type { SimAwsAccount } from "../../../simulator/aws/model.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../../simulator/aws/server.ts";

const CREDENTIALS = { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" };
const FAST: CollectOptions = { credentials: CREDENTIALS, reportPollDelaysMs: [20, 40, 80, 160] };

let sim: AwsSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function collect(account: SimAwsAccount, opts: { faults?: AwsFault[]; latencyMs?: number; collect?: CollectOptions } = {}) {
  sim = await startAwsSimulator({ account, faults: opts.faults, latencyMs: opts.latencyMs });
  return collectAwsFacts({ region: "ap-northeast-1", endpoint: sim.endpoint, regions: ["ap-northeast-1"] }, "bench", { ...FAST, ...opts.collect });
}

/**
 * Each SDK client resolves a command's middleware once and shares that handler among the calls
 * of the command (cacheMiddleware), so the calls in flight together share one handler context.
 */
describe("AWS calls on cached SDK handlers", () => {
  it("reads each bucket's own answer while dozens of calls of one command are in flight on one client", async () => {
    const account = largeAccount({ buckets: 300, users: 3 });
    const collection = await collect(account, { latencyMs: 5 });
    expect(collection.limits.s3!.highest).toBeGreaterThanOrEqual(32);
    const facts = collection.facts.buckets.ok ? collection.facts.buckets.value : [];
    expect(facts).toHaveLength(300);
    for (const truth of account.buckets) {
      const bucket = facts.find((b) => b.name === truth.name)!;
      expect(bucket.versioning, truth.name).toEqual({ ok: true, value: truth.versioning ?? "Disabled" });
      expect(Boolean(bucket.publicAccessBlock?.ok && bucket.publicAccessBlock.value?.restrictPublicBuckets), truth.name).toBe(Boolean(truth.publicAccessBlock));
      const publicGrant = bucket.acl?.ok && bucket.acl.value.some((g) => g.grantee === "http://acs.amazonaws.com/groups/global/AllUsers");
      expect(Boolean(publicGrant), truth.name).toBe(truth.acl.length > 0);
      expect(Boolean(bucket.policy?.ok && bucket.policy.value !== null), truth.name).toBe(truth.policy !== undefined);
    }
  });

  it("signs each bucket's reads for its own region while each client reuses its signer (no bucket in Osaka or us-east-1 redirected)", async () => {
    const account = exampleCoAccount();
    // The regions the bucket reads must be signed for, each more than once on its client.
    expect(new Set(account.buckets.map((b) => b.region)).size).toBeGreaterThanOrEqual(3);
    const collection = await collect(account, { collect: { ...FAST, concurrency: 2 } });
    const facts = collection.facts.buckets.ok ? collection.facts.buckets.value : [];
    expect(facts).toHaveLength(account.buckets.length);
    for (const truth of account.buckets) {
      const bucket = facts.find((b) => b.name === truth.name)!;
      expect(bucket.region, truth.name).toEqual({ ok: true, value: truth.region });
      expect(bucket.versioning, truth.name).toEqual({ ok: true, value: truth.versioning ?? "Disabled" });
    }
    expect(collection.errors.filter((e) => e.code === "PermanentRedirect")).toEqual([]);
  }, 60_000);

  it("ends the attempt in flight at the call's deadline, so the SDK makes no further attempts after it", async () => {
    const account = largeAccount({ buckets: 3, users: 3 });
    const hung = account.buckets[1]!.name;
    // Counts the hung bucket's calls by itself: on a busy machine the other buckets' calls may
    // take over 1 s too, and are rightly tried again.
    const HUNG_CALLS = 1_000;
    const hungBucket: AwsFault = { operation: "GetBucketVersioning", kind: "Hang", bucket: hung, times: HUNG_CALLS };
    const collection = await collect(account, {
      faults: [{ operation: "GetAccountPasswordPolicy", kind: "Hang" }, hungBucket],
      collect: { ...FAST, tuning: { maxAttempts: 4, requestTimeoutMs: 1_000, operationBudgetMs: 1_500 } },
    });
    expect(collection.errors).toContainEqual(expect.objectContaining({ operation: "GetAccountPasswordPolicy", code: "OperationTimeout" }));
    expect(collection.errors).toContainEqual(expect.objectContaining({ operation: "GetBucketVersioning", code: "OperationTimeout" }));
    // Left to itself the SDK would go on to 4 attempts of 1 s each, the last ending after 4 s.
    await sleep(4_000);
    expect(sim!.calls.GetAccountPasswordPolicy).toBeLessThanOrEqual(2);
    expect(HUNG_CALLS - hungBucket.times!).toBeLessThanOrEqual(2);
  });
});
