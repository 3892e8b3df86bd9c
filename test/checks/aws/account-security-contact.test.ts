import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/account-security-contact.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.account.security_contact", () => {
  it("passes when a security contact is registered, and names it", () => {
    const r = runCheck(check, goodFacts(), awsContext())[0]!;
    expect(r.status).toBe("pass");
    expect(r.message!.en).toBe("Security contact: Tanaka Taro (security@acme.example)");
  });

  it("fails when no security contact is set", () => {
    expect(runCheck(check, goodFacts({ securityContact: collected(null) }), awsContext())[0]!.status).toBe("fail");
  });

  it("reports error, not fail, when GetAlternateContact is denied", () => {
    const r = runCheck(check, goodFacts({ securityContact: failed(denied("GetAlternateContact", "account:GetAlternateContact")) }), awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("account:GetAlternateContact");
  });
});
