import { afterEach, describe, expect, it } from "vitest";
import { collectAwsFacts } from "../../../providers/aws/collect.ts";
import { regionsInUseOf } from "../../../providers/aws/region-use.ts";
import { exampleCoAccount } from "../../../simulator/aws/example-co.ts";
import type { SimAwsAccount } from "../../../simulator/aws/model.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../../simulator/aws/server.ts";
import { runAwsChecks } from "../../support/aws-checks.ts";

const FAST = { credentials: { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" }, reportPollDelaysMs: [20, 40, 80, 160], tuning: { maxAttempts: 2 } };

let sim: AwsSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(opts: { account?: SimAwsAccount; faults?: AwsFault[] } = {}) {
  sim = await startAwsSimulator({ account: opts.account ?? exampleCoAccount(), faults: opts.faults });
  const collection = await collectAwsFacts({ region: "ap-northeast-1", endpoint: sim.endpoint }, "example-co", FAST);
  return { collection, results: runAwsChecks(collection.facts) };
}

/** Each result of a check as [region or resource name, status]. */
const verdicts = (results: ReturnType<typeof runAwsChecks>, checkId: string) =>
  (results[checkId] ?? []).map((r) => [r.resource.type === "AWS::Region" ? r.resource.region : r.resource.name, r.status]);

describe("regions in use, public sharing beyond S3 and regional security settings, against the simulator", () => {
  it("finds the regions holding data through one small listing per service and region, buckets included", async () => {
    const { collection } = await scan();
    const regions = collection.facts.regionsInUse;
    expect(regions.ok).toBe(true);
    if (!regions.ok) return;
    expect(regions.value.enabled).toHaveLength(17);
    expect(regionsInUseOf(regions.value)).toEqual({ inUse: ["ap-northeast-1", "ap-northeast-3", "us-east-1"], unknown: {} });
    expect(regions.value.regions["us-east-1"]).toEqual({ ok: true, value: {
      inUse: true, more: false,
      stores: [{ kind: "dynamodb-table", id: "example-co-web-sessions" }, { kind: "s3-bucket", id: "example-co-us-export" }],
    } });
    // One listing per service per enabled region, never one per resource.
    for (const op of ["DescribeVolumes", "DescribeDBInstances", "ListTables", "DescribeFileSystems", "DescribeSnapshots", "DescribeImages", "DescribeDBSnapshots", "DescribeDBClusterSnapshots"]) {
      expect(collection.apiCalls[op], op).toBe(17);
    }
    // Per-resource reads only where no listing answers: one per manual RDS snapshot, one per snapshot listed as public.
    expect(collection.apiCalls.DescribeDBSnapshotAttributes).toBe(2);
    expect(collection.apiCalls.DescribeSnapshotAttribute).toBe(1);
    // Settings only in the 3 regions in use.
    for (const op of ["GetEbsEncryptionByDefault", "GetSnapshotBlockPublicAccessState", "GetImageBlockPublicAccessState", "ListDetectors"]) {
      expect(collection.apiCalls[op], op).toBe(3);
    }
  });

  it("judges the demo company's sharing, data location and regional settings", async () => {
    const { results } = await scan();
    expect(verdicts(results, "aws.ec2.snapshot_public")).toEqual([["snap-0f3a9c1e5b7d2a401 (web server disk for agency)", "fail"]]);
    expect(verdicts(results, "aws.ec2.image_public")).toEqual([["example-co-web-2024 (ami-0c4e8a2b6d1f3a501)", "fail"]]);
    expect(verdicts(results, "aws.rds.snapshot_public")).toEqual([["orders-before-migration", "fail"]]);
    expect(verdicts(results, "aws.ec2.snapshot_block_public_access")).toEqual([["ap-northeast-1", "fail"], ["ap-northeast-3", "pass"], ["us-east-1", "fail"]]);
    expect(verdicts(results, "aws.ec2.image_block_public_access")).toEqual([["ap-northeast-1", "fail"], ["ap-northeast-3", "pass"], ["us-east-1", "fail"]]);
    expect(verdicts(results, "aws.data.store_region")).toEqual([["ap-northeast-1", "pass"], ["ap-northeast-3", "pass"], ["us-east-1", "fail"]]);
    expect(verdicts(results, "aws.ec2.ebs_encryption_by_default")).toEqual([["ap-northeast-1", "pass"], ["ap-northeast-3", "fail"], ["us-east-1", "fail"]]);
    expect(verdicts(results, "aws.guardduty.enabled")).toEqual([["ap-northeast-1", "pass"], ["ap-northeast-3", "pass"], ["us-east-1", "fail"]]);
  });

  it("reports a region whose listing was denied as unknown, and its regional checks as error, never as not in use", async () => {
    const { collection, results } = await scan({ faults: [{ operation: "DescribeVolumes", kind: "AccessDenied", region: "eu-west-1" }] });
    const regions = collection.facts.regionsInUse;
    if (!regions.ok) throw new Error("regions not collected");
    expect(Object.keys(regionsInUseOf(regions.value).unknown)).toEqual(["eu-west-1"]);
    for (const id of ["aws.ec2.ebs_encryption_by_default", "aws.guardduty.enabled", "aws.ec2.snapshot_block_public_access", "aws.data.store_region"]) {
      const r = results[id]!.find((x) => x.resource.region === "eu-west-1");
      expect(r?.status, id).toBe("error");
      expect(r?.reason?.en, id).toContain("ec2:DescribeVolumes");
    }
  });

  it("reads only the regions the tenant's config names, of those enabled", async () => {
    sim = await startAwsSimulator({ account: exampleCoAccount() });
    const { facts, apiCalls } = await collectAwsFacts(
      { region: "ap-northeast-1", endpoint: sim.endpoint, regions: ["ap-northeast-1", "us-east-1", "mars-north-1"] }, "example-co", FAST);
    expect(facts.regionsInUse.ok && facts.regionsInUse.value.enabled).toEqual(["ap-northeast-1", "us-east-1"]);
    expect(apiCalls.DescribeVolumes).toBe(2);
  });

  it("reports every new check as error, not pass, when DescribeRegions is denied", async () => {
    const { results } = await scan({ faults: [{ operation: "DescribeRegions", kind: "AccessDenied" }] });
    for (const id of ["aws.ec2.snapshot_public", "aws.ec2.image_public", "aws.rds.snapshot_public", "aws.ec2.snapshot_block_public_access",
      "aws.ec2.image_block_public_access", "aws.data.store_region", "aws.ec2.ebs_encryption_by_default", "aws.guardduty.enabled"]) {
      expect(results[id]!.map((r) => r.status), id).toEqual(["error"]);
      expect(results[id]![0]!.reason!.en, id).toContain("ec2:DescribeRegions");
    }
  });

  it("reports the region as error, not pass, when the RDS snapshot attributes are denied there", async () => {
    const { results } = await scan({ faults: [{ operation: "DescribeDBSnapshotAttributes", kind: "AccessDenied" }] });
    expect(verdicts(results, "aws.rds.snapshot_public")).toEqual([["ap-northeast-1", "error"]]);
    expect(results["aws.rds.snapshot_public"]![0]!.reason!.en).toContain("rds:DescribeDBSnapshotAttributes");
  });

  it("retries throttled EC2, DynamoDB and GuardDuty calls and still reaches the verdicts", async () => {
    const { collection, results } = await scan({ faults: [
      { operation: "DescribeSnapshots", kind: "Throttling", times: 1, region: "ap-northeast-1" },
      { operation: "ListTables", kind: "Throttling", times: 1, region: "us-east-1" },
      { operation: "GetDetector", kind: "Throttling", times: 1 },
    ] });
    expect(collection.errors).toEqual([]);
    expect(verdicts(results, "aws.ec2.snapshot_public")).toEqual([["snap-0f3a9c1e5b7d2a401 (web server disk for agency)", "fail"]]);
    expect(verdicts(results, "aws.data.store_region")).toContainEqual(["us-east-1", "fail"]);
  });
});
