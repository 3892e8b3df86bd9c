import type { Language } from "../checks/text.ts";
import type { FeedFinding } from "../feed/schema.ts";
import { FINDING_STATUS_NAMES, PROVIDER_NAMES, SEVERITY_NAMES, STATE_NAMES, t, type UiKey } from "./client/i18n.ts";

/**
 * Spreadsheets run a cell that starts with one of these as a formula, and resource names come
 * from the scanned tenant: a file named `=HYPERLINK(...)` must stay text. A leading apostrophe
 * is what spreadsheets themselves use to mark "this is text".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: neutralised, then always quoted, with quotes doubled. */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** CRLF line ends, as RFC 4180 and Excel expect. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const COLUMNS: readonly [UiKey, (f: FeedFinding, lang: Language) => string][] = [
  ["severity", (f, lang) => SEVERITY_NAMES[f.severity][lang]],
  ["status", (f, lang) => FINDING_STATUS_NAMES[f.status][lang]],
  ["change", (f, lang) => (f.state ? STATE_NAMES[f.state][lang] : "")],
  ["cloud", (f, lang) => PROVIDER_NAMES[f.provider][lang]],
  ["service", (f) => f.service],
  ["ipaItems", (f) => f.ipaItems.join(" ")],
  ["title", (f, lang) => f.title[lang]],
  ["found", (f, lang) => f.message?.[lang] ?? f.reason?.[lang] ?? ""],
  ["resource", (f) => f.resource.name],
  ["resourceId", (f) => f.resource.uid],
  ["region", (f) => f.resource.region ?? ""],
  ["steps", (f, lang) => f.remediation.steps[lang]],
  ["consolePath", (f, lang) => f.remediation.consolePath[lang]],
  ["openConsole", (f) => f.resource.consoleUrl ?? ""],
  ["firstSeen", (f) => f.firstSeen],
  ["lastSeen", (f) => f.lastSeen],
  ["checkId", (f) => f.checkId],
  ["findingId", (f) => f.id],
];

/** The findings as CSV, headers and labels in the reader's language. */
export function findingsCsv(findings: readonly FeedFinding[], lang: Language): string {
  return toCsv([
    COLUMNS.map(([key]) => t(lang, key)),
    ...findings.map((f) => COLUMNS.map(([, value]) => value(f, lang))),
  ]);
}
