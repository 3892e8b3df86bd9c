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
   * The Cloud Identity Policy API's `settings/drive_and_docs.external_sharing`,
   * `settings/data_regions.*`, the security and Gmail safety settings and the DLP rules
   * (`settings/rule.dlp`): only those set explicitly somewhere; Google's documented defaults
   * apply wherever none is set.
   */
  policies: Fact<WorkspacePolicy[]>;
  /** Every organizational unit, the top-level one included (Directory orgunits.list). */
  orgUnits: Fact<OrgUnit[]>;
  /** Alert Center alerts created in the last 30 days, those marked for deletion left out. */
  alerts: Fact<WorkspaceAlert[]>;
  /** Every Google Workspace licence assigned (License Manager, product `Google-Apps`). */
  licences: Fact<LicenceAssignment[]>;
  /** Every Drive label of the customer, drafts and disabled ones included (Drive Labels API, as administrator). */
  driveLabels: Fact<DriveLabel[]>;
}

export interface WorkspaceAlert {
  id: string;
  /** Alert Center's name for it, e.g. `User reported phishing`, `Suspicious login`. */
  type: string;
  source: string;
  createTime: string;
  /** NOT_STARTED, IN_PROGRESS, CLOSED, or a status Alert Center added later (then counted as open). */
  status: string;
  /** HIGH, MEDIUM, LOW, or `UNDETERMINED` where Alert Center could not tell (its empty string). */
  severity: string;
}

/** An alert is open until someone closes it; a status cloud15 does not know is not closed. */
export function isOpen(a: WorkspaceAlert): boolean {
  return a.status !== "CLOSED";
}

export interface LicenceAssignment {
  /** The user's primary e-mail address. */
  email: string;
  skuId: string;
  /** Google's name for the edition, e.g. `Google Workspace Business Standard`. */
  skuName: string;
}

export interface DriveLabel {
  id: string;
  title: string;
  /** SHARED, ADMIN, GOOGLE_APP, or a type added later. */
  labelType: string;
  /** UNPUBLISHED_DRAFT, PUBLISHED, DISABLED, DELETED, or a state added later. */
  state: string;
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
  /** A recovery e-mail address is set (Directory `recoveryEmail`; the address itself is not kept). */
  hasRecoveryEmail: boolean;
  /** A recovery phone is set (Directory `recoveryPhone`; the number itself is not kept). */
  hasRecoveryPhone: boolean;
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
  /**
   * For the security and Gmail safety settings (`security.less_secure_apps`, `gmail.*`): their
   * on/off fields, an absent one not set by this policy; or why they cannot be read.
   */
  switches?: Fact<Partial<Record<string, boolean>>>;
  /** For `rule.dlp`: a data loss prevention rule. */
  dlpRule?: DlpRule;
}

export interface DlpRule {
  displayName: string;
  /** ACTIVE, INACTIVE, or a state added later (then not counted as active). */
  state: string;
}

/** A Drive sharing policy's fields; an absent one is not set by this policy (inherited). */
export interface DriveSharing {
  externalSharingMode?: "ALLOWED" | "ALLOWLISTED_DOMAINS" | "DISALLOWED";
  allowPublishingFiles?: boolean;
  warnForExternalSharing?: boolean;
}
