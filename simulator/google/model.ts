/**
 * A simulated Google Workspace customer: its users, their My Drive files, shared drives,
 * the settings the Cloud Identity Policy API reports, and the domain-wide delegation the
 * administrator granted. Plain data, so tests change it between scans.
 */
export interface SimWorkspace {
  /** The `customerId` Directory reports, e.g. `C03az79cb`; `my_customer` stands for it. */
  customerId: string;
  domain: string;
  /** The service account the scanner signs its JWTs as; its key pair is made by the server. */
  serviceAccount: { clientEmail: string; clientId: string; projectId: string };
  /**
   * Domain-wide delegation (Admin console > Security > API controls): scopes granted per
   * OAuth client id. A client absent here has no delegation at all.
   */
  delegation: Record<string, string[]>;
  orgUnits: SimOrgUnit[];
  users: SimUser[];
  sharedDrives: SimSharedDrive[];
  policies: SimPolicy[];
  /** Alert Center's alerts, newest last. */
  alerts: SimAlert[];
  /** Drive labels the administrators made. */
  driveLabels: SimLabel[];
}

export interface SimAlert {
  alertId: string;
  type: string;
  source: string;
  createTime: string;
  /** Absent: Alert Center sends no metadata status (a sentinel, for tests). */
  status?: "NOT_STARTED" | "IN_PROGRESS" | "CLOSED" | (string & {});
  /** "" where Alert Center could not determine it. */
  severity: "HIGH" | "MEDIUM" | "LOW" | "" | (string & {});
  deleted?: boolean;
}

export interface SimLabel {
  id: string;
  title: string;
  labelType: "SHARED" | "ADMIN" | "GOOGLE_APP" | (string & {});
  state: "UNPUBLISHED_DRAFT" | "PUBLISHED" | "DISABLED" | (string & {});
}

export interface SimOrgUnit {
  /** Policy API form without the prefix, e.g. `03ph8a2z1khexns`. */
  id: string;
  path: string;
}

export interface SimUser {
  id: string;
  primaryEmail: string;
  givenName: string;
  familyName: string;
  /** Super administrator. */
  isAdmin: boolean;
  isDelegatedAdmin: boolean;
  isEnrolledIn2Sv: boolean;
  isEnforcedIn2Sv: boolean;
  suspended: boolean;
  archived: boolean;
  /** Absent: never signed in (Directory then says 1970-01-01T00:00:00.000Z). */
  lastLoginTime?: string;
  creationTime: string;
  orgUnitPath: string;
  /** The files this user owns in My Drive. */
  files: SimFile[];
  /** Account recovery details; absent: not set (Directory then leaves the field out). */
  recoveryEmail?: string;
  recoveryPhone?: string;
  /** The Google Workspace SKU (License Manager) assigned; absent: no licence. */
  skuId?: string;
  /** Fields Directory leaves out of this user's resource: a malformed answer, for tests. */
  absentFields?: ("isAdmin" | "isDelegatedAdmin" | "isEnrolledIn2Sv" | "isEnforcedIn2Sv" | "suspended" | "archived" | "lastLoginTime" | "creationTime")[];
}

/** Drive's documented types; any other string stands for one Drive adds later, which may be public. */
export type PermissionType = "user" | "group" | "domain" | "anyone" | (string & {});
/** Drive's documented roles; any other string stands for one Drive adds later. */
export type PermissionRole = "owner" | "organizer" | "fileOrganizer" | "writer" | "commenter" | "reader" | "publishedReader" | (string & {});

export interface SimPermission {
  type: PermissionType;
  role: PermissionRole;
  emailAddress?: string;
  domain?: string;
  /** For `domain` and `anyone`: findable by search (true) or by link only (false). */
  allowFileDiscovery?: boolean;
  /** `published`: the permission of a published view (role `publishedReader`). */
  view?: "published";
}

export interface SimFile {
  id: string;
  name: string;
  mimeType: string;
  createdTime: string;
  modifiedTime: string;
  trashed?: boolean;
  /** Who else may open it; the owner's own permission is added by the server. */
  permissions: SimPermission[];
}

export interface SimSharedDrive {
  id: string;
  name: string;
  createdTime: string;
  /** "Allow people outside … to access files": false means anyone-links cannot reach anything. */
  domainUsersOnly: boolean;
  /** Members, each a user (or group) with a shared-drive role. */
  members: SimPermission[];
  files: SimFile[];
}

export interface SimPolicy {
  /** Setting type with its prefix, e.g. `settings/drive_and_docs.external_sharing`. */
  type: string;
  value: Record<string, unknown>;
  /** The org unit it is set on (an id of `orgUnits`), or a group. */
  orgUnitId?: string;
  groupId?: string;
}

export type Visibility = "anyoneCanFind" | "anyoneWithLink" | "domainCanFind" | "domainWithLink" | "limited";

/** What Drive's `visibility` search term sees: the most open of a file's permissions. */
export function visibilityOf(permissions: readonly SimPermission[]): Visibility {
  // A grantee type the simulator does not know stands for a public one Drive adds later.
  const anyone = permissions.filter((p) => !["user", "group", "domain"].includes(p.type));
  if (anyone.some((p) => p.allowFileDiscovery)) return "anyoneCanFind";
  if (anyone.length > 0) return "anyoneWithLink";
  const domain = permissions.filter((p) => p.type === "domain");
  if (domain.some((p) => p.allowFileDiscovery)) return "domainCanFind";
  if (domain.length > 0) return "domainWithLink";
  return "limited";
}

/** Drive's permission ids: fixed words for link sharing, a stable number for people. */
export function permissionId(p: SimPermission): string {
  if (p.type === "anyone") return p.allowFileDiscovery ? "anyone" : "anyoneWithLink";
  if (p.type === "domain") return p.allowFileDiscovery ? "domain" : "domainWithLink";
  let hash = 0;
  for (const ch of p.emailAddress ?? "") hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return String(10_000_000_000_000_000_000n + BigInt(hash));
}
