import { describe, expect, it } from "vitest";
import imageCheck from "../../../checks/aws/ec2-image-block-public-access.ts";
import snapshotCheck from "../../../checks/aws/ec2-snapshot-block-public-access.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.ec2.snapshot_block_public_access", () => {
  it("passes block-all-sharing and block-new-sharing, fails unblocked, per region in use", () => {
    const facts = goodFacts({ snapshotBlockPublicAccess: collected({
      "ap-northeast-1": collected("block-all-sharing"), "ap-northeast-3": collected("block-new-sharing"), "us-east-1": collected("unblocked"),
    }) });
    expect(runCheck(snapshotCheck, facts, awsContext()).map((r) => [r.resource.region, r.status])).toEqual([
      ["ap-northeast-1", "pass"], ["ap-northeast-3", "pass"], ["us-east-1", "fail"],
    ]);
  });

  it("reports error for a region whose use could not be told, not pass", () => {
    const facts = goodFacts({ snapshotBlockPublicAccess: collected({ "eu-west-1": failed(denied("DescribeVolumes", "ec2:DescribeVolumes")) }) });
    const [r] = runCheck(snapshotCheck, facts, awsContext());
    expect(r).toMatchObject({ status: "error", resource: { region: "eu-west-1" } });
    expect(r!.reason!.en).toContain("ec2:DescribeVolumes");
  });
});

describe("aws.ec2.image_block_public_access", () => {
  it("passes block-new-sharing and fails unblocked", () => {
    const facts = goodFacts({ imageBlockPublicAccess: collected({ "ap-northeast-1": collected("block-new-sharing"), "us-east-1": collected("unblocked") }) });
    expect(runCheck(imageCheck, facts, awsContext()).map((r) => r.status)).toEqual(["pass", "fail"]);
  });

  it("reports error naming ec2:GetImageBlockPublicAccessState, not pass, when it is denied", () => {
    const facts = goodFacts({ imageBlockPublicAccess: collected({ "ap-northeast-1": failed(denied("GetImageBlockPublicAccessState", "ec2:GetImageBlockPublicAccessState")) }) });
    const [r] = runCheck(imageCheck, facts, awsContext());
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain("ec2:GetImageBlockPublicAccessState");
  });
});
