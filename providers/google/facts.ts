import type { Fact } from "../fact.ts";

/** Everything the Google Workspace checks may read. Collected by `collectGoogleFacts`, judged by `checks/google/*`. */
export interface GoogleFacts {
  /** Every account of the customer, suspended and archived ones included (Directory users.list). */
  users: Fact<WorkspaceUser[]>;
  /**
   * Each active user's My Drive, searched for files shared with anyone; one fact per user.
   * Google lets nobody act on behalf of a suspended or archived account, so theirs are not here.
   */
  userDrives: Fact<UserDriveScan[]>;
  /** Every shared drive of the customer, searched the same way; one fact per drive. */
  sharedDrives: Fact<SharedDriveScan[]>;
  /**
   * The Cloud Identity Policy API's `settings/drive_and_docs.external_sharing` and
   * `settings/data_regions.*` policies: only those set explicitly somewhere; Google's
   * documented defaults apply wherever none is set.
   */
  policies: Fact<WorkspacePolicy[]>;
  /** Every organizational unit, the top-level one included (Directory orgunits.list). */
  orgUnits: Fact<OrgUnit[]>;
}

export interface OrgUnit {
  /** As the Policy API names it: `orgUnits/03ph8a2z…`. */
  id: string;
  /** `/` for the top-level unit. */
  path: string;
}

export interface WorkspaceUser {
  id: string;
  primaryEmail: string;
  /** Super administrator. */
  isAdmin: boolean;
  /** Administrator with a delegated (not super) role. */
  isDelegatedAdmin: boolean;
  isEnrolledIn2Sv: boolean;
  isEnforcedIn2Sv: boolean;
  suspended: boolean;
  archived: boolean;
  /** null: never signed in (Directory's 1970-01-01). */
  lastLoginTime: string | null;
  creationTime: string;
  orgUnitPath: string;
}

/** Suspended and archived accounts cannot sign in; the other checks leave them out. */
export function isActive(u: WorkspaceUser): boolean {
  return !u.suspended && !u.archived;
}

export interface UserDriveScan {
  userId: string;
  email: string;
  publicFiles: Fact<PublicFile[]>;
}

export interface SharedDriveScan {
  id: string;
  name: string;
  /**
   * "Only people in the organization can access files": anyone-links in such a drive reach
   * nobody outside, so its items are not searched and `publicFiles` is absent.
   */
  domainUsersOnly: boolean;
  publicFiles?: Fact<PublicFile[]>;
}

/** What a file's permissions let someone outside the company do. */
export interface LinkAccess {
  /**
   * `anyoneCanFind`: public on the web, found by search; `anyoneWithLink`: anyone who has the
   * link; `unrecognised`: a grantee type Drive documents no meaning for, possibly public.
   */
  visibility: "anyoneCanFind" | "anyoneWithLink" | "unrecognised";
  /** The most a stranger can do with it: `reader`, `commenter`, `writer`, or a role Drive added later. */
  role: string;
  /** The unrecognised grantee type, for `unrecognised`. */
  grantee?: string;
}

/** A file anyone can open without signing in to the company. */
export interface PublicFile extends LinkAccess {
  id: string;
  name: string;
  mimeType: string;
  /** Owner's e-mail; shared-drive items belong to the drive and have none. */
  owner?: string;
  sharedDrive?: { id: string; name: string };
  trashed: boolean;
  webViewLink?: string;
}

export interface WorkspacePolicy {
  /** Setting type without the `settings/` prefix, e.g. `drive_and_docs.external_sharing`. */
  setting: string;
  value: Record<string, unknown>;
  /** `orgUnits/…` the policy applies to, when it targets an org unit. */
  orgUnit?: string;
  /** `groups/…` the policy applies to, when it targets a group. */
  group?: string;
  /** For `drive_and_docs.external_sharing`: the fields the sharing check reads, or why they cannot be read. */
  driveSharing?: Fact<DriveSharing>;
}

/** A Drive sharing policy's fields; an absent one is not set by this policy (inherited). */
export interface DriveSharing {
  externalSharingMode?: "ALLOWED" | "ALLOWLISTED_DOMAINS" | "DISALLOWED";
  allowPublishingFiles?: boolean;
  warnForExternalSharing?: boolean;
}
