import { describe, expect, it } from "vitest";
import check from "../../../checks/google/super-admin-count.ts";
import { DEFAULT_POLICY } from "../../../checks/framework.ts";
import { collected, failed, goodFacts, googleContext, notDelegated, run, user } from "./fixture.ts";

const admins = (n: number, extra = {}) => Array.from({ length: n }, (_, i) => user(`admin${i}`, { isAdmin: true, ...extra }));

describe("google.directory.super_admin_count", () => {
  it("passes two to four active super administrators", () => {
    const r = run(check, goodFacts({ users: collected([...admins(3), user("staff")]) }))[0]!;
    expect(r).toMatchObject({ status: "pass", evidence: { allowed: { min: 2, max: 4 } } });
    expect(r.resource.consoleUrl).toBe("https://admin.google.com/ac/roles");
  });

  it("fails five super administrators", () => {
    const r = run(check, goodFacts({ users: collected(admins(5)) }))[0]!;
    expect(r).toMatchObject({ status: "fail", message: { en: "5 users are super administrators (at most 4 advised)." } });
  });

  it("fails a single super administrator even when the tenant policy allows one, since nobody could recover them", () => {
    const ctx = googleContext({ policy: { ...DEFAULT_POLICY, administrators: { min: 1, max: 4 } } });
    const r = run(check, goodFacts({ users: collected([...admins(1), user("staff", { isDelegatedAdmin: true })]) }), ctx)[0]!;
    expect(r).toMatchObject({ status: "fail", message: { en: "Only 1 super administrator(s) (at least 2 advised)." } });
  });

  it("does not count suspended super administrators", () => {
    const r = run(check, goodFacts({ users: collected([...admins(2), ...admins(3, { suspended: true }).map((u, i) => ({ ...u, id: `s${i}` }))]) }))[0]!;
    expect(r.status).toBe("pass");
  });

  it("reports error when the users could not be listed", () => {
    const r = run(check, goodFacts({ users: failed(notDelegated("users.list", "https://www.googleapis.com/auth/admin.directory.user.readonly")) }))[0]!;
    expect(r.status).toBe("error");
  });
});
