import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/iam-user-console-mfa.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts, NOW, user } from "./fixture.ts";

const report = (users: ReturnType<typeof user>[]) => goodFacts({ credentialReport: collected({ generatedAt: NOW.toISOString(), users }) });

describe("aws.iam.user_console_mfa", () => {
  it("passes a console user with MFA and shows when the credential report was generated", () => {
    const r = runCheck(check, report([user("tanaka")]), awsContext())[0]!;
    expect(r.status).toBe("pass");
    expect(r.evidence!.reportGeneratedAt).toBe(NOW.toISOString());
  });

  it("fails a console user without MFA, one result per user", () => {
    const results = runCheck(check, report([user("tanaka"), user("suzuki", { mfaActive: false })]), awsContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["tanaka", "pass"], ["suzuki", "fail"]]);
    expect(results[1]!.resource.uid).toBe("arn:aws:iam::123456789012:user/suzuki");
  });

  it("leaves out users who cannot sign in to the console", () => {
    const results = runCheck(check, report([user("tanaka"), user("ci", { passwordEnabled: false, mfaActive: false })]), awsContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["tanaka", "pass"]]);
  });

  it("reports error for that user alone, not pass, when its password or MFA cell could not be read", () => {
    const unreadable = failed({ operation: "GetCredentialReport", code: "UnreadableValue", message: "user kato: mfa_active is \"yes\", not true or false" });
    const results = runCheck(check, report([user("tanaka"), user("kato", { console: unreadable })]), awsContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["tanaka", "pass"], ["kato", "error"]]);
    expect(results[1]!.reason!.en).toContain("mfa_active");
  });

  it("reports error naming iam:GenerateCredentialReport, not pass, when the report is denied", () => {
    const facts = goodFacts({ credentialReport: failed(denied("GenerateCredentialReport", "iam:GenerateCredentialReport")) });
    const r = runCheck(check, facts, awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("iam:GenerateCredentialReport");
  });
});
