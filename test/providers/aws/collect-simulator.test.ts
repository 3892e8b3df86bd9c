import { afterEach, describe, expect, it } from "vitest";
import { collectAwsFacts, type CollectOptions } from "../../../providers/aws/collect.ts";
import { exampleCoAccount } from "../../../simulator/aws/example-co.ts";
import type { SimAwsAccount } from "../../../simulator/aws/model.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../../simulator/aws/server.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";

const CREDENTIALS = { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" };
const FAST: CollectOptions = { credentials: CREDENTIALS, reportPollDelaysMs: [20, 40, 80, 160] };

let sim: AwsSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(opts: { account?: SimAwsAccount; faults?: AwsFault[]; collect?: CollectOptions; roleArn?: string; externalId?: string } = {}) {
  sim = await startAwsSimulator({ account: opts.account ?? exampleCoAccount(), faults: opts.faults });
  const aws = { region: "ap-northeast-1", endpoint: sim.endpoint, roleArn: opts.roleArn, externalId: opts.externalId };
  const collection = await collectAwsFacts(aws, "example-co", { ...FAST, ...opts.collect });
  return { collection, results: runAwsChecks(collection.facts) };
}

describe("AWS provider against the simulator", () => {
  it("finds the demo company's backup coverage by ARN and by tag, and its gaps", async () => {
    const { results } = await scan();
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-invoices")).toBe("pass");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-logs")).toBe("pass");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-us-export")).toBe("fail");
    expect(statusOf(results, "aws.backup.plan_exists")).toBe("pass");
  });

  it("skips replication for buckets AWS Backup covers and reads tags only where a selection needs them", async () => {
    const { collection } = await scan();
    const buckets = collection.facts.buckets.ok ? collection.facts.buckets.value : [];
    const invoices = buckets.find((b) => b.name === "example-co-invoices")!;
    expect(invoices.replication).toBeUndefined();
    expect(collection.apiCalls.GetBucketReplication).toBeLessThan(buckets.length);
  });

  it("fails an account with no backup plan at all", async () => {
    const account = exampleCoAccount();
    account.backup = {};
    const { results } = await scan({ account });
    expect(statusOf(results, "aws.backup.plan_exists")).toBe("fail");
  });

  it("retries throttled calls with backoff and still reaches a verdict", async () => {
    const { collection, results } = await scan({ faults: [{ operation: "GetBucketAcl", kind: "SlowDown", times: 2 }] });
    expect(collection.errors).toEqual([]);
    expect(statusOf(results, "aws.s3.bucket_public", "example-co-public-assets")).toBe("fail");
    expect(sim!.calls.GetBucketAcl).toBeGreaterThan(collection.apiCalls.GetBucketAcl!);
  });

  it("ends in error, not pass, for a tenant that stays throttled", async () => {
    const { collection, results } = await scan({
      faults: [{ operation: "GetAccountSummary", kind: "Throttling" }],
      collect: { ...FAST, tuning: { maxAttempts: 3 } },
    });
    expect(collection.errors).toContainEqual(expect.objectContaining({ operation: "GetAccountSummary", code: "Throttling" }));
    expect(statusOf(results, "aws.iam.root_mfa")).toBe("error");
    expect(statusOf(results, "aws.iam.root_access_keys")).toBe("error");
    expect(statusOf(results, "aws.iam.user_console_mfa", "suzuki")).toBe("fail");
  });

  it("gives up on a call that never answers and reports error with the timeout", async () => {
    const { collection, results } = await scan({
      faults: [{ operation: "GetAccountPasswordPolicy", kind: "Hang" }],
      collect: { ...FAST, tuning: { maxAttempts: 1, requestTimeoutMs: 2_000 } },
    });
    expect(collection.errors.map((e) => e.operation)).toEqual(["GetAccountPasswordPolicy"]);
    expect(statusOf(results, "aws.iam.password_policy")).toBe("error");
    expect(statusOf(results, "aws.iam.root_mfa")).toBe("fail");
  });

  it("denies two buckets' ACLs: error only where the verdict depends on the ACL", async () => {
    const { results } = await scan({
      faults: [
        { operation: "GetBucketAcl", kind: "AccessDenied", bucket: "example-co-us-export" },
        { operation: "GetBucketAcl", kind: "AccessDenied", bucket: "example-co-hr-archive" },
      ],
    });
    const publicResults = results["aws.s3.bucket_public"]!;
    const usExport = publicResults.find((r) => r.resource.name === "example-co-us-export")!;
    expect(usExport.status).toBe("error");
    expect(usExport.reason!.en).toContain("s3:GetBucketAcl");
    // Its own Block Public Access makes hr-archive private whatever its ACL says.
    expect(statusOf(results, "aws.s3.bucket_public", "example-co-hr-archive")).toBe("pass");
    expect(publicResults.filter((r) => r.status === "error")).toHaveLength(1);
    expect(statusOf(results, "aws.s3.bucket_versioning", "example-co-us-export")).toBe("fail");
  });

  it("assumes the configured role with its ExternalId", async () => {
    const account = exampleCoAccount();
    account.requiredExternalId = "ext-123";
    const roleArn = `arn:aws:iam::${account.accountId}:role/cloud15-readonly`;
    const { collection } = await scan({ account, roleArn, externalId: "ext-123" });
    expect(collection.errors).toEqual([]);
    expect(collection.apiCalls.AssumeRole).toBe(1);
    expect(collection.accountId).toBe(account.accountId);
  });

  it("reports every check as error, naming sts:AssumeRole, when the role cannot be assumed", async () => {
    const account = exampleCoAccount();
    account.requiredExternalId = "ext-123";
    const roleArn = `arn:aws:iam::${account.accountId}:role/cloud15-readonly`;
    const { results } = await scan({ account, roleArn, externalId: "wrong" });
    for (const [id, list] of Object.entries(results)) {
      expect(list.map((r) => r.status), id).toEqual(["error"]);
      expect(list[0]!.reason!.en, id).toContain("sts:AssumeRole");
    }
  });
});
