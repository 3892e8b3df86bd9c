import type { admin_directory_v1 } from "@googleapis/admin";
import type { drive_v3 } from "@googleapis/drive";
import { collected, failed, type Fact } from "../fact.ts";
import type { DlpRule, DriveLabel, DriveSharing, LicenceAssignment, LinkAccess, OrgUnit, WorkspaceAlert, WorkspaceUser } from "./facts.ts";
import type { Alert, DriveLabelResource, LicenseAssignment } from "./rest-shapes.ts";

/**
 * Every raw value Google sends that a verdict depends on is read here, and nowhere else:
 * absent, unknown and sentinel values become an error or the worst case, never a default
 * that could pass. docs/sentinels.md lists each value, what cloud15 does, and its source.
 */

/** Thrown for an answer the provider cannot read as Google documents it. */
export class MalformedResponse extends Error {
  override readonly name = "MalformedResponse";
}

/** Directory's `lastLoginTime` for an account that never signed in (the Unix epoch). */
export const NEVER_SIGNED_IN = "1970-01-01T00:00:00.000Z";

/**
 * A Directory user from a `users.list` page read with our `fields` mask. Directory sends every
 * boolean of the mask, `false` included, so an absent one is a malformed answer, not `false`.
 */
export function parseUser(u: admin_directory_v1.Schema$User): WorkspaceUser {
  if (!u.id || !u.primaryEmail) throw new MalformedResponse("users.list returned a user without id or primaryEmail");
  const where = `users.list returned user ${u.primaryEmail}`;
  const flag = (name: "isAdmin" | "isDelegatedAdmin" | "isEnrolledIn2Sv" | "isEnforcedIn2Sv" | "suspended" | "archived"): boolean => {
    const v = u[name];
    if (typeof v !== "boolean") throw new MalformedResponse(`${where} without ${name}`);
    return v;
  };
  if (typeof u.orgUnitPath !== "string" || !u.orgUnitPath.startsWith("/")) throw new MalformedResponse(`${where} without orgUnitPath`);
  const creationTime = timestamp(u.creationTime, `${where} with creationTime`);
  const lastLogin = timestamp(u.lastLoginTime, `${where} with lastLoginTime`);
  return {
    id: u.id,
    primaryEmail: u.primaryEmail,
    isAdmin: flag("isAdmin"),
    isDelegatedAdmin: flag("isDelegatedAdmin"),
    isEnrolledIn2Sv: flag("isEnrolledIn2Sv"),
    isEnforcedIn2Sv: flag("isEnforcedIn2Sv"),
    suspended: flag("suspended"),
    archived: flag("archived"),
    lastLoginTime: Date.parse(lastLogin) <= Date.parse(NEVER_SIGNED_IN) ? null : lastLogin,
    creationTime,
    orgUnitPath: u.orgUnitPath,
    // Directory leaves an unset recovery address out; an empty string is one cleared.
    hasRecoveryEmail: recoverySet(u.recoveryEmail, `${where} with recoveryEmail`),
    hasRecoveryPhone: recoverySet(u.recoveryPhone, `${where} with recoveryPhone`),
  };
}

function recoverySet(raw: unknown, what: string): boolean {
  if (raw === undefined || raw === null) return false;
  if (typeof raw !== "string") throw new MalformedResponse(`${what} that is not a string`);
  return raw.trim() !== "";
}

/** An RFC 3339 date-time as Google writes them; anything else is malformed, never "no date". */
function timestamp(raw: string | null | undefined, what: string): string {
  if (typeof raw !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new MalformedResponse(`${what} ${raw === undefined || raw === null ? "absent" : JSON.stringify(String(raw).slice(0, 40))}`);
  }
  return raw;
}

/** An organizational unit from `orgunits.list`; its id as the Policy API names it (`orgUnits/…`). */
export function parseOrgUnit(o: admin_directory_v1.Schema$OrgUnit): OrgUnit {
  if (!o.orgUnitId || typeof o.orgUnitPath !== "string" || !o.orgUnitPath.startsWith("/")) {
    throw new MalformedResponse("orgunits.list returned an organizational unit without orgUnitId or orgUnitPath");
  }
  return { id: `orgUnits/${o.orgUnitId.replace(/^id:/, "")}`, path: o.orgUnitPath };
}

/** Drive's documented permission roles, weakest first; `publishedReader` is a published view's reader. */
const ROLES = ["publishedReader", "reader", "commenter", "writer", "fileOrganizer", "organizer", "owner"] as const;
const TYPES = new Set(["user", "group", "domain", "anyone"]);

/** How strong a role is; a role Drive adds later ranks above all, as the worst case. */
export function roleRank(role: string | null | undefined): number {
  const rank = ROLES.indexOf(role as (typeof ROLES)[number]);
  return rank < 0 ? ROLES.length : rank;
}

/**
 * What a file's permissions let a stranger do, or undefined when nothing reaches beyond named
 * people and the company. An `anyone` permission is public whatever its view; absent
 * `allowFileDiscovery` counts as findable and an absent or new role as the strongest. A grantee
 * type Drive adds later may be public too: it is reported as such, never left out.
 */
export function linkAccess(permissions: readonly drive_v3.Schema$Permission[]): LinkAccess | undefined {
  const anyone = permissions.filter((p) => p.type === "anyone");
  const unknown = permissions.filter((p) => typeof p.type !== "string" || !TYPES.has(p.type));
  const open = [...anyone, ...unknown];
  if (open.length === 0) return undefined;
  const strongest = open.reduce((a, b) => (roleRank(b.role) > roleRank(a.role) ? b : a));
  const role = typeof strongest.role === "string" && strongest.role !== "" ? strongest.role : "unknown";
  if (anyone.length === 0) return { visibility: "unrecognised", role, grantee: String(unknown[0]!.type ?? "absent") };
  return { visibility: anyone.some((p) => p.allowFileDiscovery !== false) ? "anyoneCanFind" : "anyoneWithLink", role };
}

/** `restrictions.domainUsersOnly` of a shared drive: absent means anyone-links may work, so it is searched. */
export function drivePublicLinksBlocked(d: drive_v3.Schema$Drive): boolean {
  return d.restrictions?.domainUsersOnly === true;
}

/** `incompleteSearch` must say false: absent or true, public files may have been left out. */
export function searchComplete(page: drive_v3.Schema$FileList): void {
  if (page.incompleteSearch !== false) {
    throw new MalformedResponse(`files.list answered with incompleteSearch: ${page.incompleteSearch ?? "absent"}`);
  }
}

const SHARING_MODES = new Set(["ALLOWED", "ALLOWLISTED_DOMAINS", "DISALLOWED"]);

/**
 * The fields of a `settings/drive_and_docs.external_sharing` policy the sharing check reads.
 * A field the policy leaves out is inherited (absent here); a value of the wrong type or an
 * `externalSharingMode` outside the documented three (UNSPECIFIED included) cannot be judged,
 * so the policy's fact fails and its verdict is `error`.
 */
export function parseDriveSharing(value: Record<string, unknown>, where: string): Fact<DriveSharing> {
  const bad = (message: string) => failed({ operation: "policies.list", code: "UnrecognisedValue", message: `${where}: ${message}` });
  const sharing: DriveSharing = {};
  const mode = value.externalSharingMode;
  if (mode !== undefined) {
    if (typeof mode !== "string" || !SHARING_MODES.has(mode)) return bad(`externalSharingMode ${JSON.stringify(mode)} is not one cloud15 knows`);
    sharing.externalSharingMode = mode as DriveSharing["externalSharingMode"];
  }
  for (const name of ["allowPublishingFiles", "warnForExternalSharing"] as const) {
    const v = value[name];
    if (v === undefined) continue;
    if (typeof v !== "boolean") return bad(`${name} ${JSON.stringify(v)} is not a boolean`);
    sharing[name] = v;
  }
  return collected(sharing);
}

/** A body that is not the JSON object Google sends: a transfer cut short, a proxy's page. Retried. */
export class UnreadableBody extends MalformedResponse {}

/**
 * An answer body gaxios could not parse as JSON arrives as a string (a cut-off transfer, an
 * HTML error page from a proxy). It is transient, never an empty page.
 */
export function jsonBody<T>(data: unknown, url: string): T {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UnreadableBody(`${new URL(url).pathname} answered with a body that is not a JSON object`);
  }
  return data as T;
}

/**
 * An Alert Center alert, or undefined for one marked for deletion. An absent status is not
 * "closed": it stays open (`UNSPECIFIED`); Alert Center's empty severity (it could not tell)
 * becomes `UNDETERMINED`, and a severity or status added later is kept as sent.
 */
export function parseAlert(a: Alert): WorkspaceAlert | undefined {
  if (!a.alertId) throw new MalformedResponse("alerts.list returned an alert without alertId");
  if (a.deleted === true) return undefined;
  const where = `alerts.list returned alert ${a.alertId}`;
  const status = a.metadata?.status;
  const severity = a.metadata?.severity;
  return {
    id: a.alertId,
    type: typeof a.type === "string" && a.type !== "" ? a.type : "unknown",
    source: typeof a.source === "string" ? a.source : "",
    createTime: timestamp(a.createTime, `${where} with createTime`),
    status: typeof status === "string" && status !== "" ? status : "UNSPECIFIED",
    severity: typeof severity === "string" && severity !== "" ? severity : "UNDETERMINED",
  };
}

/** A licence from `listForProduct`: without the user or the SKU it says nothing. */
export function parseLicence(l: LicenseAssignment): LicenceAssignment {
  if (!l.userId || !l.skuId) throw new MalformedResponse("licenseAssignments.listForProduct returned a licence without userId or skuId");
  return { email: l.userId, skuId: l.skuId, skuName: l.skuName || l.skuId };
}

/** A Drive label from `labels.list`; a label without id or state cannot be told published. */
export function parseLabel(l: DriveLabelResource): DriveLabel {
  const state = l.lifecycle?.state;
  if (!l.id || typeof state !== "string" || state === "") throw new MalformedResponse("labels.list returned a label without id or lifecycle state");
  return { id: l.id, title: l.properties?.title || l.id, labelType: l.labelType || "unknown", state };
}

/**
 * The on/off fields each security or Gmail safety setting is judged by (Policy API supported
 * settings); the protection check says which value is the safe one.
 */
export const SWITCH_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "security.less_secure_apps": ["allowLessSecureApps"],
  "gmail.email_attachment_safety": ["enableEncryptedAttachmentProtection", "enableAttachmentWithScriptsProtection", "enableAnomalousAttachmentProtection"],
  "gmail.links_and_external_images": ["enableShortenerScanning", "enableExternalImageScanning", "enableAggressiveWarningsOnUntrustedLinks"],
  "gmail.spoofing_and_authentication": [
    "detectDomainNameSpoofing", "detectEmployeeNameSpoofing", "detectDomainSpoofingFromUnauthenticatedSenders", "detectUnauthenticatedEmails", "detectGroupsSpoofing",
  ],
};

/** A setting's on/off fields: absent is inherited (left out); anything but a boolean cannot be judged. */
export function parseSwitches(setting: string, value: Record<string, unknown>, where: string): Fact<Partial<Record<string, boolean>>> {
  const switches: Partial<Record<string, boolean>> = {};
  for (const name of SWITCH_FIELDS[setting] ?? []) {
    const v = value[name];
    if (v === undefined) continue;
    if (typeof v !== "boolean") return failed({ operation: "policies.list", code: "UnrecognisedValue", message: `${where}: ${name} ${JSON.stringify(v)} is not a boolean` });
    switches[name] = v;
  }
  return collected(switches);
}

/** A `rule.dlp` policy's name and state; a rule without a state is not counted as active. */
export function parseDlpRule(value: Record<string, unknown>): DlpRule {
  return {
    displayName: typeof value.displayName === "string" && value.displayName !== "" ? value.displayName : "(no name)",
    state: typeof value.state === "string" && value.state !== "" ? value.state : "UNSPECIFIED",
  };
}
