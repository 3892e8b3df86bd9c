import { DEFAULT_POLICY, type CheckContext } from "../../../checks/framework.ts";
import { collected, failed, type CollectionError } from "../../../providers/fact.ts";
import { NEEDS_ENTRA_P1 } from "../../../providers/microsoft/directory.ts";
import type {
  ConditionalAccessPolicy, DirectoryUser, MicrosoftFacts, Organization, SharedFile, SharePointSharing, SharingLink, UnreadableDrive,
} from "../../../providers/microsoft/facts.ts";
import { linkCanEdit } from "../../../providers/microsoft/parse.ts";
import { GLOBAL_ADMINISTRATOR } from "../../../providers/microsoft/roles.ts";

/** A tenant with everything set right; each test breaks one thing. */
export const NOW = new Date("2026-11-27T00:00:00Z");
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

export function denied(operation: string, permission: string): CollectionError {
  return { operation, permission, code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation. (HTTP 403)" };
}

export function microsoftContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    tenantId: "acme",
    tenantResource: { uid: "entra:tenants/acme.onmicrosoft.com", name: "Microsoft 365 (acme.onmicrosoft.com)", type: "Microsoft.Entra/Tenant" },
    now: NOW,
    policy: DEFAULT_POLICY,
    ...overrides,
  };
}

export function user(alias: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: `id-${alias}`,
    userPrincipalName: `${alias}@acme.onmicrosoft.com`,
    displayName: alias,
    guest: false,
    enabled: true,
    assignedLicenses: 1,
    createdDateTime: daysAgo(400),
    externalUserState: null,
    preferredDataLocation: null,
    ...overrides,
  };
}

export function mfaPolicy(overrides: Partial<ConditionalAccessPolicy> = {}): ConditionalAccessPolicy {
  return {
    id: "ca-1", displayName: "Require MFA", state: "enabled",
    includeUsers: ["All"], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [],
    includeApplications: ["All"], excludeApplications: [], requiresMfa: true, blocks: false, clientAppTypes: ["all"], narrowedBy: [],
    ...overrides,
  };
}

export function link(overrides: Partial<SharingLink> = {}): SharingLink {
  const merged = { permissionId: "p1", scope: "anonymous" as const, type: "view", roles: ["read"], expirationDateTime: null, hasPassword: false, ...overrides };
  return { ...merged, canEdit: overrides.canEdit ?? linkCanEdit(merged.type, merged.roles) };
}

export function sharedFile(name: string, links: SharingLink[] | CollectionError): SharedFile {
  return {
    driveId: "b!drive", itemId: `item-${name}`, name, webUrl: `https://acme.sharepoint.com/${name}`, location: "Sales / Documents",
    links: Array.isArray(links) ? collected(links) : failed(links),
  };
}

const TANAKA = user("tanaka");

export const GOOD_ORGANIZATION: Organization = {
  id: "tenant-guid", displayName: "Acme", countryLetterCode: "JP", defaultDomain: "acme.onmicrosoft.com",
  technicalNotificationMails: ["it@acme.example"], securityComplianceNotificationMails: ["security@acme.example"],
};

export const GOOD_SHAREPOINT: SharePointSharing = {
  sharingCapability: "externalUserSharingOnly", isResharingByExternalUsersEnabled: false, isRequireAcceptingUserToMatchInvitedUserEnabled: true,
  isLegacyAuthProtocolsEnabled: false, deletedUserPersonalSiteRetentionPeriodInDays: 365,
};
const SATO = user("sato");

export function goodFacts(overrides: Partial<MicrosoftFacts> = {}): MicrosoftFacts {
  return {
    organization: collected(GOOD_ORGANIZATION),
    licences: collected({ entraP1: true, informationProtection: true, skus: [{ skuPartNumber: "SPB", capabilityStatus: "Enabled", consumedUnits: 2 }] }),
    users: collected([TANAKA, SATO]),
    signIns: collected({
      [TANAKA.id]: collected({ lastSignInDateTime: daysAgo(1), lastNonInteractiveSignInDateTime: null }),
      [SATO.id]: collected({ lastSignInDateTime: daysAgo(3), lastNonInteractiveSignInDateTime: daysAgo(1) }),
    }),
    mfa: collected({
      source: "userRegistrationDetails",
      byUser: { [TANAKA.id]: collected({ registered: true, methods: ["microsoftAuthenticatorPush"] }), [SATO.id]: collected({ registered: true, methods: ["mobilePhone"] }) },
    }),
    securityDefaultsEnabled: collected(false),
    conditionalAccess: collected({ policies: [mfaPolicy()], excludedGroupMembers: {}, excludedRoleMembers: {} }),
    privilegedRoles: collected([{ roleTemplateId: GLOBAL_ADMINISTRATOR, displayName: "Global Administrator", userIds: [TANAKA.id, SATO.id], servicePrincipalIds: [] }]),
    eligibleRoles: collected([]),
    sharePoint: collected(GOOD_SHAREPOINT),
    sites: collected([{ id: "site-1", displayName: "Acme", webUrl: "https://acme.sharepoint.com", personal: false, dataLocationCode: null }]),
    backup: collected({
      serviceStatus: "enabled",
      service: "on",
      policies: (["oneDrive", "sharePoint", "exchange"] as const).map((workload) => ({ workload, id: `bp-${workload}`, displayName: workload, status: "active" })),
    }),
    secureScore: collected({
      createdDateTime: daysAgo(1), currentScore: 80, maxScore: 100,
      controls: [{ id: "AdminMFAV2", title: "Ensure multifactor authentication is enabled for all users in administrative roles", category: "Identity", score: 10, maxScore: 10 }],
    }),
    serviceHealth: collected([{ id: "Exchange", service: "Exchange Online", status: "serviceOperational", openIssues: [] }]),
    sensitivityLabels: collected([{ id: "label-1", name: "社外秘", isActive: true }]),
    ownerPolicy: collected({ anyoneLinks: "not_allowed" }),
    ...overrides,
  };
}

/** The tenant allows "Anyone" links and the crawl found these files. */
export function anyoneAllowed(files: SharedFile[], unreadable: UnreadableDrive[] = []): Partial<MicrosoftFacts> {
  return {
    sharePoint: collected({ ...GOOD_SHAREPOINT, sharingCapability: "externalUserAndGuestSharing" }),
    sharedFiles: collected({ files, unreadable, stats: { drives: 1, incremental: 0, resynced: 0, interrupted: 0, rechecked: 0 } }),
  };
}

export { collected, failed, NEEDS_ENTRA_P1, TANAKA, SATO };
