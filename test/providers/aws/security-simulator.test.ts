import { afterEach, describe, expect, it } from "vitest";
import { collectAwsFacts, type CollectOptions } from "../../../providers/aws/collect.ts";
import { exampleCoAccount } from "../../../simulator/aws/example-co.ts";
import type { SimAwsAccount } from "../../../simulator/aws/model.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../../simulator/aws/server.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";

const CREDENTIALS = { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" };
const FAST: CollectOptions = { credentials: CREDENTIALS, reportPollDelaysMs: [20, 40, 80, 160] };
const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";
const VIRGINIA = "us-east-1";

let sim: AwsSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(account: SimAwsAccount = exampleCoAccount(), faults: AwsFault[] = [], collect: CollectOptions = {}) {
  sim = await startAwsSimulator({ account, faults });
  const collection = await collectAwsFacts({ region: TOKYO, endpoint: sim.endpoint }, "example-co", { ...FAST, ...collect });
  return { collection, results: runAwsChecks(collection.facts) };
}

/** Example Co. with every security feature done right. */
function wellKept(): SimAwsAccount {
  const account = exampleCoAccount();
  account.trails = [{ name: "all-regions", homeRegion: TOKYO, multiRegion: true, logging: true }];
  account.securityContact = { name: "Tanaka Taro", title: "President", email: "security@example-co.example", phone: "+81-3-0000-0000" };
  account.supportPlan = "business";
  account.macie = { [TOKYO]: "ENABLED", [OSAKA]: "ENABLED", [VIRGINIA]: "ENABLED" };
  const analyzer = [{ name: "account", type: "ACCOUNT" }];
  account.accessAnalyzers = { [TOKYO]: analyzer, [OSAKA]: analyzer, [VIRGINIA]: analyzer };
  return account;
}

const regionStatuses = (results: ReturnType<typeof runAwsChecks>, id: string) =>
  Object.fromEntries(results[id]!.map((r) => [r.resource.region, r.status]));

describe("AWS security features against the simulator", () => {
  it("finds the demo company's gaps: a one-region trail, no security contact, Basic support, Macie and Access Analyzer in Tokyo only", async () => {
    const { collection, results } = await scan();
    expect(statusOf(results, "aws.cloudtrail.multi_region_logging")).toBe("fail");
    expect(results["aws.cloudtrail.multi_region_logging"]![0]!.message!.en).toBe("Trail(s) example-co-trail record one region only; no trail covers every region.");
    expect(statusOf(results, "aws.account.security_contact")).toBe("fail");
    expect(statusOf(results, "aws.support.plan")).toBe("manual");
    expect(regionStatuses(results, "aws.macie.enabled")).toEqual({ [TOKYO]: "pass", [OSAKA]: "fail", [VIRGINIA]: "fail" });
    expect(regionStatuses(results, "aws.accessanalyzer.enabled")).toEqual({ [TOKYO]: "pass", [OSAKA]: "fail", [VIRGINIA]: "fail" });
    // One listing for CloudTrail and no status calls for a one-region trail; one call per region for Macie and Access Analyzer.
    expect(collection.apiCalls).toMatchObject({ DescribeTrails: 1, GetAlternateContact: 1, DescribeSeverityLevels: 1, GetMacieSession: 3, ListAnalyzers: 3 });
    expect(collection.apiCalls.GetTrailStatus).toBeUndefined();
    expect(collection.errors).toEqual([]);
  });

  it("passes an account with every feature on, reading status and selectors once per multi-region trail", async () => {
    const { collection, results } = await scan(wellKept());
    for (const id of ["aws.cloudtrail.multi_region_logging", "aws.account.security_contact", "aws.support.plan"]) expect(statusOf(results, id)).toBe("pass");
    for (const id of ["aws.macie.enabled", "aws.accessanalyzer.enabled"]) expect(results[id]!.map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
    expect(results["aws.support.plan"]![0]!.evidence).toEqual({ plan: "Business or higher", severityLevels: ["low", "normal", "high", "urgent"] });
    expect(collection.apiCalls).toMatchObject({ GetTrailStatus: 1, GetEventSelectors: 1 });
  });

  it("counts the organization's trail, created in another account and region, seen here as a shadow trail", async () => {
    const account = wellKept();
    account.trails = [{ name: "org-trail", homeRegion: VIRGINIA, multiRegion: true, logging: true, ownerAccountId: "999999999999" }];
    const { results } = await scan(account);
    const [r] = results["aws.cloudtrail.multi_region_logging"]!;
    expect(r!.status).toBe("pass");
    expect(r!.evidence).toMatchObject({ trail: "org-trail", homeRegion: VIRGINIA, organizationTrail: true });
  });

  it("fails a multi-region trail that stopped logging, and one whose advanced selectors keep write events only", async () => {
    const stopped = wellKept();
    stopped.trails = [{ name: "all-regions", homeRegion: TOKYO, multiRegion: true, logging: false }];
    expect(statusOf((await scan(stopped)).results, "aws.cloudtrail.multi_region_logging")).toBe("fail");
    await sim!.stop();

    const writesOnly = wellKept();
    writesOnly.trails = [{
      name: "all-regions", homeRegion: TOKYO, multiRegion: true, logging: true,
      advancedEventSelectors: [{ Name: "writes", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }, { Field: "readOnly", Equals: ["false"] }] }],
    }];
    const { results } = await scan(writesOnly);
    expect(statusOf(results, "aws.cloudtrail.multi_region_logging")).toBe("fail");
    expect(results["aws.cloudtrail.multi_region_logging"]![0]!.message!.en).toBe("Trail all-regions does not record read management events.");
  });

  it("tells Macie 'not enabled' (fail) from GetMacieSession denied (error naming macie2:GetMacieSession)", async () => {
    const { results } = await scan(exampleCoAccount(), [{ operation: "GetMacieSession", kind: "AccessDenied" }]);
    const macie = results["aws.macie.enabled"]!;
    expect(macie.map((r) => r.status)).toEqual(["error", "error", "error"]);
    expect(macie[0]!.cause).toMatchObject({ operation: "GetMacieSession", permission: "macie2:GetMacieSession", code: "AccessDeniedException" });
    expect(macie[0]!.reason!.ja).toContain("macie2:GetMacieSession");
  });

  it("reports error naming the permission, never pass or fail, when each security call is denied", async () => {
    const denied = ["DescribeTrails", "GetAlternateContact", "DescribeSeverityLevels", "ListAnalyzers"].map((operation): AwsFault => ({ operation, kind: "AccessDenied" }));
    const { results } = await scan(wellKept(), denied);
    const cases = {
      "aws.cloudtrail.multi_region_logging": "cloudtrail:DescribeTrails",
      "aws.account.security_contact": "account:GetAlternateContact",
      "aws.support.plan": "support:DescribeSeverityLevels",
      "aws.accessanalyzer.enabled": "access-analyzer:ListAnalyzers",
    };
    for (const [id, permission] of Object.entries(cases)) {
      for (const r of results[id]!) {
        expect(r.status).toBe("error");
        expect(r.reason!.en).toContain(permission);
      }
    }
    expect(results["aws.macie.enabled"]!.map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
  });

  it("reports error on a multi-region trail whose status could not be read", async () => {
    const { results } = await scan(wellKept(), [{ operation: "GetTrailStatus", kind: "AccessDenied" }]);
    const [r] = results["aws.cloudtrail.multi_region_logging"]!;
    expect(r!.status).toBe("error");
    expect(r!.cause).toMatchObject({ operation: "GetTrailStatus", permission: "cloudtrail:GetTrailStatus" });
  });

  it("retries a throttled Support API and still reads the plan", async () => {
    const { collection, results } = await scan(wellKept(), [{ operation: "DescribeSeverityLevels", kind: "Throttling", times: 2 }]);
    expect(collection.errors).toEqual([]);
    expect(statusOf(results, "aws.support.plan")).toBe("pass");
  });

  it("reports Macie as error when the regions holding buckets cannot be listed, and Access Analyzer where a region's use is unknown", async () => {
    const { results } = await scan(exampleCoAccount(), [{ operation: "ListBuckets", kind: "AccessDenied" }]);
    expect(results["aws.macie.enabled"]!.map((r) => r.status)).toEqual(["error"]);
    expect(results["aws.macie.enabled"]![0]!.reason!.en).toContain("s3:ListAllMyBuckets");
    // Disks and a table show Tokyo, Osaka and us-east-1 in use; elsewhere only the buckets could tell.
    const analyzers = regionStatuses(results, "aws.accessanalyzer.enabled");
    expect(analyzers).toMatchObject({ [TOKYO]: "pass", [OSAKA]: "fail", [VIRGINIA]: "fail" });
    const unknown = results["aws.accessanalyzer.enabled"]!.filter((r) => ![TOKYO, OSAKA, VIRGINIA].includes(r.resource.region!));
    expect(unknown).toHaveLength(14);
    for (const r of unknown) {
      expect(r.status).toBe("error");
      expect(r.reason!.en).toContain("s3:ListAllMyBuckets");
    }
    // The account-wide features do not depend on the buckets.
    expect(statusOf(results, "aws.cloudtrail.multi_region_logging")).toBe("fail");
  });
});

describe("IAM Access Analyzer in every region in use, against the simulator", () => {
  const IRELAND = "eu-west-1";
  /** Every feature on where the buckets are, and a disk in Ireland, where no bucket is. */
  function diskInIreland(): SimAwsAccount {
    const account = wellKept();
    account.regions = { ...account.regions, [IRELAND]: { volumes: [{ id: "vol-0e1f2a3b4c5d6e701", sizeGiB: 8, encrypted: true }] } };
    return account;
  }

  it("fails a region in use without an analyzer though it holds no bucket, and reads no region that is not in use", async () => {
    const { collection, results } = await scan(diskInIreland());
    expect(regionStatuses(results, "aws.accessanalyzer.enabled")).toEqual({ [TOKYO]: "pass", [OSAKA]: "pass", [VIRGINIA]: "pass", [IRELAND]: "fail" });
    const ireland = results["aws.accessanalyzer.enabled"]!.find((r) => r.resource.region === IRELAND)!;
    expect(ireland.message!.en).toBe(`No analyzer in region ${IRELAND}.`);
    expect(ireland.resource.uid).toBe(`arn:aws:access-analyzer:${IRELAND}:123456789012`);
    expect(collection.apiCalls.ListAnalyzers).toBe(4);
    // Macie inspects S3 alone: still the regions holding buckets.
    expect(collection.apiCalls.GetMacieSession).toBe(3);
  });

  it("passes every region in use once each has an active external-access analyzer", async () => {
    const account = diskInIreland();
    account.accessAnalyzers = { ...account.accessAnalyzers, [IRELAND]: [{ name: "org", type: "ORGANIZATION" }] };
    const { collection, results } = await scan(account);
    expect(regionStatuses(results, "aws.accessanalyzer.enabled")).toEqual({ [TOKYO]: "pass", [OSAKA]: "pass", [VIRGINIA]: "pass", [IRELAND]: "pass" });
    expect(collection.errors).toEqual([]);
  });

  it("reports error, never pass or 'not in use', in a region whose listing failed, and for every region when DescribeRegions fails", async () => {
    const unknownUse = await scan(diskInIreland(), [{ operation: "DescribeVolumes", kind: "AccessDenied", region: IRELAND }]);
    const ireland = unknownUse.results["aws.accessanalyzer.enabled"]!.find((r) => r.resource.region === IRELAND)!;
    expect(ireland.status).toBe("error");
    expect(ireland.reason!.en).toContain("ec2:DescribeVolumes");
    await sim!.stop();

    const { results } = await scan(diskInIreland(), [{ operation: "DescribeRegions", kind: "AccessDenied" }]);
    expect(results["aws.accessanalyzer.enabled"]!.map((r) => r.status)).toEqual(["error"]);
    expect(results["aws.accessanalyzer.enabled"]![0]!.reason!.en).toContain("ec2:DescribeRegions");
  });

  it("judges the home region even when it holds no data, so an account without stored data still gets a verdict", async () => {
    sim = await startAwsSimulator({ account: diskInIreland() });
    const collection = await collectAwsFacts({ region: "eu-west-2", endpoint: sim.endpoint }, "example-co", FAST);
    const results = runAwsChecks(collection.facts);
    expect(regionStatuses(results, "aws.accessanalyzer.enabled")).toEqual({ [TOKYO]: "pass", [OSAKA]: "pass", [VIRGINIA]: "pass", [IRELAND]: "fail", "eu-west-2": "fail" });
  });

  it("reports error in a region in use whose ListAnalyzers fails, and still judges the others", async () => {
    const { results } = await scan(diskInIreland(), [{ operation: "ListAnalyzers", kind: "InternalError", region: IRELAND }]);
    expect(regionStatuses(results, "aws.accessanalyzer.enabled")).toEqual({ [TOKYO]: "pass", [OSAKA]: "pass", [VIRGINIA]: "pass", [IRELAND]: "error" });
  });
});
