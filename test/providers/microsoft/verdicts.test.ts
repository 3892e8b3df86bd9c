import { afterEach, describe, expect, it } from "vitest";
import type { MicrosoftCollectOptions } from "../../../providers/microsoft/collect.ts";
import { caPolicy, exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { ROLE, type SimMicrosoftTenant } from "../../../simulator/microsoft/model.ts";
import {
  DOTNET_MIN_DATE, linkOfUnknownScope, NARROWING_CONDITIONS, withConditionalMfa, withEligibleGlobalAdmins, withoutEntraPremium,
  withoutSharingCapability, withRoleExcludedFromMfa, withSentinelDates,
} from "../../../simulator/microsoft/scenarios.ts";
import { file } from "../../../simulator/microsoft/build.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator, type MicrosoftSimulatorOptions } from "../../../simulator/microsoft/server.ts";
import { collectFrom, runMicrosoftChecks, statusOf } from "../../support/microsoft.ts";

let sim: MicrosoftSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(tenant: SimMicrosoftTenant = exampleCoTenant(), simulator: Partial<MicrosoftSimulatorOptions> = {}, collect: Partial<MicrosoftCollectOptions> = {}) {
  sim = await startMicrosoftSimulator({ tenant, ...simulator });
  const collection = await collectFrom(sim, collect);
  return { collection, results: runMicrosoftChecks(collection.facts) };
}

const CUSTOMER_LIST = "鈴木 花子 / 顧客リスト.xlsx";
const userOf = (tenant: SimMicrosoftTenant, alias: string) => tenant.users.find((u) => u.userPrincipalName.startsWith(`${alias}@`))!;

describe("Microsoft 365 verdicts: sentinel and absent values are never pass", () => {
  it("fails an Anyone edit link whose expiry is 0001-01-01 (no expiry), and shows it as never expiring", async () => {
    const { results } = await scan(withSentinelDates(exampleCoTenant()));
    const edit = results["microsoft.files.anyone_edit_link"]!.find((r) => r.resource.name === CUSTOMER_LIST)!;
    expect(edit.status).toBe("fail");
    expect(edit.message!.ja).toContain("期限なし");
    expect(JSON.stringify(edit)).not.toContain("0001-01-01");
  });

  it("reads a 0001-01-01 sign-in date as no sign-in, not as one 2,000 years ago or a recent one", async () => {
    const tenant = withSentinelDates(exampleCoTenant());
    const kobayashi = userOf(tenant, "kobayashi");
    kobayashi.lastSignInDateTime = DOTNET_MIN_DATE;
    kobayashi.lastNonInteractiveSignInDateTime = DOTNET_MIN_DATE;
    const { collection, results } = await scan(tenant);
    expect(collection.errors).toEqual([]);
    const inactive = results["microsoft.entra.inactive_users"]!.find((r) => r.resource.name.startsWith("kobayashi@"))!;
    expect(inactive.status).toBe("fail");
    expect(inactive.message!.en).toContain("has never signed in since it was created");
  });

  it("fails an account whose only recent sign-ins failed: the last success decides, not the last attempt", async () => {
    const tenant = exampleCoTenant();
    const ito = userOf(tenant, "ito");
    ito.lastSuccessfulSignInDateTime = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const { results } = await scan(tenant);
    expect(statusOf(results, "microsoft.entra.inactive_users", "ito@example-co.onmicrosoft.com")).toBe("fail");
  });

  it("crawls the files when sharingCapability is absent, fails the Anyone links found, and reports the setting as error", async () => {
    const { collection, results } = await scan(withoutSharingCapability(exampleCoTenant()));
    expect(collection.facts.sharedFiles?.ok).toBe(true);
    expect(sim!.calls.DriveDelta).toBeGreaterThan(0);
    expect(statusOf(results, "microsoft.files.anyone_edit_link", CUSTOMER_LIST)).toBe("fail");
    expect(statusOf(results, "microsoft.files.anyone_link", CUSTOMER_LIST)).toBe("fail");
    expect(statusOf(results, "microsoft.sharepoint.tenant_sharing", "\"Anyone\" links")).toBe("error");
  });

  it("fails a file whose link has a scope Graph added later as error for that file, and judges the others", async () => {
    const tenant = exampleCoTenant();
    const sales = tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!.drives[0]!;
    file(sales, "partner-share.xlsx", [linkOfUnknownScope()]);
    const { results } = await scan(tenant);
    const future = results["microsoft.files.anyone_link"]!.find((r) => r.resource.name.endsWith("partner-share.xlsx"))!;
    expect(future.status).toBe("error");
    expect(future.cause!.code).toBe("UnknownValue");
    expect(statusOf(results, "microsoft.files.anyone_link", CUSTOMER_LIST)).toBe("fail");
  });
});

describe("Microsoft 365 verdicts: one bad answer spoils only what depends on it", () => {
  it("crawls the files when the SharePoint settings are denied: the settings check is error naming the permission, the links are judged", async () => {
    const { collection, results } = await scan(exampleCoTenant(), { faults: [{ operation: "GetSharePointSettings", kind: "Denied" }] });
    expect(collection.facts.sharePoint.ok).toBe(false);
    expect(collection.facts.sharedFiles?.ok).toBe(true);
    const setting = results["microsoft.sharepoint.tenant_sharing"]!;
    expect(setting.map((r) => r.status)).toEqual(["error"]);
    expect(setting[0]!.reason!.en).toContain("SharePointTenantSettings.Read.All");
    expect(statusOf(results, "microsoft.files.anyone_edit_link", CUSTOMER_LIST)).toBe("fail");
  });

  it("retries a $batch whose body was cut short, and then reaches the same verdicts", async () => {
    const { collection, results } = await scan(exampleCoTenant(), { faults: [{ operation: "$batch", kind: "Truncated", times: 1 }] });
    expect(collection.errors).toEqual([]);
    expect(statusOf(results, "microsoft.files.anyone_edit_link", CUSTOMER_LIST)).toBe("fail");
  });

  it("reports error, never an empty pass, when every $batch body is cut short", async () => {
    const { collection, results } = await scan(exampleCoTenant(), { faults: [{ operation: "$batch", kind: "Truncated" }] }, { retry: { retries: 1, minTimeoutMs: 5 } });
    expect(collection.errors.map((e) => e.code)).toContain("MalformedResponse");
    // A check that judges several places on their own facts has one error per place.
    for (const [id, list] of Object.entries(results)) expect([id, [...new Set(list.map((r) => r.status))]]).toEqual([id, ["error"]]);
  });

  it("reports error, not pass, for a read whose response is missing from its $batch answer; the other reads are judged", async () => {
    const { results } = await scan(exampleCoTenant(), { faults: [{ operation: "GetBackupRestore", kind: "Unanswered" }] }, { retry: { retries: 1, minTimeoutMs: 5 } });
    expect(sim!.calls.GetBackupRestore).toBe(2);
    expect(results["microsoft.backup.m365_backup"]!.map((r) => r.status)).toEqual(["error"]);
    expect(results["microsoft.backup.m365_backup"]![0]!.cause!.code).toBe("MalformedResponse");
    expect(statusOf(results, "microsoft.files.anyone_edit_link", CUSTOMER_LIST)).toBe("fail");
  });

  it("retries a read whose body inside the $batch was cut short; when it stays so, only its checks are error", async () => {
    const once = await scan(exampleCoTenant(), { faults: [{ operation: "ListUsersWithSignInActivity", kind: "Truncated", times: 1 }] });
    expect(once.collection.errors).toEqual([]);
    expect(sim!.calls.ListUsersWithSignInActivity).toBe(2);
    await sim!.stop();

    const always = await scan(exampleCoTenant(), { faults: [{ operation: "GetBackupRestore", kind: "Truncated" }] }, { retry: { retries: 2, minTimeoutMs: 5 } });
    expect(sim!.calls.GetBackupRestore).toBe(3);
    expect(always.results["microsoft.backup.m365_backup"]!.map((r) => r.status)).toEqual(["error"]);
    expect(always.results["microsoft.backup.m365_backup"]![0]!.cause!.code).toBe("MalformedResponse");
    expect(statusOf(always.results, "microsoft.files.anyone_edit_link", CUSTOMER_LIST)).toBe("fail");
  });
});

describe("Microsoft 365 verdicts: MFA enforcement reads Conditional Access as Graph means it", () => {
  for (const [name, conditions] of Object.entries(NARROWING_CONDITIONS)) {
    it(`does not count an MFA policy limited to ${name} as MFA for everyone`, async () => {
      const { results } = await scan(withConditionalMfa(exampleCoTenant(), conditions));
      const enforced = results["microsoft.entra.mfa_enforced"]!;
      expect(enforced.map((r) => r.status)).toEqual(["fail"]);
      expect(enforced[0]!.evidence!.onlyUnderConditions).toHaveLength(1);
    });
  }

  it("still counts a policy whose conditions are Graph's 'every sign-in' defaults", async () => {
    const { results } = await scan(withConditionalMfa(exampleCoTenant(), { locations: { includeLocations: ["All"], excludeLocations: [] }, clientAppTypes: ["all"] }));
    expect(statusOf(results, "microsoft.entra.mfa_enforced", "tanaka@example-co.onmicrosoft.com")).toBe("pass");
  });

  it("fails the holder of a non-privileged role the MFA policy excludes (Global Reader), and passes the others", async () => {
    const tenant = exampleCoTenant();
    withRoleExcludedFromMfa(tenant, userOf(tenant, "ito"));
    const { results } = await scan(tenant);
    expect(statusOf(results, "microsoft.entra.mfa_enforced", "ito@example-co.onmicrosoft.com")).toBe("fail");
    expect(statusOf(results, "microsoft.entra.mfa_enforced", "tanaka@example-co.onmicrosoft.com")).toBe("pass");
  });

  it("fails a PIM-eligible holder of a role the MFA policy excludes", async () => {
    const tenant = exampleCoTenant();
    withEligibleGlobalAdmins(tenant, [userOf(tenant, "ito")]);
    tenant.conditionalAccessPolicies = [caPolicy("管理者以外に MFA", "enabled", { excludeRoles: [ROLE.globalAdministrator] })];
    const { results } = await scan(tenant);
    expect(statusOf(results, "microsoft.entra.mfa_enforced", "ito@example-co.onmicrosoft.com")).toBe("fail");
    expect(statusOf(results, "microsoft.entra.mfa_enforced", "takahashi@example-co.onmicrosoft.com")).toBe("pass");
  });
});

describe("Microsoft 365 verdicts: PIM-eligible administrators are administrators", () => {
  it("counts eligible Global Administrators and judges their MFA", async () => {
    const tenant = exampleCoTenant();
    withEligibleGlobalAdmins(tenant, [userOf(tenant, "ito")]);
    const { collection, results } = await scan(tenant);
    expect(collection.errors).toEqual([]);
    const ga = results["microsoft.entra.admin_count"]!.find((r) => r.resource.name === "Global Administrator")!;
    expect(ga.evidence!.eligibleHolders).toEqual(["ito@example-co.onmicrosoft.com"]);
    expect(ga.evidence!.holders).toHaveLength(6);
    expect(statusOf(results, "microsoft.entra.admin_mfa", "ito@example-co.onmicrosoft.com")).toBe("fail");
  });

  it("without Entra ID P2 still judges the active assignments and reports the eligible part skipped with the reason", async () => {
    const { collection, results } = await scan();
    expect(collection.errors).toEqual([]);
    expect(sim!.calls.ListRoleEligibilitySchedules).toBe(1);
    const eligible = results["microsoft.entra.admin_count"]!.find((r) => r.resource.name === "Eligible (PIM) role assignments")!;
    expect(eligible.status).toBe("skipped");
    expect(eligible.reason!.en).toContain("needs Entra ID P2");
    expect(statusOf(results, "microsoft.entra.admin_count", "Global Administrator")).toBe("fail");
    expect(statusOf(results, "microsoft.entra.admin_mfa", "suzuki@example-co.onmicrosoft.com")).toBe("fail");
    expect(statusOf(results, "microsoft.entra.admin_mfa", "Eligible (PIM) role assignments")).toBe("skipped");
  });

  it("reports the eligible part as error naming the permission when it is denied, and never passes a count it could not finish", async () => {
    const tenant = exampleCoTenant();
    // Two active Global Administrators: within the bounds, were there no eligible ones.
    const keep = new Set([userOf(tenant, "tanaka").id, userOf(tenant, "suzuki").id]);
    tenant.roleAssignments = tenant.roleAssignments.filter((r) => r.roleDefinitionId !== ROLE.globalAdministrator || keep.has(r.principalId));
    const { results } = await scan(withEligibleGlobalAdmins(tenant, []), { faults: [{ operation: "ListRoleEligibilitySchedules", kind: "Denied" }] });
    const count = results["microsoft.entra.admin_count"]!;
    expect(count.find((r) => r.resource.name === "Global Administrator")!.status).toBe("error");
    const eligible = count.find((r) => r.resource.name === "Eligible (PIM) role assignments")!;
    expect(eligible.status).toBe("error");
    expect(eligible.reason!.en).toContain("RoleManagement.Read.Directory");
  });

  it("reads no eligibility when the tenant has no Entra ID P1 either, and says why", async () => {
    const { results } = await scan(withoutEntraPremium(exampleCoTenant()));
    expect(statusOf(results, "microsoft.entra.admin_count", "Eligible (PIM) role assignments")).toBe("skipped");
  });
});
