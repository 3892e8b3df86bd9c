import { delta, driveJson, findDrive, findSite, permissions, project, siteJson } from "./drives.ts";
import {
  hasEntraP1, hasEntraP2, userById, type SimHealthIssue, type SimMethod, type SimMicrosoftTenant, type SimSecureScoreControl, type SimServiceHealth, type SimUser,
} from "./model.ts";
import type { AccessToken } from "./token.ts";
import { graphError, type GraphAnswer } from "./wire.ts";

/**
 * The Graph resources a read-only scanner uses, rendered from the tenant model as Microsoft
 * documents them: `$select`, `$top`, `@odata.nextLink` paging, `$expand=principal`, the
 * application permissions each one needs (from the token's `roles`), and the 403 a tenant
 * without Entra ID P1 gets where P1 is required.
 */
export interface PageSizes {
  /** What the server sends at most per page, whatever `$top` asks (Graph may always send fewer). */
  users: number;
  usersWithSignInActivity: number;
  userRegistrationDetails: number;
  sites: number;
  roleAssignments: number;
  delta: number;
}

export const GRAPH_PAGE_SIZES: PageSizes = {
  users: 999,
  usersWithSignInActivity: 120,
  userRegistrationDetails: 1000,
  sites: 999,
  roleAssignments: 999,
  delta: 1000,
};

export interface GraphContext {
  tenant: SimMicrosoftTenant;
  token: AccessToken;
  /** `https://host:port/v1.0`: what links start with. */
  linkRoot: string;
  pageSizes: PageSizes;
  /** The request's `Prefer` preferences (lower case): delta reads `deltashowsharingchanges` and `hierarchicalsharing`. */
  prefer: Set<string>;
}

export interface GraphRoute {
  /** Names the request for call counts and faults; the same names the provider uses. */
  operation: string;
  /** Every group must be met by one of its permissions. */
  permissions: string[][];
  needsEntraP1?: boolean;
  /** PIM: answered with Graph's 400 AadPremiumLicenseRequired where the tenant has no Entra ID P2. */
  needsEntraP2?: boolean;
  /** The user, drive or site the request is about, for targeted faults. */
  resource?: string;
  answer(): GraphAnswer;
}

const DIRECTORY_READ = "Directory.Read.All";
const SECURITY_EVENTS = ["SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All"];
const FILES = ["Sites.Read.All", "Files.Read.All"];

export function routeGraph(path: string, query: URLSearchParams, ctx: GraphContext): GraphRoute {
  const { tenant } = ctx;
  const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
  const route = (operation: string, permissions: string[][], answer: () => GraphAnswer, extra: Partial<GraphRoute> = {}): GraphRoute =>
    ({ operation, permissions, answer, ...extra });
  const [a, b, c, d, e] = segments;
  const at = (...parts: string[]) => segments.length === parts.length && parts.every((p, i) => p === "*" || p === segments[i]);

  if (at("organization")) {
    return route("GetOrganization", [["Organization.Read.All", DIRECTORY_READ]], () => ok(ctx, "organization", { value: [organizationJson(tenant)] }));
  }
  if (at("subscribedSkus")) {
    return route("ListSubscribedSkus", [["Organization.Read.All", "LicenseAssignment.Read.All", DIRECTORY_READ]],
      () => ok(ctx, "subscribedSkus", { value: tenant.skus.map((s) => project(skuJson(s, tenant), selectOf(query))) }));
  }
  if (at("users")) {
    const select = selectOf(query);
    const withSignIn = select?.includes("signInActivity") ?? false;
    return route(withSignIn ? "ListUsersWithSignInActivity" : "ListUsers",
      withSignIn ? [["User.Read.All", DIRECTORY_READ], ["AuditLog.Read.All"]] : [["User.Read.All", DIRECTORY_READ]],
      () => paged(ctx, "/users", query, tenant.users, withSignIn ? ctx.pageSizes.usersWithSignInActivity : ctx.pageSizes.users, 100,
        (u) => project(userJson(u, tenant), select ?? DEFAULT_USER_PROPERTIES)),
      { needsEntraP1: withSignIn });
  }
  if (a === "users" && b && c === "authentication" && d === "methods" && segments.length === 4) {
    return route("ListAuthenticationMethods", [["UserAuthenticationMethod.Read.All"]], () => {
      const user = tenant.users.find((u) => u.id === b || u.userPrincipalName.toLowerCase() === b.toLowerCase());
      if (!user) return graphError(404, "Request_ResourceNotFound", `Resource '${b}' does not exist or one of its queried reference-property objects are not present.`);
      return ok(ctx, `users('${user.id}')/authentication/methods`, { value: user.methods.map((m, i) => methodJson(m, i, user)) });
    }, { resource: b });
  }
  if (at("reports", "authenticationMethods", "userRegistrationDetails")) {
    return route("ListUserRegistrationDetails", [["AuditLog.Read.All"]],
      () => {
        const updated = new Date().toISOString();
        return paged(ctx, "/reports/authenticationMethods/userRegistrationDetails", query, tenant.users,
          ctx.pageSizes.userRegistrationDetails, ctx.pageSizes.userRegistrationDetails, (u) => registrationJson(u, tenant, updated));
      },
      { needsEntraP1: true });
  }
  if (at("policies", "identitySecurityDefaultsEnforcementPolicy")) {
    return route("GetSecurityDefaults", [["Policy.Read.All"]], () => ok(ctx, "policies/identitySecurityDefaultsEnforcementPolicy/$entity", {
      id: "00000000-0000-0000-0000-000000000005",
      displayName: "Security Defaults",
      description: "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
      isEnabled: tenant.securityDefaults,
    }));
  }
  if (at("identity", "conditionalAccess", "policies")) {
    return route("ListConditionalAccessPolicies", [["Policy.Read.All"]],
      () => ok(ctx, "identity/conditionalAccess/policies", { value: tenant.conditionalAccessPolicies }), { needsEntraP1: true });
  }
  if (at("roleManagement", "directory", "roleAssignments")) {
    const expand = query.get("$expand") === "principal";
    return route("ListRoleAssignments", [["RoleManagement.Read.Directory", "RoleManagement.Read.All", DIRECTORY_READ]],
      () => paged(ctx, "/roleManagement/directory/roleAssignments", query, tenant.roleAssignments, ctx.pageSizes.roleAssignments, 100, (r) => ({
        id: r.id, principalId: r.principalId, roleDefinitionId: r.roleDefinitionId, directoryScopeId: "/",
        ...(expand ? { principal: principalJson(r.principalId, tenant) } : {}),
      })));
  }
  if (at("roleManagement", "directory", "roleEligibilitySchedules")) {
    const expand = query.get("$expand") === "principal";
    return route("ListRoleEligibilitySchedules", [["RoleEligibilitySchedule.Read.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All"]],
      () => paged(ctx, "/roleManagement/directory/roleEligibilitySchedules", query, tenant.roleEligibilities ?? [], ctx.pageSizes.roleAssignments, 100, (r) => ({
        id: r.id, principalId: r.principalId, roleDefinitionId: r.roleDefinitionId, directoryScopeId: "/", appScopeId: null,
        createdUsing: r.id, createdDateTime: "2025-04-01T00:00:00Z", modifiedDateTime: null, status: "Provisioned", memberType: "Direct",
        scheduleInfo: { startDateTime: "2025-04-01T00:00:00Z", recurrence: null, expiration: { type: "noExpiration", endDateTime: null, duration: null } },
        ...(expand ? { principal: principalJson(r.principalId, tenant) } : {}),
      })), { needsEntraP2: true });
  }
  if (a === "groups" && b && c === "transitiveMembers" && (segments.length === 3 || (segments.length === 4 && d === "microsoft.graph.user"))) {
    return route("ListGroupMembers", [["GroupMember.Read.All", "Group.Read.All", DIRECTORY_READ]], () => {
      if (!tenant.groups.some((g) => g.id === b)) return graphError(404, "Request_ResourceNotFound", `Resource '${b}' does not exist or one of its queried reference-property objects are not present.`);
      const users = transitiveUsers(tenant, b).map((u) => project({ "@odata.type": "#microsoft.graph.user", id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName }, selectOf(query)));
      return paged(ctx, path, query, users, 999, 100);
    }, { resource: b });
  }
  if (at("admin", "sharepoint", "settings")) {
    return route("GetSharePointSettings", [["SharePointTenantSettings.Read.All"]],
      () => ok(ctx, "admin/sharepoint/settings/$entity", { "@odata.type": "#microsoft.graph.sharepointSettings", ...tenant.sharePointSettings }));
  }
  if (at("sites", "getAllSites")) {
    const select = selectOf(query);
    return route("ListSites", [["Sites.Read.All"]], () => paged(ctx, "/sites/getAllSites", query, tenant.sites, ctx.pageSizes.sites, 200,
      (s) => project(siteJson(s, tenant.sharePointHost), select)));
  }
  if (a === "sites" && b && c === "drives" && segments.length === 3) {
    return route("ListDrives", [FILES], () => {
      const site = findSite(tenant, b);
      if (!site) return graphError(404, "itemNotFound", "Requested site could not be found");
      return ok(ctx, "drives", { value: site.drives.map((dr) => project(driveJson(dr, tenant), selectOf(query))) });
    }, { resource: b });
  }
  if (a === "sites" && b && c === "drive" && d === "root" && isDelta(e) && segments.length === 5) {
    return route("DriveDelta", [FILES], () => {
      const drive = findSite(tenant, b)?.drives[0];
      if (!drive) return graphError(404, "itemNotFound", "The resource could not be found.");
      return delta(drive, tenant, withToken(query, e!), ctx.linkRoot, ctx.pageSizes.delta, ctx.prefer);
    }, { resource: b });
  }
  if (a === "drives" && b && c === "root" && isDelta(d) && segments.length === 4) {
    return route("DriveDelta", [FILES], () => {
      const drive = findDrive(tenant, b);
      if (!drive) return graphError(404, "itemNotFound", "The resource could not be found.");
      return delta(drive, tenant, withToken(query, d!), ctx.linkRoot, ctx.pageSizes.delta, ctx.prefer);
    }, { resource: b });
  }
  if (a === "drives" && b && c === "items" && d && e === "permissions" && segments.length === 5) {
    return route("ListItemPermissions", [FILES], () => {
      const drive = findDrive(tenant, b);
      if (!drive) return graphError(404, "itemNotFound", "The resource could not be found.");
      return permissions(drive, d, tenant);
    }, { resource: d });
  }
  if (at("solutions", "backupRestore")) {
    return route("GetBackupRestore", [["BackupRestore-Control.Read.All", "BackupRestore-Control.ReadWrite.All"]], () => ok(ctx, "solutions/backupRestore/$entity", {
      serviceStatus: {
        status: tenant.backup.status,
        disableReason: "none",
        backupServiceConsumer: "firstparty",
        lastModifiedDateTime: "2026-04-01T00:00:00Z",
        lastModifiedBy: { user: { identity: tenant.users[0]?.id ?? "" } },
      },
    }));
  }
  if (at("solutions", "backupRestore", "protectionPolicies")) {
    return route("ListProtectionPolicies", [["BackupRestore-Configuration.Read.All", "BackupRestore-Configuration.ReadWrite.All"]], () => ok(ctx, "ProtectionPolicies", {
      value: tenant.backup.status === "enabled" ? tenant.backup.policies.map((p) => ({
        "@odata.type": `#microsoft.graph.${p.workload}ProtectionPolicy`,
        id: p.id,
        displayName: p.displayName,
        status: p.status,
        createdDateTime: "2026-04-01T00:00:00Z",
        lastModifiedDateTime: "2026-04-01T00:00:00Z",
        retentionSettings: [{ interval: "R/PT10M", period: "P2W" }, { interval: "R/P1W", period: "P1Y" }],
      })) : [],
    }));
  }
  if (at("security", "secureScores")) {
    return route("ListSecureScores", [SECURITY_EVENTS], () => paged(ctx, "/security/secureScores", query,
      tenant.secureScore ? [secureScoreJson(tenant)] : [], 1, 1));
  }
  if (at("security", "secureScoreControlProfiles")) {
    return route("ListSecureScoreControlProfiles", [SECURITY_EVENTS], () => paged(ctx, "/security/secureScoreControlProfiles", query,
      tenant.secureScore?.controls ?? [], 100, 100, (c) => controlProfileJson(c, tenant)));
  }
  if (at("admin", "serviceAnnouncement", "healthOverviews")) {
    const issues = query.get("$expand") === "issues";
    return route("ListHealthOverviews", [["ServiceHealth.Read.All"]], () => paged(ctx, "/admin/serviceAnnouncement/healthOverviews", query,
      tenant.serviceHealth, 100, 100, (h) => ({ service: h.service, status: h.status, id: h.id, ...(issues ? { issues: h.issues.map((i) => issueJson(i, h)) } : {}) })));
  }
  // Graph keeps the organisation's labels in beta only; v1.0 has no such segment.
  if (at("security", "informationProtection", "sensitivityLabels") && ctx.linkRoot.endsWith("/beta")) {
    return route("ListSensitivityLabels", [["InformationProtectionPolicy.Read.All"]], () => ok(ctx, "security/informationProtection/sensitivityLabels", {
      value: tenant.sensitivityLabels.map((l) => ({
        id: l.id, name: l.name, description: "", color: "", sensitivity: l.sensitivity, tooltip: `${l.name} のデータ`,
        isActive: l.isActive, isAppliable: l.isActive, contentFormats: ["file", "email"], hasProtection: false, parent: null,
      })),
    }));
  }
  return route("Unknown", [], () => graphError(400, "BadRequest", `Resource not found for the segment '${segments[0] ?? ""}'.`));
}

/** Answers whether the token's roles meet a route's permissions, and whether the licence allows it. */
export function authorize(route: GraphRoute, token: AccessToken, tenant: SimMicrosoftTenant): GraphAnswer | undefined {
  const roles = new Set(token.roles);
  if (!route.permissions.every((group) => group.some((p) => roles.has(p)))) {
    const files = route.operation === "ListDrives" || route.operation === "DriveDelta" || route.operation === "ListItemPermissions"
      || route.operation === "ListSites" || route.operation === "GetSharePointSettings";
    return files
      ? graphError(403, "accessDenied", "Access denied")
      : graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  if (route.needsEntraP2 && !hasEntraP2(tenant)) {
    return graphError(400, "AadPremiumLicenseRequired", "The tenant needs an AAD Premium 2 license.");
  }
  if (route.needsEntraP1 && !hasEntraP1(tenant)) {
    return graphError(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "Neither tenant is B2C or tenant doesn't have premium license");
  }
  return undefined;
}

const DEFAULT_USER_PROPERTIES = [
  "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage",
  "surname", "userPrincipalName",
];

function ok(ctx: GraphContext, context: string, body: Record<string, unknown>): GraphAnswer {
  return { status: 200, headers: { "Content-Type": "application/json" }, body: { "@odata.context": `${ctx.linkRoot}/$metadata#${context}`, ...body } };
}

/** One page; the next link keeps the request's query and adds an opaque `$skiptoken`. */
function paged<T>(
  ctx: GraphContext, path: string, query: URLSearchParams, all: readonly T[], max: number, byDefault: number,
  render: (item: T) => unknown = (item) => item,
): GraphAnswer {
  const skip = query.get("$skiptoken");
  const offset = skip === null ? 0 : Number(Buffer.from(skip, "base64url").toString().replace(/^o:/, ""));
  if (!Number.isInteger(offset) || offset < 0) return graphError(400, "Request_BadRequest", "Invalid $skiptoken.");
  const asked = Number(query.get("$top") ?? byDefault);
  const top = Math.min(Number.isInteger(asked) && asked > 0 ? asked : byDefault, max);
  const value = all.slice(offset, offset + top).map(render);
  const body: Record<string, unknown> = { "@odata.context": `${ctx.linkRoot}/$metadata#${path.slice(1)}`, value };
  if (offset + top < all.length) {
    const params = [...query.entries()].filter(([k]) => k !== "$skiptoken");
    params.push(["$skiptoken", Buffer.from(`o:${offset + top}`).toString("base64url")]);
    body["@odata.nextLink"] = `${ctx.linkRoot}${path}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`;
  }
  return { status: 200, headers: { "Content-Type": "application/json" }, body };
}

/** `Prefer: a, b` (one header or several) as a set of lower-case preferences. */
export function preferencesOf(header: string | string[] | undefined): Set<string> {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return new Set(values.flatMap((v) => v.split(",")).map((p) => p.trim().toLowerCase()).filter(Boolean));
}

function selectOf(query: URLSearchParams): string[] | undefined {
  const select = query.get("$select");
  return select === null ? undefined : select.split(",").map((s) => s.trim()).filter(Boolean);
}

/** `delta`, `delta()`, `delta(token='…')`. */
function isDelta(segment: string | undefined): boolean {
  return segment !== undefined && /^delta(\(.*\))?$/.test(segment);
}

function withToken(query: URLSearchParams, segment: string): URLSearchParams {
  const inPath = /^delta\(token='?([^')]*)'?\)$/.exec(segment)?.[1];
  if (!inPath) return query;
  const q = new URLSearchParams(query);
  q.set("token", inPath);
  return q;
}

function organizationJson(tenant: SimMicrosoftTenant): Record<string, unknown> {
  return {
    id: tenant.tenantId,
    displayName: tenant.organization.displayName,
    countryLetterCode: tenant.organization.countryLetterCode,
    preferredLanguage: tenant.organization.preferredLanguage,
    createdDateTime: tenant.organization.createdDateTime,
    tenantType: "AAD",
    technicalNotificationMails: tenant.organization.technicalNotificationMails,
    securityComplianceNotificationMails: tenant.organization.securityComplianceNotificationMails,
    verifiedDomains: [{ capabilities: "Email, OfficeCommunicationsOnline", isDefault: true, isInitial: true, name: tenant.initialDomain, type: "Managed" }],
  };
}

function skuJson(sku: SimMicrosoftTenant["skus"][number], tenant: SimMicrosoftTenant): Record<string, unknown> {
  return {
    accountId: tenant.tenantId,
    accountName: tenant.organization.displayName,
    appliesTo: "User",
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: tenant.users.filter((u) => u.licenses.includes(sku.skuId)).length,
    id: `${tenant.tenantId}_${sku.skuId}`,
    prepaidUnits: { enabled: sku.enabledUnits, lockedOut: 0, suspended: 0, warning: 0 },
    servicePlans: sku.servicePlans.map((p) => ({ ...p, provisioningStatus: "Success", appliesTo: "User" })),
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [`${sku.skuId.slice(0, 8)}-0000-0000-0000-000000000000`],
  };
}

function userJson(u: SimUser, tenant: SimMicrosoftTenant): Record<string, unknown> {
  const guest = u.userType === "Guest";
  return {
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: guest ? u.userPrincipalName.replace(/#EXT#@.*$/, "").replace(/_([^_]+)$/, "@$1") : u.userPrincipalName,
    userType: u.userType,
    accountEnabled: u.accountEnabled,
    createdDateTime: u.createdDateTime,
    assignedLicenses: u.licenses.map((skuId) => ({ disabledPlans: [], skuId })),
    externalUserState: guest ? u.externalUserState ?? "Accepted" : null,
    externalUserStateChangeDateTime: guest ? u.createdDateTime : null,
    preferredDataLocation: u.preferredDataLocation ?? null,
    businessPhones: [],
    givenName: null,
    jobTitle: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: tenant.organization.preferredLanguage,
    surname: null,
    signInActivity: {
      lastSignInDateTime: u.lastSignInDateTime ?? null,
      lastSignInRequestId: u.lastSignInDateTime ? "4c1b7a53-0f0e-4a3c-9f45-000000000001" : null,
      lastNonInteractiveSignInDateTime: u.lastNonInteractiveSignInDateTime ?? null,
      lastNonInteractiveSignInRequestId: u.lastNonInteractiveSignInDateTime ? "4c1b7a53-0f0e-4a3c-9f45-000000000002" : null,
      lastSuccessfulSignInDateTime: lastSuccess(u),
      lastSuccessfulSignInRequestId: lastSuccess(u) ? "4c1b7a53-0f0e-4a3c-9f45-000000000001" : null,
    },
  };
}

function lastSuccess(u: SimUser): string | null {
  if (u.lastSuccessfulSignInDateTime !== undefined) return u.lastSuccessfulSignInDateTime;
  const times = [u.lastSignInDateTime, u.lastNonInteractiveSignInDateTime].filter((t): t is string => t !== undefined);
  return times.sort().at(-1) ?? null;
}

const STRONG: readonly SimMethod[] = ["microsoftAuthenticator", "phone", "softwareOath", "fido2", "windowsHelloForBusiness"];
const REGISTERED_NAMES: Record<SimMethod, string | undefined> = {
  password: undefined,
  microsoftAuthenticator: "microsoftAuthenticatorPush",
  phone: "mobilePhone",
  softwareOath: "softwareOneTimePasscode",
  fido2: "passKeyDeviceBound",
  windowsHelloForBusiness: "windowsHelloForBusiness",
  email: "email",
};

function registrationJson(u: SimUser, tenant: SimMicrosoftTenant, lastUpdatedDateTime: string): Record<string, unknown> {
  const strong = u.methods.some((m) => STRONG.includes(m));
  const methods = u.methods.flatMap((m) => REGISTERED_NAMES[m] ?? []);
  return {
    id: u.id,
    userPrincipalName: u.userPrincipalName,
    userDisplayName: u.displayName,
    userType: u.userType === "Guest" ? "guest" : "member",
    isAdmin: tenant.roleAssignments.some((r) => r.principalId === u.id),
    isSsprRegistered: methods.length >= 2,
    isSsprEnabled: false,
    isSsprCapable: false,
    isMfaRegistered: strong,
    isMfaCapable: strong,
    isPasswordlessCapable: u.methods.includes("fido2") || u.methods.includes("windowsHelloForBusiness"),
    lastUpdatedDateTime,
    methodsRegistered: methods,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: strong ? ["push"] : [],
    userPreferredMethodForSecondaryAuthentication: strong ? "push" : "none",
  };
}

function methodJson(method: SimMethod, index: number, user: SimUser): Record<string, unknown> {
  const id = method === "password" ? "28c10230-6103-485e-b985-444c60001490" : `${user.id.slice(0, 24)}${String(index).padStart(12, "0")}`;
  const created = user.createdDateTime;
  switch (method) {
    case "password":
      return { "@odata.type": "#microsoft.graph.passwordAuthenticationMethod", id, password: null, createdDateTime: created };
    case "microsoftAuthenticator":
      return { "@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", id, displayName: "iPhone", deviceTag: "SoftwareTokenActivated", phoneAppVersion: "6.8.7", createdDateTime: created };
    case "phone":
      return { "@odata.type": "#microsoft.graph.phoneAuthenticationMethod", id: "3179e48a-750b-4051-897c-87b9720928f7", phoneNumber: "+81 9012345678", phoneType: "mobile", smsSignInState: "notAllowedByPolicy" };
    case "softwareOath":
      return { "@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod", id, secretKey: null };
    case "fido2":
      return { "@odata.type": "#microsoft.graph.fido2AuthenticationMethod", id, displayName: "YubiKey 5", model: "YubiKey 5 NFC", aaGuid: "2fc0579f-8113-47ea-b116-bb5a8db9202a", attestationLevel: "attested", createdDateTime: created };
    case "windowsHelloForBusiness":
      return { "@odata.type": "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod", id, displayName: "PC-01", keyStrength: "normal", createdDateTime: created };
    case "email":
      return { "@odata.type": "#microsoft.graph.emailAuthenticationMethod", id: "3ddfcfc8-9383-446f-83cc-3ab9be4be18f", emailAddress: user.userPrincipalName };
  }
}

function principalJson(id: string, tenant: SimMicrosoftTenant): Record<string, unknown> {
  const user = userById(tenant, id);
  if (user) return { "@odata.type": "#microsoft.graph.user", id, displayName: user.displayName, userPrincipalName: user.userPrincipalName };
  const group = tenant.groups.find((g) => g.id === id);
  if (group) return { "@odata.type": "#microsoft.graph.group", id, displayName: group.displayName, isAssignableToRole: true };
  const sp = tenant.servicePrincipals.find((s) => s.id === id);
  return { "@odata.type": "#microsoft.graph.servicePrincipal", id, displayName: sp?.displayName ?? null, appId: sp?.appId ?? null };
}

function transitiveUsers(tenant: SimMicrosoftTenant, groupId: string, seen = new Set<string>()): SimUser[] {
  if (seen.has(groupId)) return [];
  seen.add(groupId);
  const group = tenant.groups.find((g) => g.id === groupId);
  const out: SimUser[] = [];
  for (const member of group?.members ?? []) {
    const user = userById(tenant, member);
    if (user) out.push(user);
    else out.push(...transitiveUsers(tenant, member, seen));
  }
  return [...new Map(out.map((u) => [u.id, u])).values()];
}

/** Today's score, shaped as the List secureScores reference example. */
function secureScoreJson(tenant: SimMicrosoftTenant): Record<string, unknown> {
  const score = tenant.secureScore!;
  const today = new Date().toISOString().slice(0, 10);
  return {
    id: `${tenant.tenantId}_${today}`,
    azureTenantId: tenant.tenantId,
    activeUserCount: tenant.users.filter((u) => u.accountEnabled).length,
    createdDateTime: `${today}T00:00:00Z`,
    currentScore: score.currentScore,
    enabledServices: ["HasExchange", "HasSharePoint", "HasOD4B"],
    licensedUserCount: tenant.users.filter((u) => u.licenses.length > 0).length,
    maxScore: score.maxScore,
    averageComparativeScores: [{ basis: "AllTenants", averageScore: 41.2 }, { basis: "TotalSeats", averageScore: 38.7 }],
    controlScores: score.controls.filter((c) => !c.deprecated).map((c) => ({
      controlCategory: c.category, controlName: c.id, description: c.title, score: c.score,
    })),
    vendorInformation: { provider: "SecureScore", providerVersion: null, subProvider: null, vendor: "Microsoft" },
  };
}

function controlProfileJson(c: SimSecureScoreControl, tenant: SimMicrosoftTenant): Record<string, unknown> {
  return {
    id: c.id,
    azureTenantId: tenant.tenantId,
    actionType: "Config",
    actionUrl: "https://security.microsoft.com/securescore",
    controlCategory: c.category,
    title: c.title,
    deprecated: c.deprecated ?? false,
    implementationCost: "Low",
    lastModifiedDateTime: null,
    maxScore: c.maxScore,
    rank: 1,
    remediation: `<p>${c.title}</p>`,
    remediationImpact: "",
    service: "AzureAD",
    threats: ["Account Breach"],
    tier: "Core",
    userImpact: "Low",
    complianceInformation: [],
    controlStateUpdates: [{ assignedTo: null, comment: null, state: "Default", updatedBy: null, updatedDateTime: "2026-04-01T00:00:00Z" }],
    vendorInformation: { provider: "SecureScore", providerVersion: null, subProvider: null, vendor: "Microsoft" },
  };
}

/** An issue as the service sends it: the classification capitalised (`Advisory`), as in the reference example. */
function issueJson(i: SimHealthIssue, h: SimServiceHealth): Record<string, unknown> {
  return {
    startDateTime: i.startDateTime,
    endDateTime: i.isResolved ? i.startDateTime : null,
    lastModifiedDateTime: i.startDateTime,
    title: i.title,
    id: i.id,
    impactDescription: i.impactDescription,
    classification: i.classification === "advisory" ? "Advisory" : "Incident",
    origin: "Microsoft",
    status: i.status,
    service: h.service,
    feature: i.feature,
    featureGroup: i.feature,
    isResolved: i.isResolved,
    details: [],
    posts: [{ createdDateTime: i.startDateTime, postType: "Regular", description: { contentType: "Html", content: `Title: ${i.title}` } }],
  };
}
