import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/admin-count.ts";
import type { PrivilegedRole } from "../../../providers/microsoft/facts.ts";
import { GLOBAL_ADMINISTRATOR } from "../../../providers/microsoft/roles.ts";
import { collected, denied, failed, goodFacts, microsoftContext, user } from "./fixture.ts";

const SHAREPOINT_ADMIN = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c";
const people = ["a", "b", "c", "d", "e"].map((n, i) => user(n, { enabled: i !== 4 }));
const role = (roleTemplateId: string, displayName: string, userIds: string[]): PrivilegedRole => ({ roleTemplateId, displayName, userIds, servicePrincipalIds: [] });
const run = (...roles: PrivilegedRole[]) => runCheck(check, goodFacts({ users: collected(people), privilegedRoles: collected(roles) }), microsoftContext());

describe("microsoft.entra.admin_count", () => {
  it("passes two to four Global Administrators and one SharePoint Administrator, one result per role", () => {
    const results = run(role(GLOBAL_ADMINISTRATOR, "Global Administrator", ["id-a", "id-b"]), role(SHAREPOINT_ADMIN, "SharePoint Administrator", ["id-c"]));
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["Global Administrator", "pass"], ["SharePoint Administrator", "pass"]]);
    expect(results[0]!.evidence!.holders).toEqual(["a@acme.onmicrosoft.com", "b@acme.onmicrosoft.com"]);
  });

  it("fails five Global Administrators and says one of them is disabled", () => {
    const r = run(role(GLOBAL_ADMINISTRATOR, "Global Administrator", people.map((p) => p.id)))[0]!;
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("5 people hold Global Administrator (1 of them disabled); at most 4 advised.");
  });

  it("fails a single Global Administrator: nobody can step in when that person is away", () => {
    const r = run(role(GLOBAL_ADMINISTRATOR, "Global Administrator", ["id-a"]))[0]!;
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("Only 1 Global Administrator; name at least 2.");
  });

  it("reports Global Administrator even when nobody holds it", () => {
    const results = run(role(SHAREPOINT_ADMIN, "SharePoint Administrator", ["id-c"]));
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["Global Administrator", "fail"], ["SharePoint Administrator", "pass"]]);
  });

  it("reports error naming RoleManagement.Read.Directory when role assignments are denied", () => {
    const r = runCheck(check, goodFacts({ privilegedRoles: failed(denied("ListRoleAssignments", "RoleManagement.Read.Directory")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("RoleManagement.Read.Directory");
  });
});
