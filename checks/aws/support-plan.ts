import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.support.plan",
    provider: "aws",
    service: "support",
    severity: "info",
    ipaItems: [12],
    itemReasons: {
      12: {
        ja: "サポートプランは、困ったときに AWS の技術者にどれだけ早く相談できるかを決めます。ベーシックのままでよいかは会社の判断です。",
        en: "The support plan decides how quickly AWS engineers answer when you are stuck; whether Basic is enough is the company's call.",
      },
    },
    title: { ja: "AWS のサポートプランを把握している", en: "You know your AWS support plan" },
    detail: {
      ja: "無料のベーシックプランでは、技術的な問い合わせ（障害や設定の相談）を AWS にできません。ビジネス以上のプランなら 24 時間いつでも技術者に相談でき、本番環境が止まったときは 1 時間以内に応答があります。頼れる IT ベンダーがいれば、ベーシックで足りることもあります。",
      en: "The free Basic plan gives no technical support (no help with outages or settings). Business and above give engineers around the clock, with a response within an hour when production is down. With an IT vendor to rely on, Basic may be enough.",
    },
    remediation: {
      steps: {
        ja: "障害のときにだれに相談するか（AWS、販売代理店、IT ベンダー）を決めます。AWS に直接相談したい場合は、ルートユーザーで「サポートプラン」を開き、ビジネス以上に変更します（有料・月単位）。",
        en: "Decide who you call when something breaks (AWS, a reseller, your IT vendor). To reach AWS directly, open Support plans as the root user and change to Business or above (paid, monthly).",
      },
      consolePath: { ja: "サポートセンター > サポートプラン", en: "Support Center > Support plans" },
      url: "https://aws.amazon.com/premiumsupport/plans/",
    },
  },
  needs: ["supportPlan"],
  run({ supportPlan }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://console.aws.amazon.com/support/plans/home" };
    if (supportPlan.businessOrHigher) {
      return [{
        status: "pass", resource, evidence: { plan: "Business or higher", severityLevels: supportPlan.severityLevels },
        message: { ja: "ビジネス以上のサポートプランです（技術的な問い合わせができます）。", en: "A Business or higher support plan: AWS answers technical questions." },
      }];
    }
    // A fact for the owner's judgement, never a failure: Basic can be a sound choice.
    return [{
      status: "manual", resource, evidence: { plan: "Basic or Developer" },
      message: {
        ja: "サポートプランはベーシックまたは開発者です（AWS の技術サポートに障害時の緊急の相談はできません）。これで足りるか、困ったときの相談先とあわせて確認してください。",
        en: "The support plan is Basic or Developer: no urgent help from AWS engineers when something breaks. Confirm this is enough, together with who you would call instead.",
      },
    }];
  },
});
