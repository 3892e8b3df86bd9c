import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/disabled-licensed.ts";
import { collected, denied, failed, goodFacts, microsoftContext, TANAKA, user } from "./fixture.ts";

describe("microsoft.entra.disabled_licensed", () => {
  it("fails a disabled account that still holds a licence and passes one without, ignoring enabled users", () => {
    const facts = goodFacts({ users: collected([TANAKA, user("yamada", { enabled: false, assignedLicenses: 1 }), user("nakamura", { enabled: false, assignedLicenses: 0 })]) });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["yamada@acme.onmicrosoft.com", "fail"], ["nakamura@acme.onmicrosoft.com", "pass"]]);
    expect(results[0]!.message!.en).toBe("Disabled yamada (yamada@acme.onmicrosoft.com) still holds 1 licence.");
  });

  it("reports error naming User.Read.All when the users are denied", () => {
    const r = runCheck(check, goodFacts({ users: failed(denied("ListUsers", "User.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("User.Read.All");
  });
});
