import { afterEach, describe, expect, it } from "vitest";
import { collectAwsFacts, type CollectOptions } from "../../../providers/aws/collect.ts";
import { exampleCoAccount, largeAccount } from "../../../simulator/aws/example-co.ts";
import type { SimAwsAccount } from "../../../simulator/aws/model.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../../simulator/aws/server.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";

const CREDENTIALS = { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" };
const FAST: CollectOptions = { credentials: CREDENTIALS, reportPollDelaysMs: [20, 40, 80, 160] };

let sim: AwsSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(opts: { account?: SimAwsAccount; faults?: AwsFault[]; collect?: CollectOptions; roleArn?: string; externalId?: string } = {}) {
  sim = await startAwsSimulator({ account: opts.account ?? exampleCoAccount(), faults: opts.faults });
  // S3, IAM and Backup are what these tests are about; regional-simulator.test.ts reads every region.
  const aws = { region: "ap-northeast-1", endpoint: sim.endpoint, roleArn: opts.roleArn, externalId: opts.externalId, regions: ["ap-northeast-1"] };
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
      // Every call of the scan runs on this timeout, all in flight together in this process:
      // on a busy machine an answered call takes seconds, so only a wide timeout keeps the
      // hung call the one it ends.
      collect: { ...FAST, tuning: { maxAttempts: 1, requestTimeoutMs: 15_000 } },
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

describe("verdicts an owner can trust, over the wire", () => {
  const result = (results: ReturnType<typeof runAwsChecks>, check: string, name: string) =>
    results[check]!.find((r) => r.resource.name === name)!;

  it("an unreadable bucket policy makes that bucket error; the other buckets are still judged", async () => {
    const account = exampleCoAccount();
    account.buckets.find((b) => b.name === "example-co-partner-share")!.policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",';
    const { results } = await scan({ account });
    const broken = result(results, "aws.s3.bucket_public", "example-co-partner-share");
    expect(broken.status).toBe("error");
    expect(broken.cause).toMatchObject({ operation: "GetBucketPolicy", code: "MalformedPolicy" });
    expect(statusOf(results, "aws.s3.bucket_public", "example-co-website")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_public", "example-co-public-assets")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_public", "example-co-invoices")).toBe("pass");
    expect(results["aws.s3.bucket_public"]!.filter((r) => r.status === "error")).toHaveLength(1);
  });

  it("a credential report without the password_enabled column is error naming the column, never pass", async () => {
    const account = exampleCoAccount();
    account.quirks = { credentialReportWithout: ["password_enabled"] };
    const { results } = await scan({ account });
    for (const check of ["aws.iam.user_console_mfa", "aws.iam.access_key_rotation"]) {
      const [r, ...rest] = results[check]!;
      expect(rest, check).toEqual([]);
      expect(r!.status, check).toBe("error");
      expect(r!.reason!.en, check).toContain("password_enabled");
    }
  });

  it("an access-key date that does not parse makes that user's key check error; the other users are judged", async () => {
    const account = exampleCoAccount();
    account.quirks = { credentialReportCells: { "ci-deploy": { access_key_1_last_rotated: "2025-04-31 09:00" } } };
    const { results } = await scan({ account });
    const ci = result(results, "aws.iam.access_key_rotation", "ci-deploy");
    expect(ci.status).toBe("error");
    expect(ci.reason!.en).toContain("access_key_1_last_rotated");
    expect(statusOf(results, "aws.iam.access_key_rotation", "old-contractor")).toBe("fail");
    expect(statusOf(results, "aws.iam.user_console_mfa", "suzuki")).toBe("fail");
  });

  it("an MFA cell that is neither true nor false makes that user error, not a console-less pass", async () => {
    const account = exampleCoAccount();
    account.quirks = { credentialReportCells: { suzuki: { mfa_active: "" } } };
    const { results } = await scan({ account });
    expect(statusOf(results, "aws.iam.user_console_mfa", "suzuki")).toBe("error");
    expect(statusOf(results, "aws.iam.user_console_mfa", "tanaka")).toBe("pass");
  });

  it("reads the same verdicts without the <root_account> row and with no_information for a never-used password", async () => {
    const account = exampleCoAccount();
    account.quirks = { credentialReportWithoutRoot: true, credentialReportCells: { tanaka: { password_last_used: "no_information" } } };
    const { results } = await scan({ account });
    expect(statusOf(results, "aws.iam.user_console_mfa", "tanaka")).toBe("pass");
    expect(statusOf(results, "aws.iam.user_console_mfa", "suzuki")).toBe("fail");
  });

  it("counts admin-equivalent customer-managed, inline and assumable-role power, and names how each is held", async () => {
    const account = exampleCoAccount();
    const star = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    account.authorization = {
      groups: [{ name: "ops", members: ["old-contractor"] }],
      customerPolicies: [{ name: "OpsFullAccess", document: star, groups: ["ops"] }],
      roles: [{ name: "BreakGlass", trust: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account.accountId}:root` }, Action: "sts:AssumeRole" }] } }],
      inlinePolicies: [
        { on: "role", principal: "BreakGlass", name: "everything", document: { Statement: { Effect: "Allow", Action: "*:*", Resource: "*" } } },
        { on: "user", principal: "ci-deploy", name: "assume-break-glass", document: { Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${account.accountId}:role/BreakGlass` }] } },
      ],
    };
    const { results, collection } = await scan({ account });
    const [r] = results["aws.iam.administrator_count"]!;
    expect(r!.status).toBe("fail");
    expect(r!.message!.ja).toContain("old-contractor（グループ ops のカスタマー管理ポリシー OpsFullAccess）");
    expect(r!.message!.ja).toContain("sato（グループ admins の管理ポリシー AdministratorAccess）");
    expect(r!.message!.en).toContain("ci-deploy (can assume role BreakGlass (inline policy everything))");
    expect(r!.message!.en).toContain("5 users hold administrator rights");
    expect(collection.apiCalls.GetAccountAuthorizationDetails).toBe(1);
  });

  it("pages GetAccountAuthorizationDetails to the end (1,000 entities a page)", async () => {
    const account = largeAccount({ buckets: 2, users: 1_100 });
    const { collection } = await scan({ account });
    const admins = collection.facts.administrators.ok ? collection.facts.administrators.value.users.map((u) => u.name) : [];
    expect(admins).toHaveLength(6);
    expect(collection.apiCalls.GetAccountAuthorizationDetails).toBe(2);
  });

  it("honours backup Conditions and NotResources: 'everything except backup=false' does not cover the excluded buckets", async () => {
    const account = exampleCoAccount();
    account.buckets.find((b) => b.name === "example-co-hr-archive")!.tags = { backup: "false" };
    account.backup["ap-northeast-1"] = {
      plans: [{ id: "plan-all", name: "all-but-opted-out", selections: [{
        id: "sel-all", name: "except-false", resources: ["arn:aws:s3:::*"], notResources: ["arn:aws:s3:::example-co-website"],
        conditions: [{ operator: "StringNotEquals", key: "backup", value: "false" }, { operator: "StringNotLike", key: "department", value: "test*" }],
      }] }],
      protectedResourceArns: [],
    };
    const { results } = await scan({ account });
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-hr-archive")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-website")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-invoices")).toBe("pass");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-public-assets")).toBe("pass");
  });

  it("does not call a bucket backed up for one recovery point long ago that no plan renews", async () => {
    const account = exampleCoAccount();
    const tokyo = account.backup["ap-northeast-1"]!;
    tokyo.protectedResourceArns.push("arn:aws:s3:::example-co-hr-archive", "arn:aws:s3:::example-co-public-assets");
    tokyo.lastBackupTimes = { "arn:aws:s3:::example-co-hr-archive": "2025-01-10T03:00:00Z", "arn:aws:s3:::example-co-public-assets": null };
    const { results } = await scan({ account });
    const hr = result(results, "aws.s3.bucket_backup", "example-co-hr-archive");
    expect(hr.status).toBe("fail");
    expect(hr.message!.ja).toContain("2025-01-10");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-public-assets")).toBe("fail");
  });

  it("judges plan_exists when only the selections could not be read", async () => {
    const { results } = await scan({ faults: [{ operation: "GetBackupSelection", kind: "AccessDenied" }] });
    expect(statusOf(results, "aws.backup.plan_exists")).toBe("pass");
    expect(statusOf(results, "aws.s3.bucket_backup", "example-co-invoices")).toBe("error");
  });

  it("ends a hung call after one budget for all its attempts, not attempts × timeout", async () => {
    const started = Date.now();
    const { collection, results } = await scan({
      faults: [{ operation: "GetAccountPasswordPolicy", kind: "Hang" }],
      collect: { ...FAST, tuning: { maxAttempts: 20, requestTimeoutMs: 1_000, operationBudgetMs: 1_500 } },
    });
    expect(collection.errors).toContainEqual(expect.objectContaining({ operation: "GetAccountPasswordPolicy", code: "OperationTimeout" }));
    expect(statusOf(results, "aws.iam.password_policy")).toBe("error");
    // The first attempt times out at 1 s, the second is cut by the budget at 1.5 s.
    expect(sim!.calls.GetAccountPasswordPolicy).toBeLessThanOrEqual(2);
    // 20 attempts × 1 s would take over 20 s. The rest of the scan takes seconds on a busy
    // machine, so the bound on the whole scan sits far from both.
    expect(Date.now() - started).toBeLessThan(12_000);
  });
});
