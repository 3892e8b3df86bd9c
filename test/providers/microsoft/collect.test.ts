import { afterEach, describe, expect, it } from "vitest";
import type { MicrosoftCollectOptions } from "../../../providers/microsoft/collect.ts";
import { SKU } from "../../../simulator/microsoft/build.ts";
import { exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import type { SimMicrosoftTenant } from "../../../simulator/microsoft/model.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator, type MicrosoftSimulatorOptions } from "../../../simulator/microsoft/server.ts";
import { collectFrom, runMicrosoftChecks, statusOf, TANAKA_UPN } from "../../support/microsoft.ts";

let sim: MicrosoftSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(simulator: Partial<MicrosoftSimulatorOptions> = {}, collect: Partial<MicrosoftCollectOptions> = {}) {
  sim = await startMicrosoftSimulator({ tenant: exampleCoTenant(), ...simulator });
  const collection = await collectFrom(sim, collect);
  return { collection, results: runMicrosoftChecks(collection.facts) };
}

function withoutRole(role: string): SimMicrosoftTenant {
  const tenant = exampleCoTenant();
  tenant.apps[0]!.roles = tenant.apps[0]!.roles.filter((r) => r !== role);
  return tenant;
}

function withoutEntraP1(): SimMicrosoftTenant {
  return { ...exampleCoTenant(), skus: [{ ...SKU.businessStandard, enabledUnits: 15 }] };
}

describe("Microsoft 365 provider against the simulator, through the Graph client", () => {
  it("collects every fact of the demo tenant without an error, 20 reads to a $batch", async () => {
    const { collection } = await scan();
    expect(collection.errors).toEqual([]);
    for (const [name, fact] of Object.entries(collection.facts)) expect([name, fact?.ok]).toEqual([name, true]);
    const reads = Object.entries(collection.apiCalls).filter(([op]) => op !== "$batch").reduce((n, [, c]) => n + c, 0);
    expect(collection.apiCalls.$batch).toBeLessThanOrEqual(Math.ceil(reads / 20) + 4);
    expect(sim!.calls.$batch).toBe(collection.apiCalls.$batch);
    expect(collection.organization).toEqual({ id: sim!.tenant.tenantId, displayName: "株式会社エグザンプル" });
  });

  it("follows @odata.nextLink over three and more pages of users and of the registration report", async () => {
    const { collection } = await scan({ pageSizes: { usersWithSignInActivity: 4, userRegistrationDetails: 5 } });
    expect(collection.apiCalls.ListUsersWithSignInActivity).toBe(4);
    expect(collection.apiCalls.ListUserRegistrationDetails).toBe(3);
    const users = collection.facts.users.ok ? collection.facts.users.value : [];
    expect(users.map((u) => u.id)).toEqual(sim!.tenant.users.map((u) => u.id));
    const mfa = collection.facts.mfa.ok ? collection.facts.mfa.value : undefined;
    expect(Object.keys(mfa!.byUser)).toHaveLength(sim!.tenant.users.length);
  });

  it("retries the one failed sub-request of a $batch on its own; the others are read once", async () => {
    const { collection, results } = await scan({ faults: [{ operation: "GetSecurityDefaults", kind: "ServerError", times: 1 }] });
    expect(collection.errors).toEqual([]);
    expect(sim!.calls.GetSecurityDefaults).toBe(2);
    expect(sim!.calls.GetOrganization).toBe(1);
    expect(sim!.calls.ListSubscribedSkus).toBe(1);
    expect(statusOf(results, "microsoft.entra.mfa_enforced", "uketsuke@example-co.onmicrosoft.com")).toBe("fail");
  });

  it("honours a sub-request's 429 Retry-After for the whole scan and still reaches every verdict", async () => {
    const started = Date.now();
    const { collection, results } = await scan({ faults: [{ operation: "ListSubscribedSkus", kind: "Throttled", retryAfterSeconds: 1, times: 1 }] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(collection.errors).toEqual([]);
    expect(collection.notes.map((n) => n.en)).toContain("Microsoft Graph asked to slow down (Retry-After, up to 1 s); the scan waited as asked.");
    expect(statusOf(results, "microsoft.entra.user_mfa", TANAKA_UPN)).toBe("pass");
  });

  it("lets the Graph client retry a throttled $batch by itself after Retry-After", async () => {
    const { collection } = await scan({ faults: [{ operation: "$batch", kind: "Throttled", retryAfterSeconds: 1, times: 1 }] });
    expect(collection.errors).toEqual([]);
    // The first batch was answered on the client's retry: none of its reads was sent again by the scan.
    expect(sim!.calls.GetOrganization).toBe(1);
    expect(collection.apiCalls.GetOrganization).toBe(1);
    expect(collection.apiCalls.$batch).toBe(sim!.calls.$batch);
    expect(collection.notes.map((n) => n.en)).toContain("Microsoft Graph asked to slow down (Retry-After, up to 1 s); the scan waited as asked.");
  });

  it("ends in error, not pass, when a sub-request stays throttled", async () => {
    const { collection, results } = await scan(
      { faults: [{ operation: "GetBackupRestore", kind: "Unavailable", retryAfterSeconds: 0 }] },
      { retry: { retries: 2, minTimeoutMs: 10 } },
    );
    expect(collection.errors).toEqual([expect.objectContaining({ operation: "GetBackupRestore", code: "serviceNotAvailable" })]);
    expect(sim!.calls.GetBackupRestore).toBe(3);
    expect(results["microsoft.backup.m365_backup"]!.map((r) => r.status)).toEqual(["error"]);
  });

  it("turns a 403 into error naming the missing permission, for exactly the checks that need it", async () => {
    const { collection, results } = await scan({ tenant: withoutRole("Policy.Read.All") });
    expect(collection.errors).toEqual([
      expect.objectContaining({ operation: "GetSecurityDefaults", permission: "Policy.Read.All", code: "Authorization_RequestDenied" }),
      expect.objectContaining({ operation: "ListConditionalAccessPolicies", permission: "Policy.Read.All", code: "Authorization_RequestDenied" }),
    ]);
    const enforced = results["microsoft.entra.mfa_enforced"]![0]!;
    expect(enforced.status).toBe("error");
    expect(enforced.reason!.en).toBe("GetSecurityDefaults was denied: the read-only role needs Policy.Read.All.");
    expect(statusOf(results, "microsoft.entra.user_mfa", TANAKA_UPN)).toBe("pass");
    expect(statusOf(results, "microsoft.backup.m365_backup", "Microsoft 365 Backup: Exchange (mail)")).toBe("fail");
  });

  it.each([
    ["SecurityEvents.Read.All", "ListSecureScores", "microsoft.security.secure_score"],
    ["ServiceHealth.Read.All", "ListHealthOverviews", "microsoft.service.health"],
    ["InformationProtectionPolicy.Read.All", "ListSensitivityLabels", "microsoft.purview.sensitivity_labels"],
  ])("without %s reports %s denied as error naming the permission, for that check only", async (permission, operation, checkId) => {
    const { collection, results } = await scan({ tenant: withoutRole(permission) });
    expect(collection.errors).toEqual([expect.objectContaining({ permission, code: "Authorization_RequestDenied" })]);
    expect(collection.errors[0]!.operation).toMatch(operation === "ListSecureScores" ? /^ListSecureScore/ : new RegExp(`^${operation}$`));
    expect(results[checkId]!.map((r) => r.status)).toEqual(["error"]);
    expect(results[checkId]![0]!.reason!.en).toContain(permission);
    expect(statusOf(results, "microsoft.tenant.notification_contacts", "Technical notification addresses")).toBe("pass");
  });

  it("reads the sensitivity labels through a $batch on Graph's beta version, the other new reads on v1.0", async () => {
    const { collection } = await scan();
    expect(collection.errors).toEqual([]);
    expect(collection.apiCalls).toMatchObject({ ListSensitivityLabels: 1, ListSecureScores: 1, ListSecureScoreControlProfiles: 1, ListHealthOverviews: 1 });
    expect(sim!.calls.ListSensitivityLabels).toBe(1);
    expect(collection.facts.sensitivityLabels).toEqual({ ok: true, value: [] });
  });

  it("reports error, not pass, before Microsoft has computed the tenant's first Secure Score", async () => {
    const tenant = exampleCoTenant();
    tenant.secureScore = null;
    const { results } = await scan({ tenant });
    const score = results["microsoft.security.secure_score"]![0]!;
    expect(score.status).toBe("error");
    expect(score.cause).toMatchObject({ operation: "ListSecureScores", code: "NoSecureScore" });
  });

  it("without AuditLog.Read.All still lists the users: only the checks that need sign-ins and the report are error", async () => {
    const { collection, results } = await scan({ tenant: withoutRole("AuditLog.Read.All") });
    expect(collection.facts.users.ok).toBe(true);
    expect(results["microsoft.entra.inactive_users"]!.map((r) => r.status)).toEqual(["error"]);
    expect(results["microsoft.entra.inactive_users"]![0]!.reason!.en).toContain("AuditLog.Read.All");
    expect(results["microsoft.entra.user_mfa"]![0]!.status).toBe("error");
    expect(statusOf(results, "microsoft.entra.disabled_licensed", "yamada@example-co.onmicrosoft.com")).toBe("fail");
  });

  it("without Entra ID P1 reads MFA per user in $batch requests of 20, and skips the P1-only checks", async () => {
    const { collection, results } = await scan({ tenant: withoutEntraP1() });
    expect(collection.errors).toEqual([]);
    expect(collection.facts.mfa.ok && collection.facts.mfa.value.source).toBe("authenticationMethods");
    const enabled = sim!.tenant.users.filter((u) => u.accountEnabled).length;
    expect(collection.apiCalls.ListAuthenticationMethods).toBe(enabled);
    expect(sim!.calls.ListUserRegistrationDetails).toBeUndefined();
    expect(sim!.calls.ListConditionalAccessPolicies).toBeUndefined();
    expect(sim!.calls.ListUsersWithSignInActivity).toBeUndefined();
    expect(results["microsoft.entra.inactive_users"]).toEqual([expect.objectContaining({ status: "skipped", reason: { ja: "Entra ID P1 が必要です", en: "needs Entra ID P1" } })]);
    expect(statusOf(results, "microsoft.entra.user_mfa", TANAKA_UPN)).toBe("pass");
    expect(statusOf(results, "microsoft.entra.user_mfa", "suzuki@example-co.onmicrosoft.com")).toBe("fail");
    expect(results["microsoft.entra.mfa_enforced"]!.map((r) => r.status)).toEqual(["fail"]);
    expect(results["microsoft.entra.mfa_enforced"]![0]!.message!.en).toBe("Security defaults are off and nothing else enforces MFA.");
  });

  it("skips the sensitivity labels, without calling Graph, where no subscription includes them", async () => {
    const { collection, results } = await scan({ tenant: withoutEntraP1() });
    expect(sim!.calls.ListSensitivityLabels).toBeUndefined();
    expect(collection.apiCalls.ListSensitivityLabels).toBeUndefined();
    const labels = results["microsoft.purview.sensitivity_labels"]!;
    expect(labels.map((r) => r.status)).toEqual(["skipped"]);
    expect(labels[0]!.reason!.en).toContain("no subscription includes sensitivity labels");
  });

  it("learns there is no Entra ID P1 from Graph's licence error when the subscriptions cannot be read", async () => {
    const tenant = withoutEntraP1();
    tenant.apps[0]!.roles = tenant.apps[0]!.roles.filter((r) => r !== "Organization.Read.All");
    const { collection, results } = await scan({ tenant });
    expect(collection.errors.map((e) => e.permission)).toEqual(["Organization.Read.All", "Organization.Read.All"]);
    expect(collection.facts.mfa.ok && collection.facts.mfa.value.source).toBe("authenticationMethods");
    expect(results["microsoft.entra.inactive_users"]![0]!.status).toBe("skipped");
  });

  it("fails every fact with Entra's reason when the app cannot sign in, without a single Graph call", async () => {
    sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    const collection = await collectFrom(sim, { secrets: { clientSecret: "wrong" } });
    expect(collection.errors).toEqual([expect.objectContaining({ operation: "SignIn", code: "AADSTS7000215" })]);
    expect(collection.facts.users).toEqual({ ok: false, error: collection.errors[0] });
    expect(sim.calls.$batch).toBeUndefined();
    expect(runMicrosoftChecks(collection.facts)["microsoft.entra.user_mfa"]![0]!.status).toBe("error");
  });

  it("does not crawl a single drive when the tenant allows no Anyone links", async () => {
    const tenant = exampleCoTenant();
    tenant.sharePointSettings.sharingCapability = "externalUserSharingOnly";
    const { collection, results } = await scan({ tenant });
    expect(collection.facts.sharedFiles).toBeUndefined();
    expect(sim!.calls.DriveDelta).toBeUndefined();
    expect(results["microsoft.files.anyone_link"]).toEqual([expect.objectContaining({ status: "pass" })]);
  });
});
