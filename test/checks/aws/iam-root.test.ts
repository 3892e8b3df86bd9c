import { describe, expect, it } from "vitest";
import rootAccessKeys from "../../../checks/aws/iam-root-access-keys.ts";
import rootMfa from "../../../checks/aws/iam-root-mfa.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

const summary = (rootMfaEnabled: boolean, rootAccessKeysPresent: boolean) =>
  goodFacts({ accountSummary: collected({ rootMfaEnabled, rootAccessKeysPresent }) });
const deniedSummary = goodFacts({ accountSummary: failed(denied("GetAccountSummary", "iam:GetAccountSummary")) });

describe("aws.iam.root_mfa", () => {
  it("passes when the root user has MFA", () => {
    expect(runCheck(rootMfa, summary(true, false), awsContext())[0]!.status).toBe("pass");
  });
  it("fails when the root user has no MFA", () => {
    expect(runCheck(rootMfa, summary(false, false), awsContext())[0]!.status).toBe("fail");
  });
  it("reports error naming iam:GetAccountSummary, not pass, when the call is denied", () => {
    const r = runCheck(rootMfa, deniedSummary, awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("iam:GetAccountSummary");
  });
});

describe("aws.iam.root_access_keys", () => {
  it("passes when the root user has no access key", () => {
    expect(runCheck(rootAccessKeys, summary(true, false), awsContext())[0]!.status).toBe("pass");
  });
  it("fails when the root user has an access key", () => {
    expect(runCheck(rootAccessKeys, summary(true, true), awsContext())[0]!.status).toBe("fail");
  });
  it("reports error, not pass, when the account summary could not be read", () => {
    expect(runCheck(rootAccessKeys, deniedSummary, awsContext())[0]!.status).toBe("error");
  });
});
