import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/inactive-users.ts";
import { collected, daysAgo, denied, failed, goodFacts, microsoftContext, NEEDS_ENTRA_P1, SATO, TANAKA, user } from "./fixture.ts";

describe("microsoft.entra.inactive_users", () => {
  it("passes users who signed in recently, counting non-interactive sign-ins, and fails one idle for 200 days", () => {
    const idle = user("idle");
    const facts = goodFacts({
      users: collected([TANAKA, SATO, idle]),
      signIns: collected({
        [TANAKA.id]: collected({ lastSignInDateTime: daysAgo(120), lastNonInteractiveSignInDateTime: daysAgo(2) }),
        [SATO.id]: collected({ lastSignInDateTime: daysAgo(10), lastNonInteractiveSignInDateTime: null }),
        [idle.id]: collected({ lastSignInDateTime: daysAgo(200), lastNonInteractiveSignInDateTime: null }),
      }),
    });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["pass", "pass", "fail"]);
    expect(results[2]!.message!.en).toBe("Account idle (idle@acme.onmicrosoft.com) has not signed in for 200 days.");
  });

  it("fails a guest whose invitation was never accepted, and passes a new account that has not signed in yet", () => {
    const pending = user("tax", { guest: true, externalUserState: "PendingAcceptance", createdDateTime: daysAgo(120), userPrincipalName: "tax_cpa.example#EXT#@acme.onmicrosoft.com" });
    const fresh = user("new", { createdDateTime: daysAgo(5) });
    const results = runCheck(check, goodFacts({ users: collected([pending, fresh]), signIns: collected({}) }), microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["fail", "pass"]);
    expect(results[0]!.message!.en).toBe("Guest tax (tax@cpa.example) never accepted the invitation, sent 120 days ago.");
  });

  it("fails, not passes, an account that never signed in and has no creation date (made before June 2018)", () => {
    const old = user("old", { createdDateTime: null });
    const results = runCheck(check, goodFacts({ users: collected([old]), signIns: collected({}) }), microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["fail"]);
  });

  it("reports error for the one user whose sign-in date could not be read, and judges the others", () => {
    const facts = goodFacts({
      signIns: collected({
        [TANAKA.id]: failed({ operation: "ListUsersWithSignInActivity", code: "InvalidDate", message: "lastSignInDateTime 'yesterday' is not a date" }),
        [SATO.id]: collected({ lastSignInDateTime: daysAgo(1), lastNonInteractiveSignInDateTime: null }),
      }),
    });
    expect(runCheck(check, facts, microsoftContext()).map((r) => r.status)).toEqual(["error", "pass"]);
  });

  it("is skipped with the reason, never pass or fail, without Entra ID P1", () => {
    const results = runCheck(check, goodFacts({ signIns: collected(NEEDS_ENTRA_P1) }), microsoftContext());
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe("skipped");
    expect(results[0]!.reason).toEqual({ ja: "Entra ID P1 が必要です", en: "needs Entra ID P1" });
  });

  it("reports error naming AuditLog.Read.All when sign-in activity is denied", () => {
    const r = runCheck(check, goodFacts({ signIns: failed(denied("ListUsersWithSignInActivity", "AuditLog.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("AuditLog.Read.All");
  });
});
