import { guid, SKU } from "./build.ts";
import { caPolicy } from "./example-co.ts";
import { ENTRA_P2_PLAN, ROLE, type SimMicrosoftTenant, type SimPermission, type SimUser } from "./model.ts";

/**
 * Switches that turn a simulated tenant into one of the cases Graph really produces and a
 * parser easily gets wrong. Each changes the tenant in place and returns it.
 */

/** .NET `DateTime.MinValue`: what Graph and SharePoint write for "no date". */
export const DOTNET_MIN_DATE = "0001-01-01T00:00:00Z";

/**
 * Sentinel dates: every sharing link without an expiry says `0001-01-01T00:00:00Z`, as
 * SharePoint does, and users who never signed in non-interactively carry it too.
 */
export function withSentinelDates(tenant: SimMicrosoftTenant): SimMicrosoftTenant {
  for (const site of tenant.sites) {
    for (const drive of site.drives) {
      for (const item of drive.items) {
        for (const p of item.permissions) if (p.link && !p.expirationDateTime) p.expirationDateTime = DOTNET_MIN_DATE;
      }
    }
  }
  for (const u of tenant.users) u.lastNonInteractiveSignInDateTime ??= DOTNET_MIN_DATE;
  return tenant;
}

/** SharePoint settings without `sharingCapability` (older tenants, or a value Graph chose not to send). */
export function withoutSharingCapability(tenant: SimMicrosoftTenant): SimMicrosoftTenant {
  delete tenant.sharePointSettings.sharingCapability;
  return tenant;
}

/** The only MFA policy applies under these Conditional Access conditions (e.g. outside trusted locations). */
export function withConditionalMfa(tenant: SimMicrosoftTenant, conditions: Record<string, unknown>): SimMicrosoftTenant {
  tenant.conditionalAccessPolicies = [caPolicy("MFA (条件付き)", "enabled", {}, {}, conditions)];
  return tenant;
}

/** Conditional Access conditions Graph documents, each limiting a policy to some sign-ins. */
export const NARROWING_CONDITIONS: Record<string, Record<string, unknown>> = {
  "outside trusted locations": { locations: { includeLocations: ["All"], excludeLocations: ["AllTrusted"] } },
  "some platforms": { platforms: { includePlatforms: ["android", "iOS"], excludePlatforms: [] } },
  "legacy clients only": { clientAppTypes: ["exchangeActiveSync", "other"] },
  "risky sign-ins": { signInRiskLevels: ["high", "medium"] },
  "risky users": { userRiskLevels: ["high"] },
  "device filter": { devices: { deviceFilter: { mode: "exclude", rule: "device.isCompliant -eq True" } } },
  "authentication flows": { authenticationFlows: { transferMethods: "deviceCodeFlow" } },
};

/** The MFA policy leaves out every holder of a directory role, here one that is not privileged. */
export function withRoleExcludedFromMfa(tenant: SimMicrosoftTenant, holder: SimUser, roleDefinitionId: string = ROLE.globalReader): SimMicrosoftTenant {
  tenant.roleAssignments.push({ id: guid(`ra:${roleDefinitionId}:${holder.id}`), roleDefinitionId, principalId: holder.id });
  tenant.conditionalAccessPolicies = [caPolicy("全ユーザーに MFA を要求", "enabled", { excludeRoles: [roleDefinitionId] })];
  return tenant;
}

/** Entra ID P2 (PIM): these users are eligible for Global Administrator, not active holders. */
export function withEligibleGlobalAdmins(tenant: SimMicrosoftTenant, users: SimUser[]): SimMicrosoftTenant {
  tenant.skus = tenant.skus.map((s) => ({ ...s, servicePlans: [...s.servicePlans, ENTRA_P2_PLAN] }));
  tenant.roleEligibilities = users.map((u) => ({ id: guid(`re:ga:${u.id}`), roleDefinitionId: ROLE.globalAdministrator, principalId: u.id }));
  return tenant;
}

/** A tenant on Business Standard: no Entra ID P1 or P2. */
export function withoutEntraPremium(tenant: SimMicrosoftTenant): SimMicrosoftTenant {
  tenant.skus = [{ ...SKU.businessStandard, enabledUnits: 15 }];
  return tenant;
}

/** A sharing link of a scope Graph may add later, unknown to any parser written before it. */
export function linkOfUnknownScope(): SimPermission {
  return { id: guid("link:future-scope"), roles: ["read"], link: { scope: "tenantPartners" as "users", type: "view" } };
}
