import type { DirectoryUser, SharedFile, UnreadableDrive } from "../../providers/microsoft/facts.ts";
import type { ResourceRef } from "../framework.ts";

/** How Microsoft 365 resources appear in findings: a stable uid (Entra object ids) and an admin-center link. */
export function userResource(u: DirectoryUser, consoleUrl?: string): ResourceRef {
  return {
    uid: `entra:users/${u.id}`,
    name: u.guest ? guestAddress(u.userPrincipalName) : u.userPrincipalName,
    type: u.guest ? "Microsoft.Entra/GuestUser" : "Microsoft.Entra/User",
    consoleUrl: consoleUrl ?? `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${u.id}`,
  };
}

export function userAuthMethodsUrl(u: DirectoryUser): string {
  return `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/${u.id}`;
}

export function fileResource(f: SharedFile): ResourceRef {
  return { uid: `drives/${f.driveId}/items/${f.itemId}`, name: `${f.location} / ${f.name}`, type: "Microsoft.Graph/DriveItem", consoleUrl: f.webUrl };
}

export function driveResource(d: UnreadableDrive): ResourceRef {
  return { uid: d.key, name: d.location, type: "Microsoft.Graph/Drive", consoleUrl: d.webUrl };
}

export const ADMIN_CENTER = {
  conditionalAccess: "https://entra.microsoft.com/#view/Microsoft_AAD_ConditionalAccess/ConditionalAccessBlade/~/Policies",
  securityDefaults: "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView",
  roles: "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/RolesManagementMenuBlade/~/AllRoles",
  activeUsers: "https://admin.microsoft.com/#/users",
  sharing: "https://admin.microsoft.com/sharepoint?page=sharing&modern=true",
  backup: "https://admin.microsoft.com/#/Settings/enhancedRestore",
  dataLocation: "https://admin.microsoft.com/#/Settings/OrganizationProfile/:/Settings/L1/DataLocation",
  secureScore: "https://security.microsoft.com/securescore",
  serviceHealth: "https://admin.microsoft.com/#/servicehealth",
  tenantProperties: "https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView",
  sharePointSettings: "https://admin.microsoft.com/sharepoint?page=settings&modern=true",
  sensitivityLabels: "https://purview.microsoft.com/informationprotection/labels",
};

/** `Tanaka (tanaka@example.com)` for messages. */
export function who(u: DirectoryUser): string {
  const address = u.guest ? guestAddress(u.userPrincipalName) : u.userPrincipalName;
  return u.displayName === u.userPrincipalName ? address : `${u.displayName} (${address})`;
}

/** A guest's own address: Entra names guests `name_domain#EXT#@tenant`, which the owner would not recognise. */
function guestAddress(upn: string): string {
  const local = /^(.*)#EXT#@/.exec(upn)?.[1];
  if (!local) return upn;
  const at = local.lastIndexOf("_");
  return at > 0 ? `${local.slice(0, at)}@${local.slice(at + 1)}` : local;
}

export function daysBetween(from: string, to: Date): number {
  return Math.floor((to.getTime() - Date.parse(from)) / 86_400_000);
}
