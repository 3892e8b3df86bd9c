/**
 * A simulated Microsoft 365 tenant: the directory, licences, policies, SharePoint and
 * OneDrive content and Microsoft 365 Backup, as plain data. The server renders it as Graph
 * JSON; tests and the demo build and change it directly.
 */
export interface SimMicrosoftTenant {
  /** Directory (tenant) id, a GUID. */
  tenantId: string;
  /** `example-co.onmicrosoft.com`; also accepted in place of the tenant id when signing in. */
  initialDomain: string;
  organization: {
    displayName: string; countryLetterCode: string; preferredLanguage: string; createdDateTime: string;
    /** Where Microsoft sends technical and security notices; empty when nobody was named. */
    technicalNotificationMails: string[]; securityComplianceNotificationMails: string[];
  };
  /** App registrations that may sign in, each with the application permissions admin-consented to it. */
  apps: SimApp[];
  skus: SimSku[];
  users: SimUser[];
  groups: SimGroup[];
  servicePrincipals: { id: string; appId: string; displayName: string }[];
  securityDefaults: boolean;
  /** Graph's conditionalAccessPolicy JSON, as the tenant's admin saved it. */
  conditionalAccessPolicies: Record<string, unknown>[];
  roleAssignments: { id: string; roleDefinitionId: string; principalId: string }[];
  /** PIM-eligible assignments (Entra ID P2 / ID Governance): people who may turn the role on themselves. */
  roleEligibilities?: { id: string; roleDefinitionId: string; principalId: string }[];
  /** Graph's sharepointSettings JSON. */
  sharePointSettings: Record<string, unknown>;
  /** The SharePoint host, e.g. `example-co.sharepoint.com`; OneDrive lives on `example-co-my.sharepoint.com`. */
  sharePointHost: string;
  sites: SimSite[];
  backup: { status: "enabled" | "disabled"; policies: SimProtectionPolicy[] };
  /** Today's Microsoft Secure Score; null before Microsoft has computed the first one. */
  secureScore: { currentScore: number; maxScore: number; controls: SimSecureScoreControl[] } | null;
  /** The services the tenant subscribes to, with their issues (resolved ones included). */
  serviceHealth: SimServiceHealth[];
  /** Purview sensitivity labels published to the organisation. */
  sensitivityLabels: { id: string; name: string; isActive: boolean; sensitivity: number }[];
}

export interface SimSecureScoreControl {
  /** Microsoft's control name, e.g. `AdminMFAV2`. */
  id: string;
  title: string;
  category: "Identity" | "Data" | "Device" | "Apps" | "Infrastructure";
  maxScore: number;
  score: number;
  deprecated?: boolean;
}

export interface SimServiceHealth {
  id: string;
  service: string;
  status: string;
  issues: SimHealthIssue[];
}

export interface SimHealthIssue {
  id: string;
  title: string;
  classification: "advisory" | "incident";
  status: string;
  feature: string;
  impactDescription: string;
  startDateTime: string;
  isResolved: boolean;
}

export interface SimApp {
  clientId: string;
  displayName: string;
  clientSecret?: string;
  /** PEM of the certificate uploaded to the registration (its key stays with the client). */
  certificatePem?: string;
  /** Application permissions granted with admin consent, e.g. `User.Read.All`. */
  roles: string[];
}

export interface SimSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: "Enabled" | "Warning" | "Suspended" | "LockedOut";
  enabledUnits: number;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

export type SimMethod =
  | "password" | "microsoftAuthenticator" | "phone" | "softwareOath" | "fido2" | "windowsHelloForBusiness" | "email";

export interface SimUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  userType: "Member" | "Guest";
  accountEnabled: boolean;
  createdDateTime: string;
  /** Sku ids assigned to the user. */
  licenses: string[];
  methods: SimMethod[];
  externalUserState?: "PendingAcceptance" | "Accepted";
  preferredDataLocation?: string;
  lastSignInDateTime?: string;
  lastNonInteractiveSignInDateTime?: string;
  /** Defaults to the later of the two above: every attempt succeeded. */
  lastSuccessfulSignInDateTime?: string;
}

export interface SimGroup {
  id: string;
  displayName: string;
  /** Direct members: user ids or group ids. */
  members: string[];
}

export interface SimSite {
  id: string;
  name: string;
  displayName: string;
  webUrl: string;
  personal: boolean;
  createdDateTime: string;
  /** Set only in Multi-Geo tenants. */
  dataLocationCode?: string;
  drives: SimDrive[];
}

export interface SimDrive {
  id: string;
  name: string;
  driveType: "business" | "documentLibrary";
  webUrl: string;
  /** Whose OneDrive (user id); absent for document libraries. */
  ownerUserId?: string;
  /** Change counter: every change to an item takes the next number. */
  seq: number;
  /** Bumped to make every delta token issued so far answer 410 Gone. */
  epoch: number;
  /** The root folder is `items[0]`. Deleted items stay as tombstones for delta. */
  items: SimItem[];
}

export interface SimItem {
  id: string;
  name: string;
  folder: boolean;
  parentId?: string;
  size: number;
  createdDateTime: string;
  lastModifiedDateTime: string;
  /** `seq` of the drive when the item itself (name, content, place) last changed. */
  changedAt: number;
  /**
   * `seq` of the drive when only its sharing last changed. Delta shows such a change only to a
   * request with `Prefer: deltashowsharingchanges` (and its companions), as Graph documents.
   */
  sharingChangedAt?: number;
  deleted?: boolean;
  permissions: SimPermission[];
}

export interface SimPermission {
  id: string;
  roles: ("read" | "write" | "owner")[];
  link?: { scope: "anonymous" | "organization" | "users"; type: "view" | "edit" };
  /** A direct grant to a user (id). */
  grantedToUserId?: string;
  expirationDateTime?: string;
  hasPassword?: boolean;
}

export interface SimProtectionPolicy {
  id: string;
  workload: "oneDriveForBusiness" | "sharePoint" | "exchange";
  displayName: string;
  status: "active" | "inactive" | "activeWithErrors" | "updating";
}

/** Microsoft's ids for the Entra ID P1 and P2 service plans inside any SKU that carries them. */
export const ENTRA_P1_PLAN = { servicePlanId: "41781fb2-bc02-4b7c-bd55-b576c07bb09d", servicePlanName: "AAD_PREMIUM" };
/** Information Protection for Office 365 – Standard: sensitivity labels (Business Premium, Office 365 E3). */
export const INFORMATION_PROTECTION_PLAN = { servicePlanId: "5136a095-5cf0-4aff-bec3-e84448b38ea5", servicePlanName: "MIP_S_CLP1" };
export const ENTRA_P2_PLAN = { servicePlanId: "eec0eb4f-6444-4f95-aba0-50c24d67f998", servicePlanName: "AAD_PREMIUM_P2" };

/**
 * Where each user id sits in `tenant.users`, so that answers naming a drive's owner or a link's
 * holder do not search thousands of users each. Tests change the users between reads, so a
 * place is used only while the tenant still holds that user there; a user found elsewhere
 * has the index built again. The first user of an id wins, as with a search.
 */
const userPlaces = new WeakMap<SimMicrosoftTenant, Map<string, number>>();

export function userById(tenant: SimMicrosoftTenant, id: string): SimUser | undefined {
  const known = userPlaces.get(tenant)?.get(id);
  if (known !== undefined && tenant.users[known]?.id === id) return tenant.users[known];
  const user = tenant.users.find((u) => u.id === id);
  if (user) {
    const places = new Map<string, number>();
    tenant.users.forEach((u, i) => { if (!places.has(u.id)) places.set(u.id, i); });
    userPlaces.set(tenant, places);
  }
  return user;
}

/** PIM (eligible assignments) exists with Entra ID P2. */
export function hasEntraP2(tenant: SimMicrosoftTenant): boolean {
  return tenant.skus.some((s) => s.capabilityStatus !== "LockedOut" && s.servicePlans.some((p) => p.servicePlanId === ENTRA_P2_PLAN.servicePlanId));
}

export function hasEntraP1(tenant: SimMicrosoftTenant): boolean {
  const ids = new Set([ENTRA_P1_PLAN.servicePlanId, ENTRA_P2_PLAN.servicePlanId]);
  return tenant.skus.some((s) => s.capabilityStatus !== "LockedOut" && s.servicePlans.some((p) => ids.has(p.servicePlanId)));
}

/** Built-in directory role template ids (the same in every tenant). */
export const ROLE = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  exchangeAdministrator: "29232cdf-9323-42fd-ade2-1d097af3e4de",
  sharePointAdministrator: "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
} as const;

// --- changes to drive content, each taking the drive's next change number (what delta reports) ---

export function changeItem(drive: SimDrive, itemId: string, change: (item: SimItem) => void): SimItem {
  const item = drive.items.find((i) => i.id === itemId && !i.deleted);
  if (!item) throw new Error(`no item ${itemId} in drive ${drive.id}`);
  change(item);
  item.changedAt = ++drive.seq;
  return item;
}

/** A change of sharing alone (a new link, a link removed): the item's content is untouched. */
export function changeSharing(drive: SimDrive, itemId: string, permissions: SimPermission[]): SimItem {
  const item = drive.items.find((i) => i.id === itemId && !i.deleted);
  if (!item) throw new Error(`no item ${itemId} in drive ${drive.id}`);
  item.permissions = permissions;
  item.sharingChangedAt = ++drive.seq;
  return item;
}

export function addItem(drive: SimDrive, item: Omit<SimItem, "changedAt">): SimItem {
  const added = { ...item, changedAt: ++drive.seq };
  drive.items.push(added);
  return added;
}

export function deleteItem(drive: SimDrive, itemId: string): void {
  changeItem(drive, itemId, (item) => {
    item.deleted = true;
    item.permissions = [];
  });
}

/** Makes every delta and next link issued so far for this drive answer 410 Gone. */
export function expireDeltaTokens(drive: SimDrive): void {
  drive.epoch += 1;
}
