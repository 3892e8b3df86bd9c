import { describe, expect, it } from "vitest";
import check from "../../../checks/google/two-sv-enforced.ts";
import { collected, failed, goodFacts, notDelegated, run, user } from "./fixture.ts";

describe("google.directory.2sv_enforced", () => {
  it("passes an organizational unit where every active user has 2-Step Verification enforced", () => {
    const results = run(check, goodFacts());
    expect(results).toEqual([expect.objectContaining({ status: "pass", resource: expect.objectContaining({ uid: "google:orgunit:/" }) })]);
  });

  it("fails each unit with users it is not enforced for, counting them, and passes the others", () => {
    const results = run(check, goodFacts({
      users: collected([
        user("a", { orgUnitPath: "/Sales", isEnforcedIn2Sv: false }),
        user("b", { orgUnitPath: "/Sales" }),
        user("c", { orgUnitPath: "/Office" }),
        user("gone", { orgUnitPath: "/Office", isEnforcedIn2Sv: false, suspended: true }),
      ]),
    }));
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["/Office", "pass"], ["/Sales", "fail"]]);
    expect(results[1]!.message!.en).toBe("2-Step Verification is not enforced for 1 of 2 users in /Sales (a@acme.example).");
    expect(results[1]!.evidence).toEqual({ users: 2, notEnforced: ["a@acme.example"] });
  });

  it("reports error, not pass, when the users could not be listed", () => {
    const r = run(check, goodFacts({ users: failed({ operation: "users.list", code: "rateLimitExceeded", message: "Rate Limit Exceeded (HTTP 429)" }) }))[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("rateLimitExceeded");
  });

  it("reports error when delegation refused the scope", () => {
    const r = run(check, goodFacts({ users: failed(notDelegated("users.list", "https://www.googleapis.com/auth/admin.directory.user.readonly")) }))[0]!;
    expect(r.status).toBe("error");
  });
});
