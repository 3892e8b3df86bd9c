import type { AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck } from "../framework.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.backup.plan_exists",
    provider: "aws",
    service: "backup",
    severity: "high",
    ipaItems: [10],
    itemReasons: {
      10: { ja: "AWS のデータを決まった時間に自動でコピーする計画（バックアッププラン）があるかを見ます。", en: "Looks for a plan that copies AWS data automatically on a schedule (a backup plan)." },
    },
    title: { ja: "AWS Backup のバックアッププランがある", en: "An AWS Backup plan exists" },
    detail: {
      ja: "バックアッププランが一つもなければ、AWS 上のデータは定期的にコピーされていません。障害・誤操作・ランサムウェアのときに戻せる場所がありません。",
      en: "With no backup plan, nothing in the account is copied on a schedule: after an outage, a mistake or ransomware there is nothing to restore from.",
    },
    remediation: {
      steps: {
        ja: "AWS Backup コンソールで「バックアッププランを作成」を選び、テンプレート（例: 日次・35 日保持）から作成して、重要なバケットやデータベースを「リソースを割り当てる」で加えます。",
        en: "In the AWS Backup console choose \"Create backup plan\", start from a template (e.g. daily, 35-day retention) and add your important buckets and databases under \"Assign resources\".",
      },
      consolePath: { ja: "AWS Backup > バックアッププラン > バックアッププランを作成", en: "AWS Backup > Backup plans > Create backup plan" },
      url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html",
    },
  },
  needs: ["backupPlans"],
  run({ backupPlans }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://console.aws.amazon.com/backup/home#/backupplan" };
    const regions = Object.entries(backupPlans);
    const withPlans = regions.filter(([, f]) => f.ok && f.value.length > 0).map(([r]) => r);
    if (withPlans.length > 0) {
      return [{ status: "pass", resource, evidence: { regionsWithPlans: withPlans } }];
    }
    // "No plan" is only true if every region could be read.
    for (const [, fact] of regions) value(fact);
    return [{
      status: "fail", resource,
      evidence: { regionsChecked: regions.map(([r]) => r) },
      message: { ja: "どのリージョンにもバックアッププランがありません。", en: "No backup plan in any region checked." },
    }];
  },
});
