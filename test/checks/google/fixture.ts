import { DEFAULT_POLICY, runCheck, type Check, type CheckContext, type CheckResult } from "../../../checks/framework.ts";
import { collected, failed, type CollectionError } from "../../../providers/fact.ts";
import type { DriveLabel, GoogleFacts, LicenceAssignment, PublicFile, WorkspacePolicy, WorkspaceUser } from "../../../providers/google/facts.ts";
import { parseDriveSharing } from "../../../providers/google/parse.ts";

/** A customer with everything set right; each test breaks one thing. */
export const NOW = new Date("2026-11-27T00:00:00Z");
export const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

export function googleContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    tenantId: "test",
    tenantResource: { uid: "google:domain/acme.example", name: "Google Workspace acme.example", type: "Google::Workspace::Customer" },
    now: NOW,
    policy: DEFAULT_POLICY,
    ...overrides,
  };
}

/** A refused token, as the provider reports it against the method it was for. */
export function notDelegated(operation: string, scope: string): CollectionError {
  return {
    operation, permission: scope, code: "unauthorized_client",
    message: `domain-wide delegation does not grant ${scope} to client 1042: add it in the Admin console`,
  };
}

export function user(local: string, overrides: Partial<WorkspaceUser> = {}): WorkspaceUser {
  return {
    id: `id-${local}`,
    primaryEmail: `${local}@acme.example`,
    isAdmin: false,
    isDelegatedAdmin: false,
    isEnrolledIn2Sv: true,
    isEnforcedIn2Sv: true,
    suspended: false,
    archived: false,
    lastLoginTime: daysAgo(1),
    creationTime: daysAgo(500),
    orgUnitPath: "/",
    hasRecoveryEmail: true,
    hasRecoveryPhone: false,
    ...overrides,
  };
}

export function publicFile(name: string, overrides: Partial<PublicFile> = {}): PublicFile {
  return {
    id: `file-${name}`, name, mimeType: "application/vnd.google-apps.spreadsheet", owner: "sales@acme.example",
    visibility: "anyoneWithLink", role: "reader", trashed: false, ...overrides,
  };
}

/** A Drive sharing policy on an org unit (`orgUnits/<unit>`), read as the provider reads it. */
export function sharingPolicy(unit: string, value: Record<string, unknown>): WorkspacePolicy {
  const orgUnit = `orgUnits/${unit}`;
  return { setting: "drive_and_docs.external_sharing", orgUnit, value, driveSharing: parseDriveSharing(value, orgUnit) };
}

export const restrictedSharing = sharingPolicy("root", { externalSharingMode: "ALLOWLISTED_DOMAINS", allowPublishingFiles: false });

/** The top-level unit (`orgUnits/root`) and a sales unit under it. */
export const ORG_UNITS = [{ id: "orgUnits/root", path: "/" }, { id: "orgUnits/sales", path: "/Sales" }];

/** Business Standard: the edition of the customer in these tests, one with Drive labels. */
export const BUSINESS_STANDARD = { skuId: "1010020028", skuName: "Google Workspace Business Standard" };

export function licence(email: string, sku = BUSINESS_STANDARD): LicenceAssignment {
  return { email, ...sku };
}

export function driveLabel(title: string, overrides: Partial<DriveLabel> = {}): DriveLabel {
  return { id: `label-${title}`, title, labelType: "ADMIN", state: "PUBLISHED", ...overrides };
}

export function goodFacts(overrides: Partial<GoogleFacts> = {}): GoogleFacts {
  const admins = [user("boss", { isAdmin: true }), user("it", { isAdmin: true })];
  return {
    users: collected([...admins, user("staff")]),
    userDrives: collected([...admins, user("staff")].map((u) => ({ userId: u.id, email: u.primaryEmail, publicFiles: collected([]) }))),
    sharedDrives: collected([{ id: "0Asales", name: "Sales", domainUsersOnly: false, publicFiles: collected([]) }]),
    policies: collected([restrictedSharing]),
    orgUnits: collected(ORG_UNITS),
    alerts: collected([]),
    licences: collected([...admins, user("staff")].map((u) => licence(u.primaryEmail))),
    driveLabels: collected([driveLabel("Confidential")]),
    ...overrides,
  };
}

export function run(check: Check<GoogleFacts>, facts: GoogleFacts, ctx = googleContext()): CheckResult[] {
  return runCheck(check, facts, ctx);
}

export { collected, failed };
