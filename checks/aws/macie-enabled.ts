import type { AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck, eachResource } from "../framework.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.macie.enabled",
    provider: "aws",
    service: "macie",
    severity: "low",
    ipaItems: [3],
    itemReasons: {
      3: {
        ja: "Amazon Macie は S3 の中に個人情報などの重要なデータがどこにあるかを調べます。情報の重要度を知る手がかりになります。",
        en: "Amazon Macie finds where personal and other sensitive data sits in S3: evidence of how important the stored information is.",
      },
    },
    title: { ja: "データを置いているリージョンで Amazon Macie が有効", en: "Amazon Macie is on where buckets are kept" },
    detail: {
      ja: "Amazon Macie（メイシー）は、S3 バケットの中に個人情報やクレジットカード番号などの重要なデータがないかを調べ、どのバケットに何があるかを一覧にします。どの情報がどこにあるか分からなければ、守り方の優先順位を決められません。有料のサービスです（最初の 30 日は無料で試せます）。費用と必要性を比べて判断してください。",
      en: "Amazon Macie looks inside S3 buckets for personal data, card numbers and other sensitive information, and lists which bucket holds what. Without knowing where important data is, you cannot decide what to protect first. Macie is paid (a 30-day free trial); weigh its cost against the need.",
    },
    remediation: {
      steps: {
        ja: "下に挙げたリージョンごとに、Amazon Macie コンソールでそのリージョンを選び、「今すぐ始める」>「Macie を有効化」を押します。有効にした後は「自動化された機密データ検出」で、バケットを定期的に調べる設定を確認します。",
        en: "For each region listed, open the Amazon Macie console in that region and choose Get started > Enable Macie. Then check under Automated sensitive data discovery that buckets are examined regularly.",
      },
      consolePath: { ja: "Amazon Macie > 今すぐ始める > Macie を有効化", en: "Amazon Macie > Get started > Enable Macie" },
      url: "https://docs.aws.amazon.com/macie/latest/user/getting-started.html",
    },
  },
  needs: ["account", "buckets", "macie"],
  run({ account, buckets, macie }) {
    // Macie looks into S3 alone: the regions that hold buckets are the ones it must cover.
    const regions = [...new Set(buckets.map((b) => value(b.region)))].sort();
    return eachResource(regions, (region) => ({
      uid: `arn:${account.partition}:macie2:${region}:${account.accountId}:session`,
      name: `Amazon Macie (${region})`,
      type: "AWS::Macie::Session",
      region,
      consoleUrl: `https://${region}.console.aws.amazon.com/macie/home?region=${region}`,
    }), (region) => {
      const status = value(macie[region]);
      const evidence = { region, status, buckets: buckets.filter((b) => b.region.ok && b.region.value === region).length };
      if (status === "ENABLED") return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: status === "PAUSED"
          ? { ja: `リージョン ${region} の Macie は一時停止中です。`, en: `Macie is suspended in region ${region}.` }
          : { ja: `リージョン ${region} にバケットが ${evidence.buckets} 個ありますが、Macie が有効ではありません。`, en: `Region ${region} holds ${evidence.buckets} bucket(s) but Macie is not enabled there.` },
      };
    });
  },
});
