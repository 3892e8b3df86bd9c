import type { AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck, eachResource } from "../framework.ts";

/** The analyzers that report access from outside: the account's own, or the organization's. */
const EXTERNAL_ACCESS = ["ACCOUNT", "ORGANIZATION"];

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.accessanalyzer.enabled",
    provider: "aws",
    service: "accessanalyzer",
    severity: "medium",
    ipaItems: [11],
    itemReasons: {
      11: {
        ja: "IAM Access Analyzer は AWS に無料で付いている安全機能で、社外から使える状態のデータや権限を見つけて知らせます。",
        en: "IAM Access Analyzer comes with AWS at no charge and finds data and permissions that people outside the company can use.",
      },
    },
    title: { ja: "利用中のリージョンで IAM Access Analyzer が有効", en: "IAM Access Analyzer is on in each region in use" },
    detail: {
      ja: "IAM Access Analyzer（アクセスアナライザー）は、S3 バケットやロールなどが社外の人やアカウントから使える設定になっていないかを自動で調べ、見つけたら一覧にします。無料で、設定は数分です。リージョン（地域）ごとに作る必要があり、データを置いている地域でオンでなければ、公開の設定ミスに気づけません。",
      en: "IAM Access Analyzer checks on its own whether buckets, roles and other resources can be used by people or accounts outside the company, and lists what it finds. It costs nothing and takes minutes to set up. It works per region: where data is kept and it is off, a sharing mistake goes unnoticed.",
    },
    remediation: {
      steps: {
        ja: "下に挙げたリージョンごとに、IAM コンソールの右上でそのリージョンを選び、「アクセスアナライザー」>「アナライザーを作成」で「外部アクセス」、信頼ゾーンに「現在のアカウント」（AWS Organizations を使っていれば組織）を選んで作成します。",
        en: "For each region listed, select it at the top right of the IAM console, open Access Analyzer > Create analyzer, choose External access with the current account (or your organization, if you use AWS Organizations) as the zone of trust, and create it.",
      },
      consolePath: { ja: "IAM > アクセスアナライザー > アナライザーを作成", en: "IAM > Access Analyzer > Create analyzer" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html",
    },
  },
  needs: ["account", "accessAnalyzers"],
  run({ account, accessAnalyzers }) {
    const regions = Object.keys(accessAnalyzers).sort();
    return eachResource(regions, (region) => ({
      uid: `arn:${account.partition}:access-analyzer:${region}:${account.accountId}`,
      name: `IAM Access Analyzer (${region})`,
      type: "AWS::AccessAnalyzer::Analyzer",
      region,
      consoleUrl: `https://${region}.console.aws.amazon.com/access-analyzer/home?region=${region}#/analyzers`,
    }), (region) => {
      const analyzers = value(accessAnalyzers[region]);
      const active = analyzers.filter((a) => EXTERNAL_ACCESS.includes(a.type) && a.status === "ACTIVE");
      const evidence = { region, analyzers: analyzers.map((a) => ({ name: a.name, type: a.type, status: a.status })) };
      if (active.length > 0) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: analyzers.length === 0
          ? { ja: `リージョン ${region} にアナライザーがありません。`, en: `No analyzer in region ${region}.` }
          : { ja: `リージョン ${region} に、社外からのアクセスを調べる有効なアナライザーがありません。`, en: `No active external-access analyzer in region ${region}.` },
      };
    });
  },
});
