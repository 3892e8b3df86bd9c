import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/user-mfa.ts";
import type { MfaRegistrations } from "../../../providers/microsoft/facts.ts";
import { collected, denied, failed, goodFacts, microsoftContext, SATO, TANAKA, user } from "./fixture.ts";

const GUEST = user("partner", { guest: true, userPrincipalName: "partner_other.example#EXT#@acme.onmicrosoft.com" });
const OFF = user("left", { enabled: false });
const mfa = (byUser: MfaRegistrations["byUser"], source: MfaRegistrations["source"] = "userRegistrationDetails") => collected({ source, byUser });

describe("microsoft.entra.user_mfa", () => {
  it("passes members with MFA registered and fails the one without, leaving out guests and disabled accounts", () => {
    const facts = goodFacts({
      users: collected([TANAKA, SATO, GUEST, OFF]),
      mfa: mfa({ [TANAKA.id]: collected({ registered: true, methods: ["microsoftAuthenticatorPush"] }), [SATO.id]: collected({ registered: false, methods: [] }) }),
    });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["tanaka@acme.onmicrosoft.com", "pass"], ["sato@acme.onmicrosoft.com", "fail"]]);
    expect(results[1]!.message!.en).toBe("sato (sato@acme.onmicrosoft.com) can sign in with a password alone (no MFA method registered).");
    expect(results[1]!.resource.uid).toBe(`entra:users/${SATO.id}`);
  });

  it("reports error naming AuditLog.Read.All, not pass, when the registration report is denied", () => {
    const r = runCheck(check, goodFacts({ mfa: failed(denied("ListUserRegistrationDetails", "AuditLog.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("AuditLog.Read.All");
  });

  it("is error for just the user whose methods could not be read on the fallback path", () => {
    const facts = goodFacts({
      mfa: mfa({ [TANAKA.id]: collected({ registered: true, methods: ["microsoftAuthenticator"] }), [SATO.id]: failed(denied("ListAuthenticationMethods", "UserAuthenticationMethod.Read.All")) }, "authenticationMethods"),
    });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["pass", "error"]);
    expect(results[1]!.reason!.en).toContain("UserAuthenticationMethod.Read.All");
  });

  it("is error, not fail, for a user the registration report does not list yet", () => {
    const facts = goodFacts({ mfa: mfa({ [TANAKA.id]: collected({ registered: true, methods: [] }) }) });
    const results = runCheck(check, facts, microsoftContext());
    expect(results[1]!.status).toBe("error");
    expect(results[1]!.cause!.code).toBe("NotInReport");
  });
});
