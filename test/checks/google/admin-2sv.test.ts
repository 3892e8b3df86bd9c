import { describe, expect, it } from "vitest";
import check from "../../../checks/google/admin-2sv.ts";
import { collected, failed, goodFacts, notDelegated, run, user } from "./fixture.ts";

describe("google.directory.admin_2sv", () => {
  it("passes super and delegated administrators with 2-Step Verification, and ignores other users", () => {
    const results = run(check, goodFacts({ users: collected([user("boss", { isAdmin: true }), user("hr", { isDelegatedAdmin: true }), user("staff", { isEnrolledIn2Sv: false })]) }));
    expect(results.map((r) => [r.resource.name, r.status, r.evidence?.role])).toEqual([
      ["boss@acme.example", "pass", "super"], ["hr@acme.example", "pass", "delegated"],
    ]);
  });

  it("fails an administrator who signs in with a password alone", () => {
    const results = run(check, goodFacts({ users: collected([user("shared", { isAdmin: true, isEnrolledIn2Sv: false }), user("hr", { isDelegatedAdmin: true, isEnrolledIn2Sv: false })]) }));
    expect(results.map((r) => r.message?.en)).toEqual([
      "Super administrator shared@acme.example can sign in with a password alone.",
      "Administrator hr@acme.example can sign in with a password alone.",
    ]);
  });

  it("reports error when the users could not be listed", () => {
    const r = run(check, goodFacts({ users: failed(notDelegated("users.list", "https://www.googleapis.com/auth/admin.directory.user.readonly")) }))[0]!;
    expect(r).toMatchObject({ status: "error", cause: { code: "unauthorized_client" } });
  });
});
