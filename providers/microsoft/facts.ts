import type { CollectionError, Fact, Unlicensed } from "../fact.ts";

/** Everything the Microsoft 365 checks may read. Collected by `collectMicrosoftFacts`, judged by `checks/microsoft/*`. */
export interface MicrosoftFacts {
  organization: Fact<Organization>;
  licences: Fact<Licences>;
  users: Fact<DirectoryUser[]>;
  /**
   * Last sign-in by user id; a user Graph sent no `signInActivity` for is missing (never signed
   * in). Per user, so one unreadable date fails that user only. Entra ID P1 only.
   */
  signIns: Fact<Record<string, Fact<SignInActivity>> | Unlicensed>;
  mfa: Fact<MfaRegistrations>;
  securityDefaultsEnabled: Fact<boolean>;
  /** Conditional Access exists only with Entra ID P1. */
  conditionalAccess: Fact<ConditionalAccess | Unlicensed>;
  /** Active assignments of the privileged roles. */
  privilegedRoles: Fact<PrivilegedRole[]>;
  /**
   * PIM-eligible assignments of the same roles: people who can turn the role on themselves.
   * Graph keeps them only for tenants with Entra ID P2 (or ID Governance).
   */
  eligibleRoles: Fact<PrivilegedRole[] | Unlicensed>;
  sharePoint: Fact<SharePointSharing>;
  /** Every site collection, OneDrive personal sites included. */
  sites: Fact<SiteSummary[]>;
  /**
   * Files shared by link, from a delta crawl of every drive. Only collected when the tenant
   * allows "Anyone" links: where it does not, SharePoint disables every such link.
   */
  sharedFiles?: Fact<SharedFilesCrawl>;
  backup: Fact<BackupState>;
  /** The latest Microsoft Secure Score with the controls it is made of. */
  secureScore: Fact<SecureScore>;
  /** Health of every service the tenant subscribes to, with the issues not resolved yet. */
  serviceHealth: Fact<ServiceHealth[]>;
  /** Purview sensitivity labels published to the organisation; only where the licence includes them. */
  sensitivityLabels: Fact<SensitivityLabel[] | Unlicensed>;
  /** The owner's own rules from the config, carried here because they shape several verdicts. */
  ownerPolicy: Fact<MicrosoftOwnerPolicy>;
}

export interface MicrosoftOwnerPolicy {
  /** Whether the company allows files to be shared with links that work for anyone. */
  anyoneLinks: "allowed" | "not_allowed";
}

export interface Organization {
  id: string;
  displayName: string;
  /** Country of sign-up (ISO 3166 alpha-2); Microsoft picks the tenant's default data geography from it. */
  countryLetterCode: string | null;
  defaultDomain: string;
  /**
   * Where Microsoft sends technical and security notices. null: Graph did not send the list (an
   * app without Organization.Read.All gets null for every property but a few), not "none set".
   */
  technicalNotificationMails: string[] | null;
  securityComplianceNotificationMails: string[] | null;
}

export interface Licences {
  /** Entra ID P1 or P2 in any active subscription (Business Premium, E3, E5, EMS, standalone). */
  entraP1: boolean;
  /** Purview Information Protection (sensitivity labels): Business Premium, E3, E5, AIP P1/P2. */
  informationProtection: boolean;
  skus: { skuPartNumber: string; capabilityStatus: string; consumedUnits: number }[];
}

export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  guest: boolean;
  enabled: boolean;
  assignedLicenses: number;
  createdDateTime: string | null;
  /** For guests: `PendingAcceptance` until the invitation is redeemed. */
  externalUserState: string | null;
  /** Multi-Geo: the geography the user's mailbox and OneDrive live in (`JPN`, `NAM`, …). */
  preferredDataLocation: string | null;
}

export interface SignInActivity {
  /** Interactive sign-in attempts, failed ones included (kept since April 2020). */
  lastSignInDateTime: string | null;
  /** Sign-ins by apps on the user's behalf, failed ones included (kept since May 2020). */
  lastNonInteractiveSignInDateTime: string | null;
  /**
   * The last successful sign-in of either kind, kept since December 2023; null: none since
   * then. undefined when Graph did not send the field, and only then do the attempts count.
   */
  lastSuccessfulSignInDateTime?: string | null;
}

export interface MfaRegistrations {
  /** `userRegistrationDetails` (Entra ID P1) or one `authentication/methods` read per user. */
  source: "userRegistrationDetails" | "authenticationMethods";
  /** By user id; a user missing here was not in the report (created after it was built). */
  byUser: Record<string, Fact<MfaState>>;
}

export interface MfaState {
  registered: boolean;
  methods: string[];
}

export interface ConditionalAccess {
  policies: ConditionalAccessPolicy[];
  /** Members (user ids, transitive) of the groups the MFA policies exclude. */
  excludedGroupMembers: Record<string, string[]>;
  /** Holders (user ids; active, PIM-eligible, through groups) of every directory role the MFA policies exclude. */
  excludedRoleMembers: Record<string, string[]>;
}

export interface ConditionalAccessPolicy {
  id: string;
  displayName: string;
  /** `unknown`: absent or a state added later; only `enabled` enforces anything. */
  state: "enabled" | "disabled" | "enabledForReportingButNotEnforced" | "unknown";
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  includeRoles: string[];
  excludeRoles: string[];
  includeApplications: string[];
  excludeApplications: string[];
  /** Grants that need MFA: the `mfa` control, or an authentication strength. */
  requiresMfa: boolean;
  /** The grant is `block`: matching sign-ins are refused. */
  blocks: boolean;
  /** `conditions.clientAppTypes` as sent (`all`, `browser`, `mobileAppsAndDesktopClients`, `exchangeActiveSync`, `other`). */
  clientAppTypes: string[];
  /** Conditions that make it apply to only some sign-ins (locations, platforms, risk, …); empty: every sign-in. */
  narrowedBy: string[];
}

export interface PrivilegedRole {
  /** Built-in role template id, e.g. 62e90394-… for Global Administrator. */
  roleTemplateId: string;
  displayName: string;
  /** Users holding the role directly or through a role-assignable group. */
  userIds: string[];
  servicePrincipalIds: string[];
}

export type SharingCapability =
  | "disabled" | "externalUserSharingOnly" | "externalUserAndGuestSharing" | "existingExternalUserSharingOnly";

export interface SharePointSharing {
  /**
   * `externalUserAndGuestSharing` is the only level that allows "Anyone" links. `unknown`:
   * Graph left it out or sent a level added later; judged as possibly allowing them.
   */
  sharingCapability: SharingCapability | "unknown";
  isResharingByExternalUsersEnabled: boolean | null;
  isRequireAcceptingUserToMatchInvitedUserEnabled: boolean | null;
  /** SharePoint and OneDrive accept legacy (basic) authentication; null: absent. */
  isLegacyAuthProtocolsEnabled: boolean | null;
  /** How long a deleted user's OneDrive is kept (Microsoft: 30 to 3650 days, 30 by default); null: absent or out of those bounds. */
  deletedUserPersonalSiteRetentionPeriodInDays: number | null;
}

export interface SiteSummary {
  id: string;
  displayName: string;
  webUrl: string;
  personal: boolean;
  /** Multi-Geo only: the geography the site collection is stored in. */
  dataLocationCode: string | null;
}

export interface SharedFilesCrawl {
  files: SharedFile[];
  /** Drives (or sites whose drives could not be listed) not read this time: their files are not judged. */
  unreadable: UnreadableDrive[];
  /** How the drives were read, for the feed's notes. */
  stats: { drives: number; incremental: number; resynced: number; interrupted: number; rechecked: number };
}

export interface UnreadableDrive {
  /** `drives/{id}` or `sites/{id}/drive`: the drive's key in the delta state. */
  key: string;
  location: string;
  webUrl: string;
  error: CollectionError;
}

export interface SharedFile {
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string;
  /** Whose OneDrive, or which SharePoint site. */
  location: string;
  /** The item's own sharing links (inherited ones belong to the folder that defines them). */
  links: Fact<SharingLink[]>;
}

/** `anonymous` is an "Anyone" link; `existingAccess` works only for people who already have access. */
export type LinkScope = "anonymous" | "organization" | "users" | "existingAccess";

export interface SharingLink {
  permissionId: string;
  scope: LinkScope;
  /** `view`, `edit`, `embed`, `review`, `blocksDownload`, … as Graph sent it. */
  type: string;
  roles: string[];
  /** From type and roles, the worst case for a type or role cloud15 does not know (parse.ts). */
  canEdit: boolean;
  /** null: the link never expires (Graph's "none" sentinel included). */
  expirationDateTime: string | null;
  hasPassword: boolean;
}

export type BackupWorkload = "oneDrive" | "sharePoint" | "exchange";

export interface BackupState {
  /** As Graph sent it: `enabled`, `disabled`, `protectionChangeLocked`, `protectionUnlocked`, … */
  serviceStatus: string;
  /** `unknown`: absent or a state added later, judged neither on nor off. */
  service: "on" | "off" | "unknown";
  policies: { workload: BackupWorkload; id: string; displayName: string; status: string }[];
}

export interface SecureScore {
  createdDateTime: string;
  currentScore: number;
  maxScore: number;
  /** Every control of the score that Microsoft still counts (deprecated ones left out). */
  controls: SecureScoreControl[];
}

export interface SecureScoreControl {
  /** Microsoft's control name, e.g. `AdminMFAV2`, `BlockLegacyAuthentication`. */
  id: string;
  title: string;
  category: string;
  /** Points attained; null: the score did not list the control. */
  score: number | null;
  maxScore: number;
}

export interface ServiceHealth {
  /** `Exchange`, `SharePoint`, `OrgLiveID`, … */
  id: string;
  service: string;
  /** As Graph sent it: `serviceOperational`, `serviceDegradation`, … (the docs write them camelCase, the service PascalCase). */
  status: string;
  /** Issues Graph reports as not resolved. */
  openIssues: ServiceHealthIssue[];
}

export interface ServiceHealthIssue {
  id: string;
  title: string;
  /** `unknown`: absent or a classification added later, shown as an incident (the worse case). */
  classification: "incident" | "advisory" | "unknown";
  status: string;
  feature: string | null;
  impactDescription: string | null;
  startDateTime: string | null;
}

export interface SensitivityLabel {
  id: string;
  name: string;
  /** Only active labels can be applied to files and mail. */
  isActive: boolean;
}
