import type { Language } from "../../checks/text.ts";
import type { FeedFinding } from "../../feed/schema.ts";
import { plainMessage, resourceName } from "./plain-words.ts";

/** Pure ordering and filtering of findings; the views only draw what these return. */

export const SEVERITY_ORDER: readonly FeedFinding["severity"][] = ["critical", "high", "medium", "low", "info"];
export const STATUS_ORDER: readonly FeedFinding["status"][] = ["fail", "error", "manual", "skipped", "pass"];
export const PROVIDER_ORDER: readonly FeedFinding["provider"][] = ["aws", "microsoft", "google", "owner"];

/**
 * The line the owner reads first. A check's title states the good state ("the root user has
 * MFA"); for a problem, what was found ("the root user has no MFA") is what to show.
 */
export function headline(f: FeedFinding, lang: Language): string {
  return f.status !== "pass" && f.message ? plainMessage(f.message[lang], lang) : f.title[lang];
}

/** A finding outside the 15 items (the online shop) comes after them: Math.min of nothing is Infinity, which breaks the sort. */
const firstItem = (f: FeedFinding) => (f.ipaItems.length > 0 ? Math.min(...f.ipaItems) : 16);

/** Most severe first; among equals the lower IPA item first (the guide's own order), then by name. */
function byPriority(a: FeedFinding, b: FeedFinding): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || firstItem(a) - firstItem(b)
    || a.resource.name.localeCompare(b.resource.name);
}

/** The full list: problems before passes, then by priority. */
export function sortForList(findings: readonly FeedFinding[]): FeedFinding[] {
  return [...findings].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || byPriority(a, b));
}

export interface Filters {
  provider: FeedFinding["provider"] | "";
  status: FeedFinding["status"] | "";
  severity: FeedFinding["severity"] | "";
  /** An IPA item number, or 0 for all. */
  item: number;
  newOnly: boolean;
  search: string;
  /** The findings of one action on the first screen; empty for all. */
  ids: readonly string[];
}

export const NO_FILTERS: Filters = { provider: "", status: "", severity: "", item: 0, newOnly: false, search: "", ids: [] };

/** NFKC folds full-width letters and digits, so "ＡＷＳ" typed on a Japanese keyboard finds "AWS". */
function normalise(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export function matches(f: FeedFinding, filters: Filters, lang: Language): boolean {
  if (filters.provider && f.provider !== filters.provider) return false;
  if (filters.status && f.status !== filters.status) return false;
  if (filters.severity && f.severity !== filters.severity) return false;
  if (filters.item && !f.ipaItems.includes(filters.item)) return false;
  if (filters.newOnly && f.state !== "new") return false;
  if (filters.ids.length > 0 && !filters.ids.includes(f.id)) return false;
  const query = normalise(filters.search.trim());
  if (!query) return true;
  const haystack = [f.title[lang], f.message?.[lang] ?? "", f.resource.name, resourceName(f, lang), f.resource.uid, f.checkId, f.id].join("\n");
  return normalise(haystack).includes(query);
}
