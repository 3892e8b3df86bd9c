/**
 * The Microsoft Graph application permission behind every operation the provider calls:
 * named in an `error` result when Graph denies the call, listed in docs/microsoft-365.md, and
 * checked by a test to be read-only.
 */
export const GRAPH_OPERATION_PERMISSIONS = {
  GetOrganization: "Organization.Read.All",
  ListSubscribedSkus: "Organization.Read.All",
  ListUsers: "User.Read.All",
  /** The same listing with `signInActivity`, which also needs Entra ID P1. */
  ListUsersWithSignInActivity: "AuditLog.Read.All",
  ListUserRegistrationDetails: "AuditLog.Read.All",
  ListAuthenticationMethods: "UserAuthenticationMethod.Read.All",
  GetSecurityDefaults: "Policy.Read.All",
  ListConditionalAccessPolicies: "Policy.Read.All",
  ListRoleAssignments: "RoleManagement.Read.Directory",
  /**
   * PIM eligibility. Its least privileged permission is RoleEligibilitySchedule.Read.Directory;
   * RoleManagement.Read.Directory, held for the active assignments already, also allows it.
   */
  ListRoleEligibilitySchedules: "RoleManagement.Read.Directory",
  ListGroupMembers: "GroupMember.Read.All",
  GetSharePointSettings: "SharePointTenantSettings.Read.All",
  ListSites: "Sites.Read.All",
  ListDrives: "Sites.Read.All",
  DriveDelta: "Sites.Read.All",
  ListItemPermissions: "Sites.Read.All",
  GetBackupRestore: "BackupRestore-Control.Read.All",
  ListProtectionPolicies: "BackupRestore-Configuration.Read.All",
  ListSecureScores: "SecurityEvents.Read.All",
  ListSecureScoreControlProfiles: "SecurityEvents.Read.All",
  ListHealthOverviews: "ServiceHealth.Read.All",
  /** Beta only (no v1.0 equivalent yet): the labels published to the organisation. */
  ListSensitivityLabels: "InformationProtectionPolicy.Read.All",
} as const;

export type GraphOperation = keyof typeof GRAPH_OPERATION_PERMISSIONS;
