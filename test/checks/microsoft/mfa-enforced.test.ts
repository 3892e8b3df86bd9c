import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/mfa-enforced.ts";
import { GLOBAL_ADMINISTRATOR } from "../../../providers/microsoft/roles.ts";
import { collected, denied, failed, goodFacts, mfaPolicy, microsoftContext, NEEDS_ENTRA_P1, SATO, TANAKA } from "./fixture.ts";

const ca = (...policies: ReturnType<typeof mfaPolicy>[]) =>
  collected({ policies, excludedGroupMembers: { "grp-exempt": [SATO.id] }, excludedRoleMembers: { [GLOBAL_ADMINISTRATOR]: [TANAKA.id, SATO.id], "role-reader": [SATO.id] } });
const statuses = (facts: ReturnType<typeof goodFacts>) => runCheck(check, facts, microsoftContext()).map((r) => [r.resource.name, r.status]);

describe("microsoft.entra.mfa_enforced", () => {
  it("passes the whole tenant once when security defaults are on, whatever Conditional Access says", () => {
    const results = runCheck(check, goodFacts({ securityDefaultsEnabled: collected(true), conditionalAccess: failed(denied("ListConditionalAccessPolicies", "Policy.Read.All")) }), microsoftContext());
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe("pass");
  });

  it("passes every member covered by an enabled all-users, all-apps MFA policy", () => {
    expect(statuses(goodFacts())).toEqual([["tanaka@acme.onmicrosoft.com", "pass"], ["sato@acme.onmicrosoft.com", "pass"]]);
  });

  it("fails the member the policy excludes, by user or through an excluded group", () => {
    expect(statuses(goodFacts({ conditionalAccess: ca(mfaPolicy({ excludeUsers: [SATO.id] })) }))).toEqual([["tanaka@acme.onmicrosoft.com", "pass"], ["sato@acme.onmicrosoft.com", "fail"]]);
    const results = runCheck(check, goodFacts({ conditionalAccess: ca(mfaPolicy({ excludeGroups: ["grp-exempt"] })) }), microsoftContext());
    expect(results[1]!.status).toBe("fail");
    expect(results[1]!.message!.en).toBe("sato (sato@acme.onmicrosoft.com) is excluded from the policies that require MFA (Require MFA: excludeGroups grp-exempt).");
  });

  it("fails members left out through an excluded role, any role and not only the privileged ones", () => {
    const facts = goodFacts({ conditionalAccess: ca(mfaPolicy({ excludeRoles: [GLOBAL_ADMINISTRATOR] })) });
    expect(statuses(facts)).toEqual([["tanaka@acme.onmicrosoft.com", "fail"], ["sato@acme.onmicrosoft.com", "fail"]]);
    const reader = goodFacts({ conditionalAccess: ca(mfaPolicy({ excludeRoles: ["role-reader"] })) });
    expect(statuses(reader)).toEqual([["tanaka@acme.onmicrosoft.com", "pass"], ["sato@acme.onmicrosoft.com", "fail"]]);
  });

  it("fails the tenant, not passes anyone, when the only MFA policy applies under conditions (location, platform, risk)", () => {
    for (const narrowedBy of [["locations"], ["device platforms"], ["sign-in risk"], ["client apps: exchangeActiveSync"], ["condition somethingNew"]]) {
      const results = runCheck(check, goodFacts({ conditionalAccess: ca(mfaPolicy({ narrowedBy })) }), microsoftContext());
      expect(results.map((r) => r.status)).toEqual(["fail"]);
      expect(results[0]!.evidence!.onlyUnderConditions).toEqual([`Require MFA: ${narrowedBy[0]}`]);
    }
  });

  it("does not count a disabled policy or one in a state added later", () => {
    for (const state of ["disabled", "unknown"] as const) {
      expect(runCheck(check, goodFacts({ conditionalAccess: ca(mfaPolicy({ state })) }), microsoftContext()).map((r) => r.status)).toEqual(["fail"]);
    }
  });

  it("fails the tenant once when the only MFA policy is report-only, naming it", () => {
    const results = runCheck(check, goodFacts({ conditionalAccess: ca(mfaPolicy({ state: "enabledForReportingButNotEnforced" })) }), microsoftContext());
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe("fail");
    expect(results[0]!.evidence!.notEnforced).toEqual(["Require MFA (enabledForReportingButNotEnforced)"]);
  });

  it("does not count a policy that leaves some apps out or lets another control stand in for MFA", () => {
    expect(runCheck(check, goodFacts({ conditionalAccess: ca(mfaPolicy({ excludeApplications: ["app-1"] })) }), microsoftContext())[0]!.status).toBe("fail");
    expect(runCheck(check, goodFacts({ conditionalAccess: ca(mfaPolicy({ requiresMfa: false })) }), microsoftContext())[0]!.status).toBe("fail");
  });

  it("fails, not skips, a tenant without Entra ID P1 whose security defaults are off: they are free", () => {
    const r = runCheck(check, goodFacts({ conditionalAccess: collected(NEEDS_ENTRA_P1) }), microsoftContext())[0]!;
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("Security defaults are off and nothing else enforces MFA.");
  });

  it("reports error naming Policy.Read.All when security defaults could not be read", () => {
    const r = runCheck(check, goodFacts({ securityDefaultsEnabled: failed(denied("GetSecurityDefaults", "Policy.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("Policy.Read.All");
  });

  it("reports error when security defaults are off and the Conditional Access policies could not be read", () => {
    const r = runCheck(check, goodFacts({ conditionalAccess: failed(denied("ListConditionalAccessPolicies", "Policy.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
  });

  it("fails closed for each user when a policy excludes a role whose holders were not read", () => {
    const facts = goodFacts({ conditionalAccess: ca(mfaPolicy({ excludeRoles: ["role-never-read"] })) });
    expect(runCheck(check, facts, microsoftContext()).map((r) => r.status)).toEqual(["error", "error"]);
  });

  it("evaluates members only", () => {
    const facts = goodFacts({ users: collected([TANAKA, { ...SATO, guest: true }]) });
    expect(runCheck(check, facts, microsoftContext())).toHaveLength(1);
  });
});
