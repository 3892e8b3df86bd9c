import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/legacy-auth.ts";
import { collected, denied, failed, goodFacts, GOOD_SHAREPOINT, mfaPolicy, microsoftContext, NEEDS_ENTRA_P1 } from "./fixture.ts";

const SIGN_IN = "Legacy authentication (Entra ID sign-in)";
const SHAREPOINT = "Legacy authentication (SharePoint and OneDrive)";
const blockLegacy = (overrides: Parameters<typeof mfaPolicy>[0] = {}) => mfaPolicy({
  id: "ca-legacy", displayName: "Block legacy authentication", requiresMfa: false, blocks: true,
  clientAppTypes: ["exchangeActiveSync", "other"], narrowedBy: ["client apps: exchangeActiveSync, other"], ...overrides,
});
const withPolicies = (...policies: ReturnType<typeof mfaPolicy>[]) => ({ conditionalAccess: collected({ policies, excludedGroupMembers: {}, excludedRoleMembers: {} }) });
const statuses = (facts: ReturnType<typeof goodFacts>) => Object.fromEntries(runCheck(check, facts, microsoftContext()).map((r) => [r.resource.name, r.status]));

describe("microsoft.entra.legacy_auth_blocked", () => {
  it("passes an enabled Conditional Access block of both legacy client types for everyone, and SharePoint with legacy authentication off", () => {
    expect(statuses(goodFacts(withPolicies(mfaPolicy(), blockLegacy())))).toEqual({ [SIGN_IN]: "pass", [SHAREPOINT]: "pass" });
  });

  it("passes security defaults, even without Entra ID P1 for Conditional Access", () => {
    expect(statuses(goodFacts({ securityDefaultsEnabled: collected(true), conditionalAccess: collected(NEEDS_ENTRA_P1) }))[SIGN_IN]).toBe("pass");
  });

  it("fails a block left in report-only mode, one covering only some client types, and none at all; and SharePoint accepting legacy sign-ins", () => {
    const reportOnly = runCheck(check, goodFacts({ ...withPolicies(blockLegacy({ state: "enabledForReportingButNotEnforced" })), sharePoint: collected({ ...GOOD_SHAREPOINT, isLegacyAuthProtocolsEnabled: true }) }), microsoftContext());
    expect(reportOnly.map((r) => r.status)).toEqual(["fail", "fail"]);
    expect(reportOnly[0]!.message!.en).toBe("Policy \"Block legacy authentication\" would block legacy authentication but is not on (report-only or disabled).");
    expect(statuses(goodFacts(withPolicies(blockLegacy({ clientAppTypes: ["exchangeActiveSync"] }))))[SIGN_IN]).toBe("fail");
    expect(statuses(goodFacts(withPolicies(blockLegacy({ includeUsers: [], includeGroups: ["sales"] }))))[SIGN_IN]).toBe("fail");
    expect(statuses(goodFacts(withPolicies(blockLegacy({ narrowedBy: ["client apps: exchangeActiveSync, other", "locations"] }))))[SIGN_IN]).toBe("fail");
    expect(statuses(goodFacts({ conditionalAccess: collected(NEEDS_ENTRA_P1) }))[SIGN_IN]).toBe("fail");
  });

  it("reports error, not pass, for the place whose facts were denied, and still judges the other", () => {
    const results = runCheck(check, goodFacts({ ...withPolicies(blockLegacy()), sharePoint: failed(denied("GetSharePointSettings", "SharePointTenantSettings.Read.All")) }), microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([[SIGN_IN, "pass"], [SHAREPOINT, "error"]]);
    expect(results[1]!.reason!.en).toContain("SharePointTenantSettings.Read.All");
    const noPolicies = runCheck(check, goodFacts({ conditionalAccess: failed(denied("ListConditionalAccessPolicies", "Policy.Read.All")) }), microsoftContext());
    expect(noPolicies[0]!.status).toBe("error");
    expect(noPolicies[0]!.reason!.en).toContain("Policy.Read.All");
  });

  it("reports error when SharePoint leaves the legacy setting out", () => {
    const r = runCheck(check, goodFacts({ ...withPolicies(blockLegacy()), sharePoint: collected({ ...GOOD_SHAREPOINT, isLegacyAuthProtocolsEnabled: null }) }), microsoftContext());
    expect(r[1]!.status).toBe("error");
  });
});
