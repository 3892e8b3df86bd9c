import { OWNER_RULES } from "../../checks/owner-rules.ts";
import type { Language, Text } from "../../checks/text.ts";
import { itemUrgency } from "../../feed/action-plan.ts";
import type { Feed, FeedFinding, FeedItem } from "../../feed/schema.ts";
import { h } from "./dom.ts";
import { severityCounts } from "./first-screen.ts";
import { PROVIDER_NAMES, t } from "./i18n.ts";

/**
 * What the scan saw for one of the 15 items, shown beside the owner's question: a count of
 * its verdicts, the facts it found (a `manual` result with its evidence: for the owner to
 * judge, never a failure), under item 4 the company's rules it holds the clouds to, and on
 * demand why each check answers the item.
 */

type ItemReason = NonNullable<FeedItem["reasons"]>[number];
type ItemRule = NonNullable<ItemReason["rule"]>;

/** "Scan: 4 to fix (urgent 2 · high 1) · 12 passed", or null when no check gave a verdict. */
export function scanSummary(item: FeedItem, findings: readonly FeedFinding[], lang: Language): string | null {
  const { pass, fail, error } = item.counts;
  if (pass + fail + error === 0) return null;
  const severities = severityCounts(itemUrgency(item, findings).bySeverity, lang);
  const parts = [
    fail > 0 ? t(lang, "itemScanFailing", { n: fail }) + (severities ? t(lang, "itemScanSeverities", { counts: severities }) : "") : null,
    error > 0 ? t(lang, "itemErrors", { n: error }) : null,
    pass > 0 ? t(lang, "itemPassed", { n: pass }) : null,
  ].filter((p): p is string => p !== null);
  return t(lang, "itemScan", { parts: parts.join(lang === "ja" ? "・" : " · ") });
}

/** Facts the scan reports for the owner's judgement (a support plan, a data region): its manual results with a message. */
export function scanFacts(item: FeedItem, findings: readonly FeedFinding[]): FeedFinding[] {
  return findings.filter((f) => f.provider !== "owner" && f.status === "manual" && f.message !== undefined && f.ipaItems.includes(item.number));
}

/** The order of the rules in the config. */
const RULE_ORDER: readonly string[] = Object.keys(OWNER_RULES);

/** The owner's rules the item's checks enforce, each once, in the config's order. */
export function ownerRules(item: FeedItem): ItemRule[] {
  const byKey = new Map<string, ItemRule>();
  for (const r of item.reasons ?? []) if (r.rule && !byKey.has(r.rule.key)) byKey.set(r.rule.key, r.rule);
  return [...byKey.values()].sort((a, b) => RULE_ORDER.indexOf(a.key) - RULE_ORDER.indexOf(b.key));
}

/** A rule and its value; "standard value" marks a default among rules the company set itself. */
export function ruleLine(rule: ItemRule, lang: Language, markDefault: boolean): string {
  return t(lang, "ruleLine", { name: rule.name[lang], value: rule.value[lang] }) + (markDefault && rule.setBy === "default" ? t(lang, "ruleDefault") : "");
}

/** When every rule is a default, the heading says so once instead of on every line. */
function rulesList(rules: readonly ItemRule[], lang: Language, withHint: boolean): HTMLElement {
  const allDefault = rules.every((rule) => rule.setBy === "default");
  return h("div", { class: "item-rules" },
    h("p", { class: "item-rules-title" }, t(lang, allDefault ? "itemRulesDefault" : "itemRules")),
    h("ul", null, rules.map((rule) => h("li", { "data-rule": rule.key }, ruleLine(rule, lang, !allDefault)))),
    withHint ? defaultHint(rules, lang) : null);
}

function defaultHint(rules: readonly ItemRule[], lang: Language): HTMLElement | null {
  return rules.some((rule) => rule.setBy === "default") ? h("p", { class: "small rule-hint" }, t(lang, "ruleDefaultHint")) : null;
}

/** The cloud a check belongs to, from the first part of its id (`aws.s3.bucket_region`). */
function cloudOf(checkId: string): Text {
  const provider = checkId.split(".")[0] as FeedFinding["provider"];
  return PROVIDER_NAMES[provider] ?? { ja: provider, en: provider };
}

/** Why each check answers the item, one line each, by cloud: opened on demand. */
export function reasonsDetails(item: FeedItem, lang: Language): HTMLElement | null {
  const reasons = item.reasons ?? [];
  if (reasons.length === 0) return null;
  return h("details", { class: "item-why" },
    h("summary", null, t(lang, "itemWhy", { n: reasons.length })),
    h("ul", null, reasons.map((r) => h("li", { "data-check": r.checkId },
      h("strong", null, `${cloudOf(r.checkId)[lang]}: `),
      h("span", { class: "reason" }, (r.reason ?? r.title)[lang]),
      r.rule ? h("span", { class: "rule" }, lang === "ja" ? `（${ruleLine(r.rule, lang, false)}）` : ` (${ruleLine(r.rule, lang, false)})`) : null))),
    defaultHint(ownerRules(item), lang));
}

/** The compact lines of a grid card: the count, the rules under item 4, and the facts the scan found. */
export function cardScanLines(item: FeedItem, feed: Feed, lang: Language): (HTMLElement | null)[] {
  const summary = scanSummary(item, feed.findings, lang);
  const rules = ownerRules(item);
  const facts = scanFacts(item, feed.findings);
  return [
    summary ? h("p", { class: "item-counts small" }, summary) : null,
    rules.length > 0 ? rulesList(rules, lang, false) : null,
    facts.length > 0 ? cardFacts(facts, lang) : null,
  ];
}

/**
 * The facts on a grid card, short enough for every card that has them: how many, and the
 * start of the first; all of them in full on demand. They sit beside the item's verdict — an
 * open incident under a passing item 6 — and are never counted in it: the owner judges them.
 */
function cardFacts(facts: readonly FeedFinding[], lang: Language): HTMLElement {
  return h("details", { class: "item-facts", "data-facts": facts.length },
    h("summary", null,
      h("span", { class: "item-facts-title" }, t(lang, "itemFactsCount", { n: facts.length })),
      h("span", { class: "item-facts-first" }, ": ", facts[0]!.message![lang])),
    h("ul", null, facts.map((f) => h("li", { "data-check": f.checkId }, f.message![lang]))),
    h("p", { class: "item-facts-note" }, t(lang, "itemFactsNote")));
}

/** Everything the scan saw for an item, beside its question in the questionnaire. */
export function scanSawSection(item: FeedItem, feed: Feed, lang: Language): HTMLElement | null {
  const summary = scanSummary(item, feed.findings, lang);
  const facts = scanFacts(item, feed.findings);
  const rules = ownerRules(item);
  if (!summary && facts.length === 0 && rules.length === 0) return null;
  return h("div", { class: "scan-saw" },
    h("p", { class: "scan-saw-title" }, t(lang, "itemFacts")),
    summary ? h("p", { class: "item-counts" }, summary) : null,
    facts.length > 0 ? h("ul", { class: "item-facts" }, facts.map((f) => h("li", { "data-check": f.checkId }, f.message![lang]))) : null,
    rules.length > 0 ? rulesList(rules, lang, true) : null,
    reasonsDetails(item, lang));
}
