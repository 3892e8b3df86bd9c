import { IPA_ITEMS, IPA_SOURCE_URL } from "./catalogue.ts";
import { DEFAULT_POLICY, type Check, type TenantPolicy } from "./framework.ts";
import { describeRule } from "./owner-rules.ts";

/**
 * docs/ipa-items.md, written from the catalogue: each of the 15 items with the checks that
 * answer it and why, and the owner's rules behind item 4. A test keeps the file equal to this.
 */

const PROVIDER_NAMES: Readonly<Record<string, string>> = { aws: "AWS", microsoft: "Microsoft 365", google: "Google Workspace" };

/** Items at least one check maps to, in order. */
export function itemsWithChecks(checks: readonly Check[]): number[] {
  return IPA_ITEMS.map((i) => i.number).filter((n) => checks.some((c) => c.meta.ipaItems.includes(n)));
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

export function itemsMarkdown(checks: readonly Check[]): string {
  const covered = itemsWithChecks(checks);
  const out: string[] = [
    "# The 15 items and what the scan checks / 15 の項目と自動確認",
    "",
    "<!-- Written from the catalogue (checks/items-page.ts); test/checks/items-page.test.ts keeps it equal. -->",
    "",
    `IPA's 15 items for safe cloud use ([IPA](${IPA_SOURCE_URL})), each with the checks that answer it and why.`,
    `${covered.length} of the 15 items have automated checks: ${covered.join(", ")}. The others, and the parts of these`,
    "that no API can see, are questions the owner answers on the findings page. A check that reports `manual`",
    "shows a fact (a data region, a support plan) beside the item's question for the owner to judge; it is never a failure.",
    "",
    `IPA の「クラウドサービス安全利用のための15項目」の項目ごとに、答えるチェックとその理由を示します。自動の確認がある項目は ${covered.length} 個（${covered.join("・")}）です。`,
    "それ以外の項目と、API では分からない部分は、結果ページの質問に社長が答えます。",
    "",
  ];
  for (const item of IPA_ITEMS) {
    const mapped = checks.filter((c) => c.meta.ipaItems.includes(item.number));
    out.push(`## ${item.number}. ${item.title.en} / ${item.title.ja}`, "", `${item.question.en}  `, item.question.ja, "");
    if (mapped.length === 0) {
      out.push("No automated check: the owner answers the question. / 自動の確認はありません。質問に回答します。", "");
      continue;
    }
    const withRules = item.number === 4;
    out.push(withRules ? "| Check | Cloud | Owner's rule (config `policy`) | Why | 理由 |" : "| Check | Cloud | Why | 理由 |");
    out.push(withRules ? "|---|---|---|---|---|" : "|---|---|---|---|");
    for (const { meta } of mapped) {
      const reason = meta.itemReasons?.[item.number];
      const why = [cell(reason?.en ?? ""), cell(reason?.ja ?? "")];
      const cloud = PROVIDER_NAMES[meta.provider] ?? meta.provider;
      out.push(withRules
        ? `| \`${meta.id}\` | ${cloud} | \`${meta.ownerRule ?? ""}\` | ${why.join(" | ")} |`
        : `| \`${meta.id}\` | ${cloud} | ${why.join(" | ")} |`);
    }
    out.push("");
    if (withRules) out.push(...rulesTable(), "");
  }
  return out.join("\n");
}

/** The owner's rules with their defaults: what item 4's checks hold the clouds to when the config sets nothing. */
function rulesTable(): string[] {
  const rows = (Object.keys(DEFAULT_POLICY) as (keyof TenantPolicy)[]).map((key) => {
    const { name, value } = describeRule(key, DEFAULT_POLICY);
    return `| \`${key}\` | ${name.en} / ${name.ja} | ${value.en} / ${value.ja} |`;
  });
  return [
    "The rules, set per tenant under `policy` in the config (the default applies where it sets none):",
    "",
    "| Rule | Meaning / 意味 | Default / 標準の値 |",
    "|---|---|---|",
    ...rows,
  ];
}
