import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/ec2-ebs-encryption-by-default.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.ec2.ebs_encryption_by_default", () => {
  it("passes a region in use with encryption by default on, fails one with it off", () => {
    const facts = goodFacts({ ebsEncryptionByDefault: collected({ "ap-northeast-1": collected(true), "ap-northeast-3": collected(false) }) });
    const results = runCheck(check, facts, awsContext());
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([["ap-northeast-1", "pass"], ["ap-northeast-3", "fail"]]);
    expect(results[1]!.message!.en).toContain("ap-northeast-3");
  });

  it("reports error naming ec2:GetEbsEncryptionByDefault, not pass, when it is denied", () => {
    const facts = goodFacts({ ebsEncryptionByDefault: collected({ "ap-northeast-1": failed(denied("GetEbsEncryptionByDefault", "ec2:GetEbsEncryptionByDefault")) }) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain("ec2:GetEbsEncryptionByDefault");
  });
});
