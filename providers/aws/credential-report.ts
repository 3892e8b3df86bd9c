import type { CredentialReport, CredentialReportUser } from "./facts.ts";

/**
 * Parses IAM's credential report (CSV, one row per user plus `<root_account>`). Columns are
 * read by header name, so AWS adding a column does not shift values. Root is left out:
 * GetAccountSummary answers for it, and some endpoints omit its row.
 */
export function parseCredentialReport(csv: string, generatedAt: string): CredentialReport {
  const [header, ...rows] = parseCsv(csv.trim());
  if (!header || !header.includes("user") || !header.includes("mfa_active")) {
    throw new Error("credential report has no user/mfa_active columns");
  }
  const col = (row: string[], name: string) => row[header.indexOf(name)] ?? "";
  const users: CredentialReportUser[] = rows
    .filter((row) => col(row, "user") !== "<root_account>" && row.length > 1)
    .map((row) => ({
      user: col(row, "user"),
      arn: col(row, "arn"),
      createdAt: col(row, "user_creation_time"),
      passwordEnabled: col(row, "password_enabled") === "true",
      passwordLastUsed: time(col(row, "password_last_used")),
      mfaActive: col(row, "mfa_active") === "true",
      accessKeys: ([1, 2] as const).map((slot) => ({
        slot,
        active: col(row, `access_key_${slot}_active`) === "true",
        lastRotated: time(col(row, `access_key_${slot}_last_rotated`)),
        lastUsed: time(col(row, `access_key_${slot}_last_used_date`)),
      })),
    }));
  return { generatedAt, users };
}

/** "N/A", "no_information" and "not_supported" all mean: no time recorded. */
function time(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value : null;
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
