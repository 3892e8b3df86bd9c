import { collected, type Fact, type Unlicensed } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import { isLicenceError } from "./errors.ts";
import { NEEDS_ENTRA_P1, transitiveUserIds } from "./directory.ts";
import type { ConditionalAccess, ConditionalAccessPolicy } from "./facts.ts";

export function getSecurityDefaults(caller: GraphCaller): Promise<Fact<boolean>> {
  return caller.fact("GetSecurityDefaults", async () => {
    const policy = await caller.get<{ isEnabled?: boolean }>("GetSecurityDefaults", "/policies/identitySecurityDefaultsEnforcementPolicy");
    return policy.isEnabled === true;
  });
}

/**
 * Conditional Access policies (Entra ID P1 only), and the members of every group an enabled
 * MFA policy leaves out, so the checks can tell exactly who is not asked for MFA.
 */
export async function getConditionalAccess(caller: GraphCaller, entraP1: boolean | undefined): Promise<Fact<ConditionalAccess | Unlicensed>> {
  if (entraP1 === false) return collected(NEEDS_ENTRA_P1);
  let raw: GraphPolicy[];
  try {
    raw = await caller.list<GraphPolicy>("ListConditionalAccessPolicies", "/identity/conditionalAccess/policies");
  } catch (err) {
    return isLicenceError(err) ? collected(NEEDS_ENTRA_P1) : caller.failure("ListConditionalAccessPolicies", err);
  }
  const policies = raw.map(toPolicy);
  const excluded = [...new Set(policies.filter((p) => p.state === "enabled" && p.requiresMfa).flatMap((p) => p.excludeGroups))];
  return caller.fact("ListGroupMembers", async () => {
    const members = await Promise.all(excluded.map(async (id) => [id, await transitiveUserIds(caller, id)] as const));
    return { policies, excludedGroupMembers: Object.fromEntries(members) };
  });
}

function toPolicy(p: GraphPolicy): ConditionalAccessPolicy {
  const users = p.conditions?.users ?? {};
  const apps = p.conditions?.applications ?? {};
  const grant = p.grantControls ?? {};
  const controls = grant.builtInControls ?? [];
  // With OR, any other control (a compliant device, terms of use) lets a sign-in through without MFA.
  const mfaAlone = controls.includes("mfa") && (grant.operator === "AND" || controls.length === 1);
  const strengthAlone = grant.authenticationStrength != null && (grant.operator === "AND" || controls.length === 0);
  return {
    id: p.id,
    displayName: p.displayName ?? p.id,
    state: p.state ?? "disabled",
    includeUsers: users.includeUsers ?? [],
    excludeUsers: users.excludeUsers ?? [],
    includeGroups: users.includeGroups ?? [],
    excludeGroups: users.excludeGroups ?? [],
    includeRoles: users.includeRoles ?? [],
    excludeRoles: users.excludeRoles ?? [],
    includeApplications: apps.includeApplications ?? [],
    excludeApplications: apps.excludeApplications ?? [],
    requiresMfa: mfaAlone || strengthAlone,
  };
}

interface GraphPolicy {
  id: string;
  displayName?: string;
  state?: string;
  conditions?: {
    users?: Partial<Record<"includeUsers" | "excludeUsers" | "includeGroups" | "excludeGroups" | "includeRoles" | "excludeRoles", string[]>>;
    applications?: { includeApplications?: string[]; excludeApplications?: string[] };
  };
  grantControls?: { operator?: string; builtInControls?: string[]; authenticationStrength?: unknown } | null;
}
