import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectAwsFacts } from "../../../providers/aws/collect.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";
import { motoAvailable, startMoto, type Moto } from "../../support/moto.ts";
import { SEED_CREDENTIALS, seedSmallCompany } from "../../support/seed-moto.ts";

describe.skipIf(!motoAvailable())("bucket regions where ListBuckets sends no BucketRegion (moto_server)", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
    await seedSmallCompany(moto.endpoint);
  });
  afterAll(async () => { await moto?.stop(); });

  it("places the home region's buckets with one filtered listing and asks GetBucketLocation only for the others", async () => {
    const { facts, apiCalls } = await collectAwsFacts({ region: "ap-northeast-1", endpoint: moto.endpoint }, "acme", {
      credentials: SEED_CREDENTIALS, reportPollDelaysMs: [50, 100, 200, 400], tuning: { maxAttempts: 2 },
    });
    const buckets = facts.buckets.ok ? facts.buckets.value : [];
    const regions = Object.fromEntries(buckets.map((b) => [b.name, b.region]));
    expect(regions).toEqual({
      "acme-office-only": { ok: true, value: "ap-northeast-1" },
      "acme-private": { ok: true, value: "ap-northeast-1" },
      "acme-public-acl": { ok: true, value: "ap-northeast-1" },
      "acme-public-policy": { ok: true, value: "ap-northeast-1" },
      "acme-virginia": { ok: true, value: "us-east-1" },
    });
    // The listing, the home region's, and the control for a region that cannot exist.
    expect(apiCalls.ListBuckets).toBe(3);
    expect(apiCalls.GetBucketLocation).toBe(1);
    const results = runAwsChecks(facts);
    expect(statusOf(results, "aws.s3.bucket_region", "acme-virginia")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_region", "acme-private")).toBe("pass");
  });
});
