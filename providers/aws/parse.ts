/**
 * Every raw AWS value cloud15 judges is read here: credential-report cells, enums, optional
 * flags, policy documents. A value that is absent, a sentinel, or not what the docs allow is
 * named for what it means; one that cannot be read throws `UnreadableValue` (or
 * `MalformedPolicy`), which makes the fact that holds it `error`, never a silent default that
 * would pass. docs/sentinels.md lists each sentinel with its source.
 */

export class UnreadableValue extends Error {
  override readonly name: string = "UnreadableValue";
}

export class MalformedPolicy extends Error {
  override readonly name = "MalformedPolicy";
}

// ---------------------------------------------------------------- credential report cells

/**
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/credential-reports.html: dates are ISO 8601;
 * `N/A` where the credential does not exist or was never used (keys), `no_information` where
 * IAM has no record of a password's use, `not_supported` on the root row.
 */
export const REPORT_NO_DATE = ["N/A", "no_information", "not_supported"] as const;

/** An ISO date, null for a documented "no date" sentinel; anything else is unreadable. */
export function reportDate(value: string, column: string): string | null {
  if ((REPORT_NO_DATE as readonly string[]).includes(value)) return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(value).toISOString();
  }
  throw new UnreadableValue(`${column} is ${JSON.stringify(value)}, which is neither a date nor a documented sentinel`);
}

/** `true`/`false` (IAM writes them lower case, the docs TRUE/FALSE); anything else is unreadable. */
export function reportBoolean(value: string, column: string): boolean {
  const v = value.toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new UnreadableValue(`${column} is ${JSON.stringify(value)}, not true or false`);
}

// ---------------------------------------------------------------- S3 enums and flags

/** GetBucketVersioning: no Status at all means versioning was never enabled. */
export function versioningStatus(status: string | undefined): "Enabled" | "Suspended" | "Disabled" {
  if (status === undefined || status === "") return "Disabled";
  if (status === "Enabled" || status === "Suspended") return status;
  throw new UnreadableValue(`versioning Status is ${JSON.stringify(status)}`);
}

/**
 * A Block Public Access flag: S3 treats an absent flag as false (not blocking), which only
 * makes cloud15 read more (the ACL, the policy), never pass sooner.
 */
export function pabFlag(flag: boolean | undefined): boolean {
  return flag === true;
}

const GRANTEE_TYPES = ["CanonicalUser", "Group", "AmazonCustomerByEmail"] as const;
const ACL_PERMISSIONS = ["FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP"] as const;

/** An ACL grant: a grantee type or permission S3 does not document is unreadable, not dropped. */
export function aclGrant(g: { Grantee?: { Type?: string; URI?: string; ID?: string; EmailAddress?: string }; Permission?: string }): {
  granteeType: (typeof GRANTEE_TYPES)[number]; grantee: string; permission: (typeof ACL_PERMISSIONS)[number];
} {
  const type = g.Grantee?.Type;
  const permission = g.Permission;
  if (!(GRANTEE_TYPES as readonly (string | undefined)[]).includes(type)) throw new UnreadableValue(`ACL grantee type ${JSON.stringify(type)}`);
  if (!(ACL_PERMISSIONS as readonly (string | undefined)[]).includes(permission)) throw new UnreadableValue(`ACL permission ${JSON.stringify(permission)}`);
  const grantee = type === "Group" ? g.Grantee?.URI : type === "AmazonCustomerByEmail" ? g.Grantee?.EmailAddress : g.Grantee?.ID;
  if (!grantee) throw new UnreadableValue(`ACL grant to a ${type} without its identifier`);
  return { granteeType: type as (typeof GRANTEE_TYPES)[number], grantee, permission: permission as (typeof ACL_PERMISSIONS)[number] };
}

/** A replication rule's Status: Enabled or Disabled; an absent or other value replicates nothing. */
export function replicationRuleEnabled(status: string | undefined): boolean {
  return status === "Enabled";
}

// ---------------------------------------------------------------- IAM account summary

/** GetAccountSummary flags are 0 or 1 (keys present may count); absent or negative is unreadable. */
export function summaryCount(map: Record<string, number | undefined>, key: string): number {
  const v = map[key];
  if (v === undefined || !Number.isInteger(v) || v < 0) throw new UnreadableValue(`SummaryMap ${key} is ${JSON.stringify(v)}`);
  return v;
}

// ---------------------------------------------------------------- AWS Backup

/** Epoch date from the SDK; absent means "no backup recorded", never "recent". */
export function backupTime(date: Date | undefined): string | null {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

// ---------------------------------------------------------------- policy documents

export interface PolicyStatement {
  sid?: string;
  effect: "Allow" | "Deny";
  principal?: unknown;
  notPrincipal?: unknown;
  action: string[];
  notAction: string[];
  resource: string[];
  notResource: string[];
  condition?: Record<string, unknown>;
}

/**
 * An IAM or bucket policy document. IAM answers GetAccountAuthorizationDetails with documents
 * URL-encoded (RFC 3986), S3 with plain JSON; both arrive here.
 */
export function parsePolicyDocument(text: string): PolicyStatement[] {
  const trimmed = text.trim();
  let decoded = trimmed;
  if (trimmed.startsWith("%")) {
    try {
      decoded = decodeURIComponent(trimmed);
    } catch {
      throw new MalformedPolicy("the policy is URL-encoded badly");
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(decoded);
  } catch (err) {
    throw new MalformedPolicy(`the policy is not JSON (${(err as Error).message})`);
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  // An empty list grants nothing, which is known; no Statement at all is not a policy.
  if (raw === undefined || raw === null) throw new MalformedPolicy("the policy has no Statement");
  return (Array.isArray(raw) ? raw : [raw]).map((s, i) => statement(s, i));
}

function statement(raw: unknown, index: number): PolicyStatement {
  if (!raw || typeof raw !== "object") throw new MalformedPolicy(`statement #${index + 1} is not an object`);
  const st = raw as Record<string, unknown>;
  if (st.Effect !== "Allow" && st.Effect !== "Deny") throw new MalformedPolicy(`statement #${index + 1} has Effect ${JSON.stringify(st.Effect)}`);
  const strings = (key: string): string[] => {
    const v = st[key];
    if (v === undefined) return [];
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((x) => typeof x === "string")) throw new MalformedPolicy(`statement #${index + 1} has a ${key} that is not text`);
    return list as string[];
  };
  const condition = st.Condition;
  if (condition !== undefined && (condition === null || typeof condition !== "object")) {
    throw new MalformedPolicy(`statement #${index + 1} has a Condition that is not an object`);
  }
  return {
    ...(typeof st.Sid === "string" && st.Sid ? { sid: st.Sid } : {}),
    effect: st.Effect,
    ...(st.Principal !== undefined ? { principal: st.Principal } : {}),
    ...(st.NotPrincipal !== undefined ? { notPrincipal: st.NotPrincipal } : {}),
    action: strings("Action"),
    notAction: strings("NotAction"),
    resource: strings("Resource"),
    notResource: strings("NotResource"),
    ...(condition !== undefined ? { condition: condition as Record<string, unknown> } : {}),
  };
}

/** IAM-style wildcard match (`*` any run, `?` one character), case-insensitive as for actions. */
export function wildcardMatches(pattern: string, value: string, caseSensitive = false): boolean {
  const regex = new RegExp(`^${pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`, caseSensitive ? "" : "i");
  return regex.test(value);
}
