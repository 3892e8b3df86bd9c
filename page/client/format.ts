import type { Language } from "../../checks/text.ts";

const LOCALES: Record<Language, string> = { ja: "ja-JP", en: "en-GB" };

/** A feed timestamp in the reader's language and time zone; the raw text if it does not parse. */
export function formatDateTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** An attestation's `YYYY-MM-DD`, kept as a calendar date (no time zone shift). */
export function formatDate(isoDate: string, lang: Language): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
