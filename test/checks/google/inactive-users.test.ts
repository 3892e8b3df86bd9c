import { describe, expect, it } from "vitest";
import check from "../../../checks/google/inactive-users.ts";
import { collected, daysAgo, failed, goodFacts, notDelegated, run, user } from "./fixture.ts";

describe("google.directory.inactive_users", () => {
  it("passes users who signed in within 90 days, and a new account that has not signed in yet", () => {
    const results = run(check, goodFacts({ users: collected([user("a", { lastLoginTime: daysAgo(89) }), user("new", { lastLoginTime: null, creationTime: daysAgo(5) })]) }));
    expect(results.map((r) => r.status)).toEqual(["pass", "pass"]);
  });

  it("fails an account idle longer than the limit and one never used since it was made", () => {
    const results = run(check, goodFacts({
      users: collected([user("idle", { lastLoginTime: daysAgo(120) }), user("never", { lastLoginTime: null, creationTime: daysAgo(200) })]),
    }));
    expect(results.map((r) => r.message?.en)).toEqual([
      "idle@acme.example has not signed in for 120 days (limit 90).",
      "never@acme.example has never signed in, 200 days after it was created.",
    ]);
  });

  it("reports suspended and archived users apart, as skipped with the reason, never fail", () => {
    const results = run(check, goodFacts({
      users: collected([user("left", { suspended: true, lastLoginTime: daysAgo(300) }), user("kept", { archived: true, lastLoginTime: null })]),
    }));
    expect(results.map((r) => r.status)).toEqual(["skipped", "skipped"]);
    expect(results[0]!.reason!.en).toMatch(/^Suspended: cannot sign in/);
    expect(results[1]!.reason!.ja).toMatch(/^アーカイブ済み/);
  });

  it("reports error when the users could not be listed", () => {
    const r = run(check, goodFacts({ users: failed(notDelegated("users.list", "https://www.googleapis.com/auth/admin.directory.user.readonly")) }))[0]!;
    expect(r.status).toBe("error");
  });
});
