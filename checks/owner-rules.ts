import type { TenantPolicy } from "./framework.ts";
import type { Text } from "./text.ts";

/**
 * The owner's own rules (config `policy`), in the owner's words: item 4 made concrete. A check
 * that enforces one names it in `ownerRule`; the grid shows the rule and its value under item 4.
 */

interface RuleWords<K extends keyof TenantPolicy> {
  name: Text;
  value(v: TenantPolicy[K]): Text;
}

const REGION_NAMES: Readonly<Record<string, Text>> = {
  "ap-northeast-1": { ja: "東京", en: "Tokyo" },
  "ap-northeast-3": { ja: "大阪", en: "Osaka" },
};

function regionNames(regions: readonly string[]): Text {
  const name = (lang: keyof Text) => regions.map((r) => REGION_NAMES[r]?.[lang] ?? r);
  return { ja: name("ja").join("・"), en: name("en").join(", ") };
}

export const OWNER_RULES: { readonly [K in keyof TenantPolicy]: RuleWords<K> } = {
  allowedRegions: {
    name: { ja: "データを置いてよい地域", en: "Where data may be stored" },
    value: regionNames,
  },
  accessKeyMaxAgeDays: {
    name: { ja: "アクセスキーの使用期限", en: "Longest life of an access key" },
    value: (days) => ({ ja: `${days} 日`, en: `${days} days` }),
  },
  inactiveDays: {
    name: { ja: "使われていないとみなす日数", en: "Days without use before an account counts as unused" },
    value: (days) => ({ ja: `${days} 日`, en: `${days} days` }),
  },
  administrators: {
    name: { ja: "管理者の人数", en: "Number of administrators" },
    value: ({ min, max }) => ({ ja: `${min}〜${max} 人`, en: `${min} to ${max}` }),
  },
  anyoneLinks: {
    name: { ja: "誰でも開けるリンク", en: "Links that work for anyone" },
    value: (v) => (v === "allowed"
      ? { ja: "使ってよい（期限付きに限る）", en: "allowed, with an expiry date" }
      : { ja: "使わない", en: "not used" }),
  },
};

/** A rule in words, e.g. 「データを置いてよい地域: 東京・大阪」. */
export function describeRule<K extends keyof TenantPolicy>(key: K, policy: TenantPolicy): { name: Text; value: Text } {
  const words = OWNER_RULES[key] as RuleWords<K>;
  return { name: words.name, value: words.value(policy[key]) };
}
