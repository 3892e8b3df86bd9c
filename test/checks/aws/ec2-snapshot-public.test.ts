import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/ec2-snapshot-public.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

const snapshot = { id: "snap-0123456789abcdef0", region: "ap-northeast-1", volumeId: "vol-0a1b2c3d", encrypted: false };

describe("aws.ec2.snapshot_public", () => {
  it("passes when no snapshot of the account is restorable by anyone in any region", () => {
    const results = runCheck(check, goodFacts(), awsContext());
    expect(results.map((r) => r.status)).toEqual(["pass"]);
  });

  it("fails a snapshot anyone may restore, naming it and its region", () => {
    const facts = goodFacts({
      publicSnapshots: collected({ "ap-northeast-1": collected([snapshot]), "us-east-1": collected([]) }),
      snapshotBlockPublicAccess: collected({ "ap-northeast-1": collected("unblocked") }),
    });
    const [r] = runCheck(check, facts, awsContext());
    expect(r!.status).toBe("fail");
    expect(r!.resource).toMatchObject({ uid: "arn:aws:ec2:ap-northeast-1:123456789012:snapshot/snap-0123456789abcdef0", type: "AWS::EC2::Snapshot" });
    expect(r!.message!.ja).toContain("snap-0123456789abcdef0");
  });

  it("passes a snapshot still marked public where the region blocks all public sharing (documented as treated private)", () => {
    const facts = goodFacts({ publicSnapshots: collected({ "ap-northeast-1": collected([snapshot]) }) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r!.status).toBe("pass");
    expect(r!.evidence).toMatchObject({ snapshotBlockPublicAccess: "block-all-sharing" });
  });

  it("fails it where only new sharing is blocked: snapshots already public stay public", () => {
    const facts = goodFacts({
      publicSnapshots: collected({ "ap-northeast-1": collected([snapshot]) }),
      snapshotBlockPublicAccess: collected({ "ap-northeast-1": collected("block-new-sharing") }),
    });
    expect(runCheck(check, facts, awsContext())[0]!.status).toBe("fail");
  });

  it("reports error for the region, not pass, when DescribeSnapshots is denied there", () => {
    const facts = goodFacts({
      publicSnapshots: collected({ "ap-northeast-1": collected([]), "us-east-1": failed(denied("DescribeSnapshots", "ec2:DescribeSnapshots")) }),
    });
    const results = runCheck(check, facts, awsContext());
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: "error", resource: { region: "us-east-1" } });
    expect(results[0]!.reason!.en).toContain("ec2:DescribeSnapshots");
  });

  it("reports error, not pass, when the regions could not be listed", () => {
    const facts = goodFacts({ publicSnapshots: failed(denied("DescribeRegions", "ec2:DescribeRegions")) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain("ec2:DescribeRegions");
  });
});
