import { collected, type Fact, type Unlicensed } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import { isLicenceError } from "./errors.ts";
import { holdersOf, NEEDS_ENTRA_P1, type GroupMembers, type RoleGrant } from "./directory.ts";
import type { ConditionalAccess, ConditionalAccessPolicy } from "./facts.ts";
import { narrowingConditions, parsePolicyState, stringList } from "./parse.ts";

export function getSecurityDefaults(caller: GraphCaller): Promise<Fact<boolean>> {
  return caller.fact("GetSecurityDefaults", async () => {
    const policy = await caller.get<{ isEnabled?: boolean }>("GetSecurityDefaults", "/policies/identitySecurityDefaultsEnforcementPolicy");
    return policy.isEnabled === true;
  });
}

/** Who holds which directory role, actively or as PIM-eligible: what a policy's role exclusions reach. */
export interface RoleGrants {
  active: Promise<Fact<RoleGrant[]>>;
  eligible: Promise<Fact<RoleGrant[] | Unlicensed>>;
  groups: GroupMembers;
}

/**
 * Conditional Access policies (Entra ID P1 only), and who every MFA policy leaves out: the
 * members of its excluded groups, and the holders of its excluded roles, any role, active or
 * PIM-eligible (an eligible holder is excluded the moment they turn the role on).
 */
export async function getConditionalAccess(caller: GraphCaller, entraP1: boolean | undefined, roles: RoleGrants): Promise<Fact<ConditionalAccess | Unlicensed>> {
  if (entraP1 === false) return collected(NEEDS_ENTRA_P1);
  let raw: GraphPolicy[];
  try {
    raw = await caller.list<GraphPolicy>("ListConditionalAccessPolicies", "/identity/conditionalAccess/policies");
  } catch (err) {
    return isLicenceError(err) ? collected(NEEDS_ENTRA_P1) : caller.failure("ListConditionalAccessPolicies", err);
  }
  const policies = raw.map(toPolicy);
  const mfa = policies.filter((p) => p.state === "enabled" && p.requiresMfa);
  const excludedGroups = [...new Set(mfa.flatMap((p) => p.excludeGroups))];
  const excludedRoles = new Set(mfa.flatMap((p) => p.excludeRoles));

  let grants: RoleGrant[] = [];
  if (excludedRoles.size > 0) {
    const [active, eligible] = await Promise.all([roles.active, roles.eligible]);
    if (!active.ok) return active;
    if (!eligible.ok) return eligible;
    grants = [...active.value, ...(Array.isArray(eligible.value) ? eligible.value : [])];
  }
  return caller.fact("ListGroupMembers", async () => {
    const members = await Promise.all(excludedGroups.map(async (id) => [id, await roles.groups.of(id)] as const));
    const holders = await holdersOf(grants, (id) => excludedRoles.has(id), roles.groups);
    return {
      policies,
      excludedGroupMembers: Object.fromEntries(members),
      excludedRoleMembers: Object.fromEntries([...excludedRoles].map((id) => [id, holders.find((h) => h.roleTemplateId === id)?.userIds ?? []])),
    };
  });
}

function toPolicy(p: GraphPolicy): ConditionalAccessPolicy {
  const users = p.conditions?.users ?? {};
  const apps = p.conditions?.applications ?? {};
  const grant = p.grantControls ?? {};
  const controls = stringList(grant.builtInControls);
  const or = grant.operator !== "AND";
  // With OR, any other control (a compliant device, terms of use, a custom factor) lets a sign-in through without MFA.
  const alternatives = controls.filter((c) => c !== "mfa").length + stringList(grant.termsOfUse).length + stringList(grant.customAuthenticationFactors).length;
  const requiresMfa = (controls.includes("mfa") || grant.authenticationStrength != null) && (!or || alternatives === 0);
  return {
    id: p.id,
    displayName: p.displayName ?? p.id,
    state: parsePolicyState(p.state),
    includeUsers: stringList(users.includeUsers),
    excludeUsers: stringList(users.excludeUsers),
    includeGroups: stringList(users.includeGroups),
    excludeGroups: stringList(users.excludeGroups),
    includeRoles: stringList(users.includeRoles),
    excludeRoles: stringList(users.excludeRoles),
    includeApplications: stringList(apps.includeApplications),
    excludeApplications: stringList(apps.excludeApplications),
    requiresMfa,
    blocks: controls.includes("block"),
    clientAppTypes: stringList(p.conditions?.clientAppTypes),
    narrowedBy: narrowingConditions(p.conditions as Record<string, unknown> | null | undefined),
  };
}

interface GraphPolicy {
  id: string;
  displayName?: string;
  state?: unknown;
  conditions?: {
    users?: Record<string, unknown>;
    applications?: Record<string, unknown>;
  } & Record<string, unknown> | null;
  grantControls?: { operator?: string; builtInControls?: unknown; termsOfUse?: unknown; customAuthenticationFactors?: unknown; authenticationStrength?: unknown } | null;
}
