import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/s3-account-public-access-block.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.s3.account_public_access_block", () => {
  it("passes when all four account-level flags are on", () => {
    expect(runCheck(check, goodFacts(), awsContext())[0]!.status).toBe("pass");
  });

  it("fails when the account has no Block Public Access configuration", () => {
    const [r] = runCheck(check, goodFacts({ accountPublicAccessBlock: collected(null) }), awsContext());
    expect(r!.status).toBe("fail");
    expect(r!.evidence).toEqual({ configured: false });
  });

  it("fails and names the flags that are off", () => {
    const pab = { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false };
    const [r] = runCheck(check, goodFacts({ accountPublicAccessBlock: collected(pab) }), awsContext());
    expect(r!.status).toBe("fail");
    expect(r!.message!.en).toBe("Turned off: ignorePublicAcls, restrictPublicBuckets");
  });

  it("reports error naming s3:GetAccountPublicAccessBlock, not pass, when the call is denied", () => {
    const facts = goodFacts({ accountPublicAccessBlock: failed(denied("GetAccountPublicAccessBlock", "s3:GetAccountPublicAccessBlock")) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain("s3:GetAccountPublicAccessBlock");
  });
});
