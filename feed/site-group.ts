import { countStatuses, itemStatus } from "./items.ts";
import type { FeedFinding } from "./schema.ts";
import type { FeedFindingGroup } from "./site-schema.ts";

/**
 * 「EC サイト」: the online shop's findings, a grouping beside the 15 items (which are about
 * cloud services, not about a shop's own web pages), with the guidelines its checks answer.
 */
const EC_SITE_REFERENCES: FeedFindingGroup["references"] = [
  {
    title: { ja: "IPA「ECサイト構築・運用セキュリティガイドライン」", en: "IPA, Security guidelines for building and running EC sites" },
    url: "https://www.ipa.go.jp/security/guide/vuln/guideforecsite.html",
    items: ["管理画面のアクセス制限", "ソフトウェアの更新・バージョン情報", "TLS の適切な設定", "改ざんの検知"],
  },
  {
    title: { ja: "クレジットカード・セキュリティガイドライン 5.0 版", en: "Credit Card Security Guidelines, version 5.0 (Japan)" },
    url: "https://www.j-credit.or.jp/security/document/",
    items: ["EC 加盟店のセキュリティ対策（管理画面・ファイルの改ざん検知・脆弱性対策）"],
  },
  {
    title: { ja: "PCI DSS 4.0.1", en: "PCI DSS 4.0.1" },
    url: "https://www.pcisecuritystandards.org/document_library/",
    items: ["6.4.3", "11.6.1"],
  },
];

/** `checks`: the grouping's checks that ran in this scan, or whose results it carries. */
export function findingGroups(findings: readonly FeedFinding[], checks: readonly string[]): FeedFindingGroup[] {
  if (checks.length === 0) return [];
  const counts = countStatuses(findings.filter((f) => f.group === "ec_site"));
  return [{
    id: "ec_site",
    title: { ja: "EC サイト", en: "Online shop" },
    references: EC_SITE_REFERENCES,
    status: itemStatus(counts),
    checks: [...checks],
    counts,
  }];
}
