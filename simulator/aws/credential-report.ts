import { accountCreatedAt, type SimAccessKey, type SimAwsAccount, type SimUser } from "./model.ts";

/** The credential report's columns, in IAM's order. */
export const CREDENTIAL_REPORT_COLUMNS = [
  "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
  "password_next_rotation", "mfa_active",
  "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
  "access_key_1_last_used_region", "access_key_1_last_used_service",
  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
  "access_key_2_last_used_region", "access_key_2_last_used_service",
  "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
] as const;

const NA = "N/A";
const NO_CERTIFICATES = ["false", NA, "false", NA];

/**
 * The report as IAM writes it: a `<root_account>` row first, then one row per user; dates as
 * `2024-01-31T09:00:00+00:00`, `N/A` where a value does not apply, `no_information` for a
 * password never used, `not_supported` for what the root user does not have.
 */
export function credentialReportCsv(account: SimAwsAccount): string {
  const created = accountCreatedAt(account);
  const root = [
    "<root_account>", `arn:aws:iam::${account.accountId}:root`, reportDate(created),
    "not_supported", "no_information", "not_supported", "not_supported", String(account.rootMfa),
    ...keyColumns(account.rootAccessKeys ? { active: true, createdAt: created } : undefined),
    ...keyColumns(undefined),
    ...NO_CERTIFICATES,
  ];
  const quirks = account.quirks ?? {};
  const rows = [...(quirks.credentialReportWithoutRoot ? [] : [root]), ...account.users.map((user) => userRow(account, user))]
    .map((row) => row.map((cell, i) => quirks.credentialReportCells?.[row[0]!]?.[CREDENTIAL_REPORT_COLUMNS[i]!] ?? cell));
  const kept = CREDENTIAL_REPORT_COLUMNS.map((c, i) => [c, i] as const).filter(([c]) => !quirks.credentialReportWithout?.includes(c));
  return [kept.map(([c]) => c), ...rows.map((row) => kept.map(([, i]) => row[i]))].map((row) => row.join(",")).join("\n");
}

function userRow(account: SimAwsAccount, user: SimUser): string[] {
  const maxAge = account.passwordPolicy?.maxAgeDays;
  const password = user.password;
  return [
    user.name,
    `arn:aws:iam::${account.accountId}:user/${user.name}`,
    reportDate(user.createdAt),
    String(password !== undefined),
    password === undefined ? NA : password.lastUsed === undefined ? "no_information" : reportDate(password.lastUsed),
    // The model does not track password changes: the password is as old as the user.
    password === undefined ? NA : reportDate(user.createdAt),
    password === undefined || maxAge === undefined ? NA : reportDate(addDays(user.createdAt, maxAge)),
    String(user.mfa),
    ...keyColumns(user.accessKeys[0]),
    ...keyColumns(user.accessKeys[1]),
    ...NO_CERTIFICATES,
  ];
}

/** Region and service of the last use are not in the model: a used key reports Tokyo and S3. */
function keyColumns(key: SimAccessKey | undefined): string[] {
  if (key === undefined) return ["false", NA, NA, NA, NA];
  const used = key.lastUsed === undefined ? [NA, NA, NA] : [reportDate(key.lastUsed), "ap-northeast-1", "s3"];
  return [String(key.active), reportDate(key.createdAt), ...used];
}

function reportDate(date: string): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

function addDays(date: string, days: number): string {
  return new Date(new Date(date).getTime() + days * 86_400_000).toISOString();
}
