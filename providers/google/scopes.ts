/**
 * The OAuth scopes cloud15 asks domain-wide delegation for: read-only, and each requested
 * in its own token, so that one scope the administrator did not grant stops only the checks
 * that need it. docs/google-workspace.md explains each to the administrator.
 */
export const GOOGLE_SCOPES = {
  /** Directory users.list: 2-Step Verification, admin roles, last sign-in. */
  directoryUsers: "https://www.googleapis.com/auth/admin.directory.user.readonly",
  /** Directory orgunits.list: which unit is the top-level one, and the units' paths. */
  orgUnits: "https://www.googleapis.com/auth/admin.directory.orgunit.readonly",
  /** Drive files.list and permissions.list as each user: names and sharing, never content. */
  driveMetadata: "https://www.googleapis.com/auth/drive.metadata.readonly",
  /** drives.list and drive members with useDomainAdminAccess, which the metadata scope does not allow. */
  driveReadonly: "https://www.googleapis.com/auth/drive.readonly",
  /** Cloud Identity Policy API: Drive sharing and data region settings. */
  policies: "https://www.googleapis.com/auth/cloud-identity.policies.readonly",
  /** Alert Center alerts.list: the security alerts Google raised for the customer. */
  alerts: "https://www.googleapis.com/auth/apps.alerts",
  /** Enterprise License Manager listForProduct: who holds a Workspace licence, and which edition. */
  licensing: "https://www.googleapis.com/auth/apps.licensing",
  /** Drive Labels labels.list with useAdminAccess: whether the company classifies its files. */
  driveLabels: "https://www.googleapis.com/auth/drive.admin.labels.readonly",
} as const;

/**
 * Scopes Google offers in one read-and-write form only: cloud15 sends nothing but GETs with
 * them (GoogleClients has no other method), and docs/google-workspace.md says so.
 */
export const SCOPES_WITHOUT_READONLY_FORM: readonly GoogleScope[] = [GOOGLE_SCOPES.alerts, GOOGLE_SCOPES.licensing];

export type GoogleScope = (typeof GOOGLE_SCOPES)[keyof typeof GOOGLE_SCOPES];

/** The API methods the provider calls; `token` is the OAuth token endpoint. */
export type GoogleOperation =
  | "token" | "users.list" | "orgunits.list" | "files.list" | "drives.list" | "permissions.list" | "policies.list"
  | "alerts.list" | "licenseAssignments.listForProduct" | "labels.list";

/** google-auth-library posts every JWT bearer grant here; `tokenUrl` in the config redirects it. */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
