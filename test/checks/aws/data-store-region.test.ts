import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/data-store-region.ts";
import { DEFAULT_POLICY, runCheck } from "../../../checks/framework.ts";
import type { RegionDataStores } from "../../../providers/aws/facts.ts";
import type { Fact } from "../../../providers/fact.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

const run = (regions: Record<string, Fact<RegionDataStores>>, allowedRegions = DEFAULT_POLICY.allowedRegions) =>
  runCheck(check, goodFacts({ regionsInUse: collected({ enabled: Object.keys(regions), regions }) }), awsContext({ policy: { ...DEFAULT_POLICY, allowedRegions } }));
const stores = (...s: RegionDataStores["stores"]): Fact<RegionDataStores> => collected({ inUse: s.length > 0, stores: s, more: false });

describe("aws.data.store_region", () => {
  it("answers item 15 and, as the owner's allowedRegions rule, item 4", () => {
    expect(check.meta.ipaItems).toEqual([15, 4]);
    expect(check.meta.ownerRule).toBe("allowedRegions");
    expect(Object.keys(check.meta.itemReasons ?? {}).sort()).toEqual(["15", "4"]);
  });

  it("passes stores in Tokyo and ignores regions that hold nothing", () => {
    const results = run({ "ap-northeast-1": stores({ kind: "rds-instance", id: "orders" }), "us-east-1": stores() });
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([["ap-northeast-1", "pass"]]);
  });

  it("fails a DynamoDB table in us-east-1 and names it", () => {
    const [r] = run({ "us-east-1": stores({ kind: "dynamodb-table", id: "web-sessions" }) });
    expect(r!.status).toBe("fail");
    expect(r!.message!.ja).toContain("DynamoDB テーブル web-sessions");
    expect(r!.message!.en).toContain("us-east-1");
  });

  it("leaves buckets to aws.s3.bucket_region: a region holding only a bucket is not a finding here", () => {
    expect(run({ "us-east-1": stores({ kind: "s3-bucket", id: "export" }) }).map((r) => r.status)).toEqual(["pass"]);
  });

  it("follows the tenant's allowedRegions", () => {
    expect(run({ "eu-west-1": stores({ kind: "efs-file-system", id: "fs-1" }) }, ["eu-west-1"])[0]!.status).toBe("pass");
  });

  it("reports error, not pass, for a region outside the allowed ones whose use could not be told", () => {
    const [r] = run({ "us-east-1": failed(denied("ListTables", "dynamodb:ListTables")), "ap-northeast-3": failed(denied("ListTables", "dynamodb:ListTables")) });
    expect(r).toMatchObject({ status: "error", resource: { region: "us-east-1" } });
    expect(r!.reason!.en).toContain("dynamodb:ListTables");
  });

  it("reports error where a listing failed in a region in use only through a bucket", () => {
    const region: Fact<RegionDataStores> = collected({
      inUse: true, stores: [{ kind: "s3-bucket", id: "export" }], more: false, incomplete: denied("DescribeDBInstances", "rds:DescribeDBInstances"),
    });
    expect(run({ "us-east-1": region })[0]!.status).toBe("error");
  });
});
