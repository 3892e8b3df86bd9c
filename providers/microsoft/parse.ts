/**
 * Every raw Graph and SharePoint value the Microsoft collectors read is turned into a fact
 * here, and only here: dates with their sentinels, enums with values added after this code
 * was written, and fields Graph may leave out. The rule for each: absent, unknown or sentinel
 * data never reads as the good state. docs/sentinels.md lists each case with its source.
 */
import type { ConditionalAccessPolicy, LinkScope, SharingCapability } from "./facts.ts";

/** What a Graph date field says: a moment, "none" (absent, null or a .NET sentinel), or text that is not a date. */
export type GraphDate = { kind: "date"; iso: string } | { kind: "none" } | { kind: "invalid"; raw: string };

/**
 * Graph and SharePoint write .NET's `DateTime.MinValue` (`0001-01-01T00:00:00Z`) where a date
 * is "none" (a sharing link with no expiry), and some services `DateTime.MaxValue`
 * (`9999-12-31T23:59:59`) for "never". Both mean no date, never a real one.
 */
export function parseGraphDate(raw: unknown): GraphDate {
  if (raw === null || raw === undefined || raw === "") return { kind: "none" };
  if (typeof raw !== "string") return { kind: "invalid", raw: String(raw) };
  if (raw.startsWith("0001-") || raw.startsWith("9999-")) return { kind: "none" };
  const plain = plainUtc(raw);
  if (plain !== undefined) return { kind: "date", iso: plain };
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) return { kind: "invalid", raw: raw.slice(0, 40) };
  return { kind: "date", iso: new Date(ms).toISOString() };
}

const PLAIN_UTC = /^\d{4}-\d\d-\d\dT\d\d:[0-5]\d:[0-5]\d(?:\.\d{3})?Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * What `new Date(raw).toISOString()` makes of Graph's usual spelling, `2026-11-27T09:00:00Z`
 * (or with milliseconds), read from the text without building a Date: a scan reads four dates
 * a user, and this was the costliest function of the scanner's own in the profile of the
 * 5,000-user benchmark (20,400 dates: 23-41 ms of its first scan, 11-16 ms read this way). Only
 * a real day of its month and an hour before 24: Date rolls `02-30` and `24:00` over to the
 * next day, so those, like every other spelling, are left to Date.
 */
function plainUtc(raw: string): string | undefined {
  if ((raw.length !== 20 && raw.length !== 24) || !PLAIN_UTC.test(raw)) return undefined;
  const digit = (i: number) => raw.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  if (month < 1 || month > 12 || day < 1 || digit(11) * 10 + digit(12) > 23) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  return raw.length === 24 ? raw : `${raw.slice(0, 19)}.000Z`;
}

/** A date where "none" and "not a date" are both null: for fields where null is already the worst case. */
export function dateOrNull(raw: unknown): string | null {
  const d = parseGraphDate(raw);
  return d.kind === "date" ? d.iso : null;
}

const SHARING_CAPABILITIES: readonly SharingCapability[] = [
  "disabled", "externalUserSharingOnly", "externalUserAndGuestSharing", "existingExternalUserSharingOnly",
];

/** `sharingCapability` of sharepointSettings; absent or a value added later is `unknown`, never a level. */
export function parseSharingCapability(raw: unknown): SharingCapability | "unknown" {
  return SHARING_CAPABILITIES.includes(raw as SharingCapability) ? raw as SharingCapability : "unknown";
}

/** Whether the level rules "Anyone" links out: every known level but `externalUserAndGuestSharing`; `unknown` does not. */
export function anyoneLinksOff(capability: SharingCapability | "unknown"): boolean {
  return capability !== "externalUserAndGuestSharing" && capability !== "unknown";
}

/** A boolean setting: null when Graph left it out or sent something else. */
export function parseOptionalBoolean(raw: unknown): boolean | null {
  return typeof raw === "boolean" ? raw : null;
}

const LINK_SCOPES: readonly LinkScope[] = ["anonymous", "organization", "users", "existingAccess"];

/** sharingLink `scope`; `unknown` for a scope cloud15 does not know (the caller fails the item, it is not guessed). */
export function parseLinkScope(raw: unknown): LinkScope | "unknown" {
  return LINK_SCOPES.includes(raw as LinkScope) ? raw as LinkScope : "unknown";
}

/** Link types that grant reading only, unless their roles say more. */
const READ_ONLY_LINK_TYPES = new Set(["view", "embed", "blocksDownload", "review"]);
/** Link types whose reach SharePoint sets per tenant: the roles tell. */
const ROLE_DECIDES_LINK_TYPES = new Set(["addressBar", "adminDefault"]);

/**
 * Whether a link lets its holder change the item: an `edit` or `createOnly` (upload) link,
 * any role beyond `read` (`write`, `owner`, or a role Graph adds later), or a link type
 * cloud15 does not know.
 */
export function linkCanEdit(type: unknown, roles: readonly string[]): boolean {
  if (roles.some((r) => r !== "read")) return true;
  if (typeof type !== "string") return true;
  return !READ_ONLY_LINK_TYPES.has(type) && !ROLE_DECIDES_LINK_TYPES.has(type);
}

/** `roles` of a permission: strings only; absent is none. */
export function parseRoles(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((r): r is string => typeof r === "string") : [];
}

/** `userType`: only `Guest` is a guest; absent or another value is judged as a member, by the stricter member checks. */
export function parseIsGuest(raw: unknown): boolean {
  return typeof raw === "string" && raw.toLowerCase() === "guest";
}

/** `accountEnabled`: only an explicit false is disabled; absent is judged as able to sign in. */
export function parseEnabled(raw: unknown): boolean {
  return raw !== false;
}

/** Microsoft 365 Backup service states in which protection runs. */
const BACKUP_ON = new Set(["enabled", "protectionChangeLocked", "protectionUnlocked"]);

/** `serviceStatus.status` of backupRestoreRoot: on, off, or `unknown` (absent or a later value) which is judged as neither. */
export function parseBackupStatus(raw: unknown): "on" | "off" | "unknown" {
  if (raw === "disabled") return "off";
  return typeof raw === "string" && BACKUP_ON.has(raw) ? "on" : "unknown";
}

/** Conditional Access `state`: only `enabled` enforces; report-only, disabled, absent or new values do not. */
export function parsePolicyState(raw: unknown): ConditionalAccessPolicy["state"] {
  return raw === "enabled" || raw === "disabled" || raw === "enabledForReportingButNotEnforced" ? raw : "unknown";
}

/** An array of strings, or none. */
export function stringList(raw: unknown): string[] {
  return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === "string") : [];
}

/** Guest kinds that Entra counts as members of the tenant (they are judged by the member checks). */
const MEMBER_LIKE_GUEST_KINDS = new Set(["internalGuest", "b2bCollaborationMember"]);
const KNOWN_GUEST_KINDS = new Set(["none", "internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember", "b2bDirectConnectUser", "otherExternalUser", "serviceProvider"]);

/**
 * The conditions that make a Conditional Access policy apply to fewer sign-ins than "every
 * sign-in of the users it names": each named in the owner's words. Any condition cloud15
 * does not know, when set, also narrows it (it is not counted as MFA for everyone).
 */
export function narrowingConditions(conditions: Record<string, unknown> | null | undefined): string[] {
  const c = conditions ?? {};
  const out: string[] = [];
  const set = (v: unknown) => v !== null && v !== undefined;
  const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
  const handled = new Set(["users", "applications", "clientAppTypes", "locations", "platforms", "signInRiskLevels", "userRiskLevels",
    "servicePrincipalRiskLevels", "insiderRiskLevels", "devices", "authenticationFlows", "clientApplications", "deviceStates"]);

  const apps = (c.applications ?? {}) as Record<string, unknown>;
  if (nonEmpty(apps.includeUserActions)) out.push("user actions only");
  if (nonEmpty(apps.includeAuthenticationContextClassReferences)) out.push("authentication context only");
  if (set(apps.applicationFilter)) out.push("application filter");

  const clientAppTypes = stringList(c.clientAppTypes);
  if (clientAppTypes.length > 0 && !clientAppTypes.includes("all")) out.push(`client apps: ${clientAppTypes.join(", ")}`);

  if (set(c.locations)) {
    const l = c.locations as Record<string, unknown>;
    const include = stringList(l.includeLocations);
    if (!(include.length === 0 || include.includes("All")) || nonEmpty(l.excludeLocations)) out.push("locations");
  }
  if (set(c.platforms)) {
    const p = c.platforms as Record<string, unknown>;
    const include = stringList(p.includePlatforms);
    if (!(include.length === 0 || include.includes("all")) || nonEmpty(p.excludePlatforms)) out.push("device platforms");
  }
  if (nonEmpty(c.signInRiskLevels)) out.push("sign-in risk");
  if (nonEmpty(c.userRiskLevels)) out.push("user risk");
  if (nonEmpty(c.servicePrincipalRiskLevels)) out.push("service principal risk");
  if (set(c.insiderRiskLevels)) out.push("insider risk");
  if (set(c.devices) || set(c.deviceStates)) out.push("device filter");
  if (set(c.authenticationFlows)) out.push("authentication flows");
  if (set(c.clientApplications)) out.push("workload identities");

  const users = (c.users ?? {}) as Record<string, unknown>;
  // A flags enum, sent as one comma-separated string ("internalGuest,b2bCollaborationGuest").
  const excluded = (users.excludeGuestsOrExternalUsers ?? {}) as Record<string, unknown>;
  const kinds = typeof excluded.guestOrExternalUserTypes === "string" ? excluded.guestOrExternalUserTypes.split(",").map((k) => k.trim()) : [];
  if (kinds.some((k) => MEMBER_LIKE_GUEST_KINDS.has(k) || !KNOWN_GUEST_KINDS.has(k))) out.push("excludes guests or external users");

  for (const [key, v] of Object.entries(c)) {
    if (!handled.has(key) && key !== "@odata.type" && set(v) && !(Array.isArray(v) && v.length === 0)) out.push(`condition ${key}`);
  }
  return out;
}

/** Microsoft's bounds for the OneDrive retention of deleted users (Set-SPOTenant -OrphanedPersonalSitesRetentionPeriod). */
export const ONEDRIVE_RETENTION_BOUNDS = { min: 30, max: 3650 } as const;

/** `deletedUserPersonalSiteRetentionPeriodInDays`: a whole number within Microsoft's bounds, or null (absent, or a value SharePoint cannot hold). */
export function parseRetentionDays(raw: unknown): number | null {
  if (typeof raw !== "number" || !Number.isInteger(raw)) return null;
  return raw >= ONEDRIVE_RETENTION_BOUNDS.min && raw <= ONEDRIVE_RETENTION_BOUNDS.max ? raw : null;
}

/**
 * A list of addresses (`technicalNotificationMails`): the non-empty strings of an array. null when
 * Graph sent none at all: it answers null for properties the app may not read, and that is not "no address".
 */
export function parseMailList(raw: unknown): string[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.filter((m): m is string => typeof m === "string" && m.trim() !== "").map((m) => m.trim());
}

/** A score or a points value: a finite number, else null. */
export function parseScore(raw: unknown): number | null {
  return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
}

/**
 * serviceHealthIssue `classification`: `advisory` or `incident` (the docs write them lower case,
 * the service sends `Advisory`); absent or `unknownFutureValue` is `unknown`, shown as an incident.
 */
export function parseIssueClassification(raw: unknown): "incident" | "advisory" | "unknown" {
  const v = typeof raw === "string" ? raw.toLowerCase() : "";
  return v === "incident" || v === "advisory" ? v : "unknown";
}

/** serviceHealthIssue `isResolved`: only an explicit true closes an issue; absent is still open. */
export function issueIsOpen(raw: unknown): boolean {
  return raw !== true;
}
