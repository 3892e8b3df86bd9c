import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import type { AccessKeyState, ConsoleAccess, CredentialReport, CredentialReportUser } from "./facts.ts";
import { reportBoolean, reportDate, UnreadableValue } from "./parse.ts";

/** The columns the checks read; a report without any of them cannot say what it seems to. */
export const REQUIRED_COLUMNS = [
  "user", "arn", "password_enabled", "password_last_used", "mfa_active",
  "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
  "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
] as const;

type Column = (typeof REQUIRED_COLUMNS)[number];

const ROOT_ROW = "<root_account>";

/**
 * Parses IAM's credential report (CSV, one row per user plus `<root_account>`). Columns are
 * read by header name, so AWS adding a column does not shift values; a missing one fails the
 * whole report (a missing `password_enabled` would make everyone look console-less). A cell
 * that cannot be read fails only what it belongs to: that user's console access or keys.
 * Root is left out: GetAccountSummary answers for it, and moto omits its row.
 */
export function parseCredentialReport(csv: string, generatedAt: string): CredentialReport {
  const [header, ...rows] = parseCsv(csv.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0) {
    throw new UnreadableValue(`the credential report has no column ${missing.join(", ")}`);
  }
  const col = (row: string[], name: Column) => row[header.indexOf(name)] ?? "";
  const users = rows
    .filter((row) => row.length > 1 && col(row, "user") !== ROOT_ROW)
    .map((row): CredentialReportUser => {
      const user = col(row, "user");
      const cell = <T>(read: () => T): Fact<T> => {
        try {
          return collected(read());
        } catch (err) {
          if (!(err instanceof UnreadableValue)) throw err;
          return failed(unreadable(`user ${user}: ${err.message}`));
        }
      };
      return {
        user,
        arn: col(row, "arn"),
        console: cell((): ConsoleAccess => ({
          passwordEnabled: reportBoolean(col(row, "password_enabled"), "password_enabled"),
          passwordLastUsed: reportDate(col(row, "password_last_used"), "password_last_used"),
          mfaActive: reportBoolean(col(row, "mfa_active"), "mfa_active"),
        })),
        accessKeys: cell(() => ([1, 2] as const).map((slot) => accessKey(slot, (name) => col(row, name)))),
      };
    });
  return { generatedAt, users };
}

function accessKey(slot: 1 | 2, col: (name: Column) => string): AccessKeyState {
  const active = reportBoolean(col(`access_key_${slot}_active`), `access_key_${slot}_active`);
  const lastRotated = reportDate(col(`access_key_${slot}_last_rotated`), `access_key_${slot}_last_rotated`);
  // N/A here means "no key"; an active key without a creation date cannot be aged.
  if (active && lastRotated === null) {
    throw new UnreadableValue(`access_key_${slot}_last_rotated has no date for an active key`);
  }
  return { slot, active, lastRotated, lastUsed: reportDate(col(`access_key_${slot}_last_used_date`), `access_key_${slot}_last_used_date`) };
}

export function unreadable(message: string): CollectionError {
  return { operation: "GetCredentialReport", permission: "iam:GetCredentialReport", code: "UnreadableValue", message };
}

/** RFC 4180 fields: IAM user names may contain commas, which AWS quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n") { row.push(field.replace(/\r$/, "")); rows.push(row); row = []; field = ""; }
    else field += ch;
  }
  row.push(field.replace(/\r$/, ""));
  rows.push(row);
  return rows;
}
