import { afterEach, describe, expect, it } from "vitest";
import { collectAwsFacts } from "../../../providers/aws/collect.ts";
import type { BucketFacts } from "../../../providers/aws/facts.ts";
import { exampleCoAccount } from "../../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../../simulator/aws/server.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";

const CREDENTIALS = { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" };

let sim: AwsSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(faults: AwsFault[] = []) {
  sim = await startAwsSimulator({ account: exampleCoAccount(), faults });
  const collection = await collectAwsFacts({ region: "ap-northeast-1", endpoint: sim.endpoint }, "example-co", {
    credentials: CREDENTIALS,
    reportPollDelaysMs: [20, 40, 80, 160],
  });
  const buckets = collection.facts.buckets.ok ? collection.facts.buckets.value : [];
  const bucket = (name: string): BucketFacts => buckets.find((b) => b.name === name)!;
  return { collection, bucket, results: runAwsChecks(collection.facts), calls: sim.calls };
}

describe("AWS calls the bucket facts already make unnecessary", () => {
  it("takes every bucket's region from ListBuckets and calls GetBucketLocation for none", async () => {
    const { bucket, calls, results } = await scan();
    expect(calls.GetBucketLocation).toBeUndefined();
    expect(bucket("example-co-us-export").region).toEqual({ ok: true, value: "us-east-1" });
    expect(statusOf(results, "aws.s3.bucket_region", "example-co-us-export")).toBe("fail");
  });

  it("reads no replication for a bucket that was never versioned, and still fails its backup", async () => {
    const { bucket, calls, results } = await scan();
    expect(bucket("example-co-us-export").replication).toEqual({ ok: true, value: null });
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-us-export")).toBe("fail");
    // Versioned and not covered by AWS Backup: hr-archive, design (replicated), design-replica.
    expect(calls.GetBucketReplication).toBe(3);
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-design")).toBe("pass");
  });

  it("reads replication after all when the versioning state could not be read", async () => {
    const { bucket, calls, results } = await scan([{ operation: "GetBucketVersioning", kind: "AccessDenied", bucket: "example-co-us-export" }]);
    expect(calls.GetBucketReplication).toBe(4);
    expect(bucket("example-co-us-export").replication).toEqual({ ok: true, value: null });
    expect(bucket("example-co-us-export").versioning.ok).toBe(false);
    expect(statusOf(results, "aws.s3.bucket_versioning", "example-co-us-export")).toBe("error");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-us-export")).toBe("fail");
  });

  it("asks S3's policy status only for a policy its own reading finds private", async () => {
    const { bucket, calls, results } = await scan();
    expect(bucket("example-co-website").policyStatus).toBeUndefined();
    expect(bucket("example-co-partner-share").policyStatus).toBeDefined();
    expect(calls.GetBucketPolicyStatus).toBe(1);
    expect(statusOf(results, "aws.s3.bucket_public", "example-co-website")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_public", "example-co-partner-share")).toBe("pass");
  });
});
