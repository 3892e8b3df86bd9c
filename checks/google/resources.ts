import type { PublicFile, SharedDriveScan, WorkspacePolicy, WorkspaceUser } from "../../providers/google/facts.ts";
import type { ResourceRef } from "../framework.ts";

/** How Google Workspace resources appear in findings: a stable uid and an Admin console or Drive link. */
export function userResource(u: Pick<WorkspaceUser, "id" | "primaryEmail">): ResourceRef {
  return {
    uid: `google:user/${u.id}`,
    name: u.primaryEmail,
    type: "Google::Directory::User",
    consoleUrl: `https://admin.google.com/ac/users/${u.id}`,
  };
}

export function orgUnitResource(path: string): ResourceRef {
  return {
    uid: `google:orgunit:${path}`,
    name: path === "/" ? "/ (top-level organizational unit)" : path,
    type: "Google::Directory::OrgUnit",
    consoleUrl: "https://admin.google.com/ac/security/2sv",
  };
}

export function fileResource(f: PublicFile): ResourceRef {
  return {
    uid: `google:drive/file/${f.id}`,
    name: f.name,
    type: "Google::Drive::File",
    consoleUrl: f.webViewLink ?? `https://drive.google.com/open?id=${encodeURIComponent(f.id)}`,
  };
}

export function sharedDriveResource(d: Pick<SharedDriveScan, "id" | "name">): ResourceRef {
  return {
    uid: `google:drive/shared/${d.id}`,
    name: d.name,
    type: "Google::Drive::SharedDrive",
    consoleUrl: `https://drive.google.com/drive/folders/${encodeURIComponent(d.id)}`,
  };
}

/** Drive and Docs > Sharing settings in the Admin console. */
export const DRIVE_SHARING_SETTINGS_URL = "https://admin.google.com/ac/managedsettings/55656082996/sharing";

/** A policy is keyed by its setting and where it applies, which survive its being edited. */
export function policyResource(p: WorkspacePolicy, consoleUrl: string): ResourceRef {
  const target = p.orgUnit ?? p.group ?? "customer";
  return {
    uid: `google:policy/${p.setting}/${target}`,
    name: `${p.setting} (${target})`,
    type: "Google::CloudIdentity::Policy",
    consoleUrl,
  };
}

/** Days from `iso` to `now`, rounded down. */
export function daysSince(iso: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000);
}
