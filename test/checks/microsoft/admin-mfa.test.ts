import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/admin-mfa.ts";
import { GLOBAL_ADMINISTRATOR } from "../../../providers/microsoft/roles.ts";
import { collected, denied, failed, goodFacts, microsoftContext, SATO, TANAKA, user } from "./fixture.ts";

const ITO = user("ito");

describe("microsoft.entra.admin_mfa", () => {
  it("passes the administrator with MFA, fails the one without, and leaves out people with no admin role", () => {
    const facts = goodFacts({
      users: collected([TANAKA, SATO, ITO]),
      mfa: collected({ source: "userRegistrationDetails", byUser: {
        [TANAKA.id]: collected({ registered: true, methods: ["fido2"] }),
        [SATO.id]: collected({ registered: false, methods: [] }),
        [ITO.id]: collected({ registered: false, methods: [] }),
      } }),
    });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["tanaka@acme.onmicrosoft.com", "pass"], ["sato@acme.onmicrosoft.com", "fail"]]);
    expect(results[1]!.message!.en).toBe("Administrator sato (sato@acme.onmicrosoft.com) (Global Administrator) has no MFA registered.");
  });

  it("leaves out disabled administrators: they cannot sign in", () => {
    const facts = goodFacts({ users: collected([TANAKA, { ...SATO, enabled: false }]), privilegedRoles: collected([{ roleTemplateId: GLOBAL_ADMINISTRATOR, displayName: "Global Administrator", userIds: [TANAKA.id, SATO.id], servicePrincipalIds: [] }]) });
    expect(runCheck(check, facts, microsoftContext()).map((r) => r.resource.name)).toEqual(["tanaka@acme.onmicrosoft.com"]);
  });

  it("reports error naming AuditLog.Read.All when MFA registration could not be read", () => {
    const r = runCheck(check, goodFacts({ mfa: failed(denied("ListUserRegistrationDetails", "AuditLog.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("AuditLog.Read.All");
  });
});
