import { describe, expect, it } from "vitest";
import check from "../../../checks/google/user-2sv-enrolled.ts";
import { collected, failed, goodFacts, notDelegated, run, user } from "./fixture.ts";

const SCOPE = "https://www.googleapis.com/auth/admin.directory.user.readonly";

describe("google.directory.user_2sv_enrolled", () => {
  it("passes each active user enrolled in 2-Step Verification", () => {
    const results = run(check, goodFacts());
    expect(results.map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
    expect(results[0]!.resource).toMatchObject({ uid: "google:user/id-boss", name: "boss@acme.example", type: "Google::Directory::User" });
  });

  it("fails a user who has not enrolled, naming them", () => {
    const results = run(check, goodFacts({ users: collected([user("staff", { isEnrolledIn2Sv: false })]) }));
    expect(results[0]).toMatchObject({ status: "fail", message: { en: "staff@acme.example has not set up 2-Step Verification." } });
  });

  it("leaves suspended and archived users out: neither fails, neither is named", () => {
    const results = run(check, goodFacts({
      users: collected([user("gone", { suspended: true, isEnrolledIn2Sv: false }), user("old", { archived: true, isEnrolledIn2Sv: false }), user("staff")]),
    }));
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["staff@acme.example", "pass"]]);
  });

  it("reports error naming the Directory scope, not pass, when delegation refused it", () => {
    const r = run(check, goodFacts({ users: failed(notDelegated("users.list", SCOPE)) }))[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain(SCOPE);
  });
});
