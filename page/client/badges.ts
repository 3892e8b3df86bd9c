import type { Language, Text } from "../../checks/text.ts";
import type { FeedFinding, FeedItem } from "../../feed/schema.ts";
import { h } from "./dom.ts";
import { FINDING_STATUS_NAMES, ITEM_STATUS_NAMES, SEVERITY_NAMES, STATE_NAMES } from "./i18n.ts";

/**
 * Status and severity are always an icon plus a word: colour only repeats what they say, for
 * readers who cannot tell the colours apart and for black-and-white print.
 */
function badge(kind: string, value: string, icon: string, label: Text, lang: Language): HTMLElement {
  return h("span", { class: `badge ${kind}-${value}` }, h("span", { class: "icon", "aria-hidden": "true" }, icon), label[lang]);
}

const SEVERITY_ICONS: Record<FeedFinding["severity"], string> = {
  critical: "‼", high: "!", medium: "▲", low: "▽", info: "i",
};

const FINDING_STATUS_ICONS: Record<FeedFinding["status"], string> = {
  fail: "✗", error: "⚠", manual: "?", skipped: "–", pass: "✓",
};

const ITEM_STATUS_ICONS: Record<FeedItem["status"], string> = {
  pass: "✓", fail: "✗", partial: "◐", error: "⚠", manual: "?",
};

export function severityBadge(severity: FeedFinding["severity"], lang: Language): HTMLElement {
  return badge("severity", severity, SEVERITY_ICONS[severity], SEVERITY_NAMES[severity], lang);
}

export function findingStatusBadge(status: FeedFinding["status"], lang: Language): HTMLElement {
  return badge("status", status, FINDING_STATUS_ICONS[status], FINDING_STATUS_NAMES[status], lang);
}

export function itemStatusBadge(status: FeedItem["status"], lang: Language): HTMLElement {
  return badge("status", status, ITEM_STATUS_ICONS[status], ITEM_STATUS_NAMES[status], lang);
}

/** Only what changed is worth a badge; `open` (still failing) is the normal case. */
export function stateBadge(state: FeedFinding["state"], lang: Language): HTMLElement | null {
  if (state === "new") return badge("state", state, "★", STATE_NAMES.new, lang);
  if (state === "resolved") return badge("state", state, "✓", STATE_NAMES.resolved, lang);
  return null;
}
