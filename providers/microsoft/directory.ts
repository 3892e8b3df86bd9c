import { collected, failed, type Fact, type Unlicensed } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import { GraphCallError, isDenied, isLicenceError, isPimLicenceError } from "./errors.ts";
import type { DirectoryUser, Licences, MfaRegistrations, MfaState, Organization, PrivilegedRole, SignInActivity } from "./facts.ts";
import { dateOrNull, parseEnabled, parseGraphDate, parseIsGuest, parseMailList, type GraphDate } from "./parse.ts";
import { PRIVILEGED_ROLES } from "./roles.ts";

/** Stands in for a fact Graph keeps for tenants with Entra ID P1. */
export const NEEDS_ENTRA_P1: Unlicensed = { unlicensed: { ja: "Entra ID P1 が必要です", en: "needs Entra ID P1" } };

/** Stands in for PIM eligibility, which Graph keeps for tenants with Entra ID P2 or ID Governance. */
export const NEEDS_ENTRA_P2: Unlicensed = {
  unlicensed: {
    ja: "必要なときだけ有効にする管理者の割り当て（Privileged Identity Management、PIM）は読めません。Entra ID P2 または Entra ID Governance のライセンスが必要です",
    en: "eligible (PIM) assignments not read: needs Entra ID P2 or ID Governance",
  },
};

const ENTRA_PREMIUM_PLANS = new Set([
  "41781fb2-bc02-4b7c-bd55-b576c07bb09d", // AAD_PREMIUM (P1)
  "eec0eb4f-6444-4f95-aba0-50c24d67f998", // AAD_PREMIUM_P2
]);

/** Service plans that bring Purview sensitivity labels. */
const INFORMATION_PROTECTION_PLANS = new Set([
  "5136a095-5cf0-4aff-bec3-e84448b38ea5", // MIP_S_CLP1 (Business Premium, Office 365 E3)
  "efb0351d-3b08-4503-993d-383af8de41e3", // MIP_S_CLP2 (E5)
  "6c57d4b6-3b23-47a5-9bc9-69f17b4947b3", // RMS_S_PREMIUM (AIP P1)
  "5689bec4-755d-4753-8b61-40975025187c", // RMS_S_PREMIUM2 (AIP P2)
]);

export function getOrganization(caller: GraphCaller): Promise<Fact<Organization>> {
  return caller.fact("GetOrganization", async () => {
    const page = await caller.get<{ value?: GraphOrganization[] }>("GetOrganization", "/organization?$select=id,displayName,countryLetterCode,verifiedDomains,technicalNotificationMails,securityComplianceNotificationMails");
    const org = page.value?.[0];
    if (!org?.id) throw new GraphCallError("GetOrganization", 200, "MalformedResponse", "Graph returned no organization");
    const domains = org.verifiedDomains ?? [];
    return {
      id: org.id,
      displayName: org.displayName ?? org.id,
      countryLetterCode: org.countryLetterCode ?? null,
      defaultDomain: (domains.find((d) => d.isDefault) ?? domains[0])?.name ?? "",
      technicalNotificationMails: parseMailList(org.technicalNotificationMails),
      securityComplianceNotificationMails: parseMailList(org.securityComplianceNotificationMails),
    };
  });
}

/** One read of the subscriptions tells whether Entra ID P1 features (reports, sign-ins, Conditional Access) exist. */
export function getLicences(caller: GraphCaller): Promise<Fact<Licences>> {
  return caller.fact("ListSubscribedSkus", async () => {
    const skus = await caller.list<GraphSku>("ListSubscribedSkus", "/subscribedSkus?$select=skuId,skuPartNumber,capabilityStatus,consumedUnits,servicePlans");
    const usable = (s: GraphSku) => s.capabilityStatus === "Enabled" || s.capabilityStatus === "Warning";
    const includes = (plans: Set<string>) =>
      skus.some((s) => usable(s) && (s.servicePlans ?? []).some((p) => plans.has(p.servicePlanId) && p.provisioningStatus !== "Disabled"));
    return {
      entraP1: includes(ENTRA_PREMIUM_PLANS),
      informationProtection: includes(INFORMATION_PROTECTION_PLANS),
      skus: skus.map((s) => ({ skuPartNumber: s.skuPartNumber ?? s.skuId, capabilityStatus: s.capabilityStatus ?? "", consumedUnits: s.consumedUnits ?? 0 })),
    };
  });
}

const USER_FIELDS = "id,displayName,userPrincipalName,userType,accountEnabled,assignedLicenses,createdDateTime,externalUserState,preferredDataLocation";

/**
 * Every user in one paged listing. Where P1 may exist the same listing carries
 * `signInActivity` (pages of 120 instead of 999); when Graph refuses that part (no P1, or
 * no AuditLog.Read.All), the plain listing still gives every other check its users.
 */
export async function listUsers(
  caller: GraphCaller,
  entraP1: boolean | undefined,
): Promise<{ users: Fact<DirectoryUser[]>; signIns: Fact<Record<string, Fact<SignInActivity>> | Unlicensed> }> {
  const plain = () => caller.fact("ListUsers", () => caller.list("ListUsers", `/users?$select=${USER_FIELDS}&$top=999`, "tenant", toUser));
  if (entraP1 === false) return { users: await plain(), signIns: collected(NEEDS_ENTRA_P1) };
  try {
    const signIns: Record<string, Fact<SignInActivity>> = {};
    const users = await caller.list("ListUsersWithSignInActivity", `/users?$select=${USER_FIELDS},signInActivity&$top=999`, "tenant", (u: GraphUser) => {
      // Graph sends signInActivity null (or leaves it out) for a user who never signed in.
      if (u.signInActivity != null) signIns[u.id] = signInOf(u.signInActivity);
      return toUser(u);
    });
    return { users: collected(users), signIns: collected(signIns) };
  } catch (err) {
    if (!isLicenceError(err) && !isDenied(err)) {
      const failure = caller.failure("ListUsersWithSignInActivity", err);
      return { users: failure, signIns: failure };
    }
    const users = await plain();
    if (isLicenceError(err)) return { users, signIns: collected(NEEDS_ENTRA_P1) };
    return { users, signIns: users.ok ? caller.failure("ListUsersWithSignInActivity", err) : users };
  }
}

/**
 * Who has registered MFA: one paged report with Entra ID P1, read beside the user listing;
 * without it (known from the licences, or from the report's licence error) one
 * `authentication/methods` read per enabled user once the listing is in, 20 to a `$batch`.
 * Disabled users are not read: they cannot sign in.
 */
export async function collectMfa(caller: GraphCaller, entraP1: boolean | undefined, listed: Promise<Fact<DirectoryUser[]>>): Promise<Fact<MfaRegistrations>> {
  if (entraP1 !== false) {
    try {
      const byUser: Record<string, Fact<MfaState>> = {};
      await caller.list("ListUserRegistrationDetails", "/reports/authenticationMethods/userRegistrationDetails", "tenant", (r: GraphRegistration) => {
        byUser[r.id] = collected({ registered: r.isMfaRegistered === true, methods: r.methodsRegistered ?? [] });
      });
      return collected({ source: "userRegistrationDetails", byUser });
    } catch (err) {
      if (!isLicenceError(err)) return caller.failure("ListUserRegistrationDetails", err);
    }
  }
  const users = await listed;
  if (!users.ok) return users;
  const enabled = users.value.filter((u) => u.enabled);
  const entries = await Promise.all(enabled.map(async (u) => [u.id, await userMethods(caller, u.id)] as const));
  return collected({ source: "authenticationMethods", byUser: Object.fromEntries(entries) });
}

/** Methods that count as a second factor; a password, e-mail (reset only) or a temporary pass do not. */
const MFA_METHOD_TYPES = new Set([
  "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
  "#microsoft.graph.phoneAuthenticationMethod",
  "#microsoft.graph.softwareOathAuthenticationMethod",
  "#microsoft.graph.fido2AuthenticationMethod",
  "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
  "#microsoft.graph.platformCredentialAuthenticationMethod",
  "#microsoft.graph.hardwareOathAuthenticationMethod",
]);

function userMethods(caller: GraphCaller, userId: string): Promise<Fact<MfaState>> {
  return caller.fact("ListAuthenticationMethods", async () => {
    const methods = await caller.list<{ "@odata.type"?: string }>("ListAuthenticationMethods", `/users/${userId}/authentication/methods`, "resource");
    const types = methods.map((m) => m["@odata.type"] ?? "");
    return {
      registered: types.some((t) => MFA_METHOD_TYPES.has(t)),
      methods: types.map((t) => t.replace(/^#microsoft\.graph\./, "").replace(/AuthenticationMethod$/, "")),
    };
  });
}


/** One tenant-wide directory role held by a user, a role-assignable group or an app. */
export interface RoleGrant {
  roleDefinitionId: string;
  principalId: string;
  kind: "user" | "group" | "servicePrincipal";
}

/** Active tenant-wide role assignments, every role. */
export function listActiveGrants(caller: GraphCaller): Promise<Fact<RoleGrant[]>> {
  return caller.fact("ListRoleAssignments", async () =>
    toGrants(await caller.list<GraphRoleAssignment>("ListRoleAssignments", "/roleManagement/directory/roleAssignments?$expand=principal")));
}

/** PIM-eligible tenant-wide role assignments, every role; Unlicensed where the tenant has no PIM. */
export async function listEligibleGrants(caller: GraphCaller): Promise<Fact<RoleGrant[] | Unlicensed>> {
  try {
    return collected(toGrants(await caller.list<GraphRoleAssignment>("ListRoleEligibilitySchedules", "/roleManagement/directory/roleEligibilitySchedules?$expand=principal")));
  } catch (err) {
    return isPimLicenceError(err) ? collected(NEEDS_ENTRA_P2) : caller.failure("ListRoleEligibilitySchedules", err);
  }
}

/** Members of groups, each group read once however many roles and policies name it. */
export class GroupMembers {
  private readonly read = new Map<string, Promise<string[]>>();

  constructor(private readonly caller: GraphCaller) {}

  of(groupId: string): Promise<string[]> {
    let members = this.read.get(groupId);
    if (!members) this.read.set(groupId, members = transitiveUserIds(this.caller, groupId));
    return members;
  }
}

/** The users (groups expanded) and apps holding each of the given roles. */
export async function holdersOf(grants: RoleGrant[], roleIds: (id: string) => boolean, groups: GroupMembers): Promise<PrivilegedRole[]> {
  const roles = new Map<string, PrivilegedRole>();
  for (const g of grants.filter((g) => roleIds(g.roleDefinitionId))) {
    const role = roles.get(g.roleDefinitionId) ?? { roleTemplateId: g.roleDefinitionId, displayName: PRIVILEGED_ROLES[g.roleDefinitionId] ?? g.roleDefinitionId, userIds: [], servicePrincipalIds: [] };
    roles.set(g.roleDefinitionId, role);
    if (g.kind === "group") role.userIds.push(...await groups.of(g.principalId));
    else if (g.kind === "servicePrincipal") role.servicePrincipalIds.push(g.principalId);
    else role.userIds.push(g.principalId);
  }
  for (const role of roles.values()) role.userIds = [...new Set(role.userIds)];
  return [...roles.values()];
}

/** Holders of the privileged roles; a group that cannot be read fails the fact. */
export async function privilegedHolders(grants: Fact<RoleGrant[]>, groups: GroupMembers, caller: GraphCaller): Promise<Fact<PrivilegedRole[]>> {
  if (!grants.ok) return grants;
  return caller.fact("ListGroupMembers", () => holdersOf(grants.value, (id) => id in PRIVILEGED_ROLES, groups));
}

/** The same for PIM-eligible grants, which may be Unlicensed instead. */
export async function eligibleHolders(grants: Fact<RoleGrant[] | Unlicensed>, groups: GroupMembers, caller: GraphCaller): Promise<Fact<PrivilegedRole[] | Unlicensed>> {
  if (grants.ok && !Array.isArray(grants.value)) return collected(grants.value);
  return privilegedHolders(grants as Fact<RoleGrant[]>, groups, caller);
}

function toGrants(assignments: GraphRoleAssignment[]): RoleGrant[] {
  // A scope Graph leaves out is taken as tenant-wide: the wider reading.
  return assignments.filter((a) => (a.directoryScopeId ?? "/") === "/").map((a) => {
    const type = a.principal?.["@odata.type"];
    const kind = type === "#microsoft.graph.group" ? "group" : type === "#microsoft.graph.servicePrincipal" ? "servicePrincipal" : "user";
    return { roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, kind };
  });
}

export async function transitiveUserIds(caller: GraphCaller, groupId: string): Promise<string[]> {
  const members = await caller.list<{ id: string }>("ListGroupMembers", `/groups/${groupId}/transitiveMembers/microsoft.graph.user?$select=id`);
  return members.map((m) => m.id);
}

/** Both sign-in dates; a date that is not one fails this user's fact (never read as "never signed in"). */
function signInOf(activity: NonNullable<GraphUser["signInActivity"]>): Fact<SignInActivity> {
  const interactive = parseGraphDate(activity.lastSignInDateTime);
  if (interactive.kind === "invalid") return invalidSignInDate("lastSignInDateTime", interactive.raw);
  const background = parseGraphDate(activity.lastNonInteractiveSignInDateTime);
  if (background.kind === "invalid") return invalidSignInDate("lastNonInteractiveSignInDateTime", background.raw);
  const successful = parseGraphDate(activity.lastSuccessfulSignInDateTime);
  if (successful.kind === "invalid") return invalidSignInDate("lastSuccessfulSignInDateTime", successful.raw);
  const iso = (d: GraphDate) => d.kind === "date" ? d.iso : null;
  return collected({
    lastSignInDateTime: iso(interactive),
    lastNonInteractiveSignInDateTime: iso(background),
    ...("lastSuccessfulSignInDateTime" in activity ? { lastSuccessfulSignInDateTime: iso(successful) } : {}),
  });
}

function invalidSignInDate(name: string, raw: string): Fact<SignInActivity> {
  return failed({ operation: "ListUsersWithSignInActivity", code: "InvalidDate", message: `${name} '${raw}' is not a date` });
}

function toUser(u: GraphUser): DirectoryUser {
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName ?? u.id,
    displayName: u.displayName ?? u.userPrincipalName ?? u.id,
    guest: parseIsGuest(u.userType),
    enabled: parseEnabled(u.accountEnabled),
    assignedLicenses: u.assignedLicenses?.length ?? 0,
    // null for users created before June 2018 (Graph's user reference), so older than any limit.
    createdDateTime: dateOrNull(u.createdDateTime),
    externalUserState: u.externalUserState ?? null,
    preferredDataLocation: u.preferredDataLocation ?? null,
  };
}

interface GraphOrganization {
  id: string;
  displayName?: string;
  countryLetterCode?: string | null;
  technicalNotificationMails?: unknown;
  securityComplianceNotificationMails?: unknown;
  verifiedDomains?: { name: string; isDefault?: boolean }[];
}

interface GraphSku {
  skuId: string;
  skuPartNumber?: string;
  capabilityStatus?: string;
  consumedUnits?: number;
  servicePlans?: { servicePlanId: string; servicePlanName?: string; provisioningStatus?: string }[];
}

interface GraphUser {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  userType?: string;
  accountEnabled?: boolean;
  assignedLicenses?: unknown[];
  createdDateTime?: string | null;
  externalUserState?: string | null;
  preferredDataLocation?: string | null;
  signInActivity?: { lastSignInDateTime?: unknown; lastNonInteractiveSignInDateTime?: unknown; lastSuccessfulSignInDateTime?: unknown } | null;
}

interface GraphRegistration {
  id: string;
  isMfaRegistered?: boolean;
  methodsRegistered?: string[];
}

interface GraphRoleAssignment {
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId?: string;
  principal?: { "@odata.type"?: string };
}
