import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/rds-snapshot-public.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

const arn = "arn:aws:rds:ap-northeast-1:123456789012:cluster-snapshot:orders-before-migration";

describe("aws.rds.snapshot_public", () => {
  it("passes when no manual RDS or Aurora snapshot is shared with everyone", () => {
    expect(runCheck(check, goodFacts(), awsContext()).map((r) => r.status)).toEqual(["pass"]);
  });

  it("fails an Aurora snapshot whose restore attribute is all, by its ARN", () => {
    const facts = goodFacts({ publicDbSnapshots: collected({ "ap-northeast-1": collected([
      { id: "orders-before-migration", arn, region: "ap-northeast-1", kind: "cluster", source: "orders", encrypted: false },
    ]) }) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r).toMatchObject({ status: "fail", resource: { uid: arn, type: "AWS::RDS::DBClusterSnapshot" } });
    expect(r!.message!.ja).toContain("Aurora");
  });

  it("reports error naming the attribute permission, not pass, when DescribeDBSnapshotAttributes is denied", () => {
    const facts = goodFacts({ publicDbSnapshots: collected({ "ap-northeast-1": failed(denied("DescribeDBSnapshotAttributes", "rds:DescribeDBSnapshotAttributes")) }) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain("rds:DescribeDBSnapshotAttributes");
  });
});
