import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collectAwsFacts } from "../../../providers/aws/collect.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";
import { motoAvailable, startMoto, type Moto } from "../../support/moto.ts";
import { createScannerUser, SEED_CREDENTIALS, seedAdminEquivalents, seedSmallCompany } from "../../support/seed-moto.ts";

const FAST = { reportPollDelaysMs: [50, 100, 200, 400], tuning: { maxAttempts: 2 } };

describe.skipIf(!motoAvailable())("AWS provider against moto_server", () => {
  let moto: Moto;
  beforeAll(async () => { moto = await startMoto(); });
  afterAll(async () => { await moto?.stop(); });
  beforeEach(async () => {
    await moto.reset();
    await seedSmallCompany(moto.endpoint);
  });

  const scan = (credentials = SEED_CREDENTIALS) =>
    // The regions it seeds: moto would otherwise build its backends for all 38 regions it knows in every scan.
    collectAwsFacts({ region: "ap-northeast-1", endpoint: moto.endpoint, regions: ["ap-northeast-1", "us-east-1"] }, "acme", { credentials, ...FAST });

  it("collects buckets with their regions, ACLs, policies and versioning through the real S3 client", async () => {
    const { facts } = await scan();
    expect(facts.buckets.ok).toBe(true);
    const buckets = facts.buckets.ok ? facts.buckets.value : [];
    const byName = Object.fromEntries(buckets.map((b) => [b.name, b]));
    expect(Object.keys(byName).sort()).toEqual(["acme-office-only", "acme-private", "acme-public-acl", "acme-public-policy", "acme-virginia"]);
    // moto's ListBuckets sends no BucketRegion: the GetBucketLocation fallback supplies it.
    expect(byName["acme-virginia"]!.region).toEqual({ ok: true, value: "us-east-1" });
    expect(byName["acme-private"]!.versioning).toEqual({ ok: true, value: "Enabled" });
    expect(byName["acme-public-acl"]!.acl).toMatchObject({ ok: true });
    expect((byName["acme-public-acl"]!.acl as { value: unknown[] }).value).toContainEqual(
      { granteeType: "Group", grantee: "http://acs.amazonaws.com/groups/global/AllUsers", permission: "READ" });
    expect(byName["acme-virginia"]!.policy).toEqual({ ok: true, value: null });
  });

  it("reads every user's MFA state from one credential report", async () => {
    const { facts, apiCalls } = await scan();
    const users = facts.credentialReport.ok ? facts.credentialReport.value.users : [];
    const byName = Object.fromEntries(users.map((u) => [u.user, u]));
    expect(byName.yamada!.console).toMatchObject({ ok: true, value: { passwordEnabled: true, mfaActive: true } });
    expect(byName.kimura!.console).toMatchObject({ ok: true, value: { passwordEnabled: true, mfaActive: false } });
    expect(byName["batch-job"]!.accessKeys).toMatchObject({ ok: true, value: [{ slot: 1, active: true }, { slot: 2, active: false }] });
    expect((apiCalls.GenerateCredentialReport ?? 0) + (apiCalls.GetCredentialReport ?? 0)).toBeLessThanOrEqual(6);
  });

  it("judges the seeded mistakes as fail and the settings done right as pass", async () => {
    const results = runAwsChecks((await scan()).facts);
    expect(statusOf(results, "aws.s3.bucket_public", "acme-public-acl")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_public", "acme-public-policy")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_public", "acme-office-only")).toBe("pass");
    expect(statusOf(results, "aws.s3.bucket_public", "acme-private")).toBe("pass");
    expect(statusOf(results, "aws.s3.account_public_access_block")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_versioning", "acme-private")).toBe("pass");
    expect(statusOf(results, "aws.s3.bucket_versioning", "acme-virginia")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_region", "acme-virginia")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_region", "acme-private")).toBe("pass");
    expect(statusOf(results, "aws.iam.root_mfa")).toBe("fail");
    expect(statusOf(results, "aws.iam.user_console_mfa", "kimura")).toBe("fail");
    expect(statusOf(results, "aws.iam.user_console_mfa", "yamada")).toBe("pass");
    expect(statusOf(results, "aws.iam.password_policy")).toBe("fail");
    expect(statusOf(results, "aws.iam.administrator_count")).toBe("pass");
  });

  it("judges plan_exists from ListBackupPlans alone, and reports bucket coverage as error where moto lacks the calls", async () => {
    const { facts } = await scan();
    const results = runAwsChecks(facts);
    // moto answers ListBackupPlans (no plan: fail) but ListProtectedResources with 404: coverage is unknown, never "pass".
    expect(statusOf(results, "aws.backup.plan_exists")).toBe("fail");
    for (const r of results["aws.s3.bucket_backup"]!) expect(r.status).toBe("error");
  });

  it("with s3:GetBucketPolicy denied, reports error naming it for the policy-dependent results only, and completes the rest", async () => {
    const credentials = await createScannerUser(moto.endpoint, ["s3:GetBucketPolicy"]);
    await moto.enforceIam();
    const { facts } = await scan(credentials);
    const results = runAwsChecks(facts);

    for (const name of ["acme-public-policy", "acme-office-only", "acme-virginia"]) {
      const r = results["aws.s3.bucket_public"]!.find((x) => x.resource.name === name)!;
      expect(r.status).toBe("error");
      expect(r.cause).toMatchObject({ operation: "GetBucketPolicy", permission: "s3:GetBucketPolicy", code: "AccessDenied" });
      expect(r.reason!.en).toContain("s3:GetBucketPolicy");
      expect(r.reason!.ja).toContain("s3:GetBucketPolicy");
    }
    // Public through its ACL whatever the policy says; private behind its own block.
    expect(statusOf(results, "aws.s3.bucket_public", "acme-public-acl")).toBe("fail");
    expect(statusOf(results, "aws.s3.bucket_public", "acme-private")).toBe("pass");
    // Checks that do not read the policy are untouched.
    expect(statusOf(results, "aws.s3.bucket_versioning", "acme-private")).toBe("pass");
    expect(statusOf(results, "aws.iam.user_console_mfa", "kimura")).toBe("fail");
    expect(statusOf(results, "aws.iam.root_mfa")).toBe("fail");
  });

  it("finds administrator power held through inline, customer-managed and assumable-role policies, read in one call", async () => {
    await seedAdminEquivalents(moto.endpoint);
    const { facts, apiCalls } = await scan();
    const [r] = runAwsChecks(facts)["aws.iam.administrator_count"]!;
    expect(r!.status).toBe("pass");
    expect(r!.message!.en).toBe("Administrators: " + [
      "auditor (can assume role BreakGlass (AWS managed policy AdministratorAccess))",
      "batch-job (customer managed policy OpsFull of group ops)",
      "kimura (inline policy everything)",
      "yamada (AWS managed policy AdministratorAccess)",
    ].join("; "));
    expect(apiCalls.GetAccountAuthorizationDetails).toBe(1);
  });

  it("scans completely with nothing but the repository's read-only policy (Backup aside, which moto lacks)", async () => {
    const credentials = await createScannerUser(moto.endpoint);
    await moto.enforceIam();
    const { errors } = await scan(credentials);
    const denied = errors.filter((e) => /AccessDenied|Unauthorized/.test(e.code));
    expect(denied).toEqual([]);
  });
});
