import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/ec2-image-public.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.ec2.image_public", () => {
  it("passes when the account owns no public AMI", () => {
    expect(runCheck(check, goodFacts(), awsContext()).map((r) => r.status)).toEqual(["pass"]);
  });

  it("fails a public AMI, naming it", () => {
    const facts = goodFacts({ publicImages: collected({ "ap-northeast-3": collected([{ id: "ami-0abc", region: "ap-northeast-3", name: "web-golden" }]) }) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r).toMatchObject({ status: "fail", resource: { type: "AWS::EC2::Image", region: "ap-northeast-3", name: "web-golden (ami-0abc)" } });
    expect(r!.message!.en).toContain("web-golden");
  });

  it("reports error for the region, not pass, when DescribeImages is denied there", () => {
    const facts = goodFacts({ publicImages: collected({ "ap-northeast-1": failed(denied("DescribeImages", "ec2:DescribeImages")) }) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r).toMatchObject({ status: "error", resource: { region: "ap-northeast-1" } });
    expect(r!.reason!.en).toContain("ec2:DescribeImages");
  });
});
