import { createHash } from "node:crypto";
import { ENTRA_P1_PLAN, INFORMATION_PROTECTION_PLAN, type SimDrive, type SimItem, type SimMicrosoftTenant, type SimPermission, type SimSite, type SimUser } from "./model.ts";

/** Helpers that build tenant content with stable ids, so finding ids stay the same from run to run. */

/** A GUID derived from a name: the same name always gives the same id. */
export function guid(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Every read-only permission the scanner asks for (docs/microsoft-365.md lists the same). */
export const SCANNER_ROLES = [
  "User.Read.All", "AuditLog.Read.All", "Policy.Read.All", "RoleManagement.Read.Directory", "Organization.Read.All",
  "SharePointTenantSettings.Read.All", "Sites.Read.All", "BackupRestore-Control.Read.All",
  "BackupRestore-Configuration.Read.All", "UserAuthenticationMethod.Read.All", "GroupMember.Read.All",
  "SecurityEvents.Read.All", "ServiceHealth.Read.All", "InformationProtectionPolicy.Read.All",
];

export const SKU = {
  /** Microsoft 365 Business Premium: includes Entra ID P1 and sensitivity labels. */
  businessPremium: {
    skuId: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", skuPartNumber: "SPB", capabilityStatus: "Enabled" as const,
    servicePlans: [
      ENTRA_P1_PLAN,
      INFORMATION_PROTECTION_PLAN,
      { servicePlanId: "9aaf7827-d63c-4b61-89c3-182f06f82e5c", servicePlanName: "EXCHANGE_S_STANDARD" },
      { servicePlanId: "c7699d2e-19aa-44de-8edf-1736da088ca1", servicePlanName: "SHAREPOINTSTANDARD" },
    ],
  },
  /** Microsoft 365 Business Standard: no Entra ID P1. */
  businessStandard: {
    skuId: "f245ecc8-75af-4f8e-b61f-27d8114de5f3", skuPartNumber: "O365_BUSINESS_PREMIUM", capabilityStatus: "Enabled" as const,
    servicePlans: [
      { servicePlanId: "9aaf7827-d63c-4b61-89c3-182f06f82e5c", servicePlanName: "EXCHANGE_S_STANDARD" },
      { servicePlanId: "c7699d2e-19aa-44de-8edf-1736da088ca1", servicePlanName: "SHAREPOINTSTANDARD" },
    ],
  },
};

export function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

export function member(domain: string, alias: string, displayName: string, rest: Partial<SimUser> = {}): SimUser {
  return {
    id: guid(`user:${domain}:${alias}`),
    userPrincipalName: `${alias}@${domain}`,
    displayName,
    userType: "Member",
    accountEnabled: true,
    createdDateTime: "2023-04-01T00:00:00Z",
    licenses: [],
    methods: ["password"],
    ...rest,
  };
}

export function guest(domain: string, email: string, displayName: string, rest: Partial<SimUser> = {}): SimUser {
  return {
    ...member(domain, `${email.replace("@", "_")}#EXT#`, displayName, rest),
    id: guid(`guest:${domain}:${email}`),
    userType: "Guest",
    methods: [],
    externalUserState: "Accepted",
    ...rest,
  };
}

/** A drive with its root folder; content is added with `file`. Change numbers start at 1. */
export function drive(id: string, name: string, driveType: SimDrive["driveType"], webUrl: string, created: string, ownerUserId?: string): SimDrive {
  const root: SimItem = {
    id: `${id.slice(-8)}ROOT`, name: "root", folder: true, size: 0, createdDateTime: created, lastModifiedDateTime: created,
    changedAt: 1, permissions: [],
  };
  return { id, name, driveType, webUrl, seq: 1, epoch: 0, items: [root], ...(ownerUserId ? { ownerUserId } : {}) };
}

export function file(d: SimDrive, name: string, permissions: SimPermission[] = [], rest: Partial<SimItem> = {}): SimItem {
  const id = `01${createHash("sha1").update(`${d.id}/${name}`).digest("hex").slice(0, 30).toUpperCase()}`;
  const item: SimItem = {
    id, name, folder: false, parentId: d.items[0]!.id, size: 24_576, createdDateTime: d.items[0]!.createdDateTime,
    lastModifiedDateTime: d.items[0]!.createdDateTime, changedAt: ++d.seq, permissions, ...rest,
  };
  d.items.push(item);
  return item;
}

let permissionCount = 0;

export function anyoneLink(type: "view" | "edit", expirationDateTime?: string): SimPermission {
  return {
    id: guid(`link:${++permissionCount}`),
    roles: [type === "edit" ? "write" : "read"],
    link: { scope: "anonymous", type },
    ...(expirationDateTime ? { expirationDateTime } : {}),
  };
}

export function organizationLink(type: "view" | "edit"): SimPermission {
  return { id: guid(`link:${++permissionCount}`), roles: [type === "edit" ? "write" : "read"], link: { scope: "organization", type } };
}

export function grantTo(userId: string, role: "read" | "write" = "read"): SimPermission {
  return { id: guid(`link:${++permissionCount}`), roles: [role], grantedToUserId: userId };
}

/** A user's OneDrive: a personal site on the `-my` host with its one drive. */
export function personalSite(tenant: Pick<SimMicrosoftTenant, "sharePointHost" | "initialDomain">, user: SimUser, dataLocationCode?: string): SimSite {
  const myHost = tenant.sharePointHost.replace(".sharepoint.com", "-my.sharepoint.com");
  const path = `personal/${user.userPrincipalName.replace(/[@.]/g, "_")}`;
  const siteGuid = guid(`site:${user.id}`);
  const webGuid = guid(`web:${user.id}`);
  const webUrl = `https://${myHost}/${path}`;
  return {
    id: `${myHost},${siteGuid},${webGuid}`,
    name: user.displayName,
    displayName: user.displayName,
    webUrl,
    personal: true,
    createdDateTime: user.createdDateTime,
    ...(dataLocationCode ? { dataLocationCode } : {}),
    drives: [drive(`b!${Buffer.from(siteGuid).toString("base64url").slice(0, 30)}`, "OneDrive", "business", `${webUrl}/Documents`, user.createdDateTime, user.id)],
  };
}

/** A SharePoint team site with its default document library. */
export function teamSite(tenant: Pick<SimMicrosoftTenant, "sharePointHost">, path: string, displayName: string, dataLocationCode?: string): SimSite {
  const siteGuid = guid(`site:${tenant.sharePointHost}:${path}`);
  const webUrl = path === "" ? `https://${tenant.sharePointHost}` : `https://${tenant.sharePointHost}/sites/${path}`;
  return {
    id: `${tenant.sharePointHost},${siteGuid},${guid(`web:${path}`)}`,
    name: path === "" ? "Communication site" : path,
    displayName,
    webUrl,
    personal: false,
    createdDateTime: "2023-04-01T00:00:00Z",
    ...(dataLocationCode ? { dataLocationCode } : {}),
    drives: [drive(`b!${Buffer.from(siteGuid).toString("base64url").slice(0, 30)}`, "Documents", "documentLibrary", `${webUrl}/Shared Documents`, "2023-04-01T00:00:00Z")],
  };
}

export const DEFAULT_SHAREPOINT_SETTINGS = {
  sharingCapability: "externalUserSharingOnly",
  sharingDomainRestrictionMode: "none",
  isResharingByExternalUsersEnabled: false,
  isRequireAcceptingUserToMatchInvitedUserEnabled: true,
  isLegacyAuthProtocolsEnabled: false,
  isSiteCreationEnabled: true,
  deletedUserPersonalSiteRetentionPeriodInDays: 30,
  personalSiteDefaultStorageLimitInMB: 1_048_576,
  tenantDefaultTimezone: "(UTC+09:00) Osaka, Sapporo, Tokyo",
};
