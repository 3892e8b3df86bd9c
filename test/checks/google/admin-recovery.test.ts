import { describe, expect, it } from "vitest";
import check from "../../../checks/google/admin-recovery.ts";
import { collected, failed, goodFacts, notDelegated, run, user } from "./fixture.ts";

describe("google.directory.admin_recovery", () => {
  it("passes super administrators with a recovery e-mail or a recovery phone", () => {
    const users = [user("boss", { isAdmin: true }), user("it", { isAdmin: true, hasRecoveryEmail: false, hasRecoveryPhone: true })];
    const results = run(check, goodFacts({ users: collected(users) }));
    expect(results.map((r) => r.status)).toEqual(["pass", "pass"]);
    expect(results[0]!.evidence).toMatchObject({ superAdminsWithRecovery: 2, superAdmins: 2 });
  });

  it("fails a super administrator with neither, and says how many have one", () => {
    const users = [user("boss", { isAdmin: true }), user("shared", { isAdmin: true, hasRecoveryEmail: false, hasRecoveryPhone: false })];
    const failing = run(check, goodFacts({ users: collected(users) })).find((r) => r.status === "fail")!;
    expect(failing.resource.name).toBe("shared@acme.example");
    expect(failing.message!.en).toBe("Super administrator shared@acme.example has neither a recovery e-mail nor a recovery phone (1 of 2 super administrators have one).");
    expect(failing.evidence).toEqual({ recoveryEmail: false, recoveryPhone: false, superAdminsWithRecovery: 1, superAdmins: 2 });
  });

  it("judges only active super administrators, not delegated administrators or suspended ones", () => {
    const none = { hasRecoveryEmail: false, hasRecoveryPhone: false };
    const users = [user("boss", { isAdmin: true }), user("helpdesk", { isDelegatedAdmin: true, ...none }), user("gone", { isAdmin: true, suspended: true, ...none })];
    expect(run(check, goodFacts({ users: collected(users) })).map((r) => r.resource.name)).toEqual(["boss@acme.example"]);
  });

  it("reports error, not pass, when the users could not be listed", () => {
    expect(run(check, goodFacts({ users: failed(notDelegated("users.list", "https://www.googleapis.com/auth/admin.directory.user.readonly")) }))[0]!.status).toBe("error");
  });
});
