import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/iam-password-policy.ts";
import { runCheck } from "../../../checks/framework.ts";
import type { PasswordPolicy } from "../../../providers/aws/facts.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

const policy = (p: Partial<PasswordPolicy>): PasswordPolicy => ({
  minimumLength: 8, requireSymbols: false, requireNumbers: false, requireUppercase: false, requireLowercase: false,
  maxAgeDays: null, reusePrevention: null, ...p,
});
const run = (p: PasswordPolicy | null) => runCheck(check, goodFacts({ passwordPolicy: collected(p) }), awsContext())[0]!;

describe("aws.iam.password_policy", () => {
  it("passes 12 characters, or 10 with three kinds of character", () => {
    expect(run(policy({ minimumLength: 12 })).status).toBe("pass");
    expect(run(policy({ minimumLength: 10, requireNumbers: true, requireUppercase: true, requireLowercase: true })).status).toBe("pass");
  });

  it("fails a minimum of 6 characters", () => {
    const r = run(policy({ minimumLength: 6, requireNumbers: true, requireUppercase: true, requireLowercase: true }));
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("Minimum length is 6 characters.");
  });

  it("fails an account with no password policy", () => {
    expect(run(null).status).toBe("fail");
  });

  it("reports error naming iam:GetAccountPasswordPolicy, not pass, when the call is denied", () => {
    const r = runCheck(check, goodFacts({ passwordPolicy: failed(denied("GetAccountPasswordPolicy", "iam:GetAccountPasswordPolicy")) }), awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("iam:GetAccountPasswordPolicy");
  });
});
