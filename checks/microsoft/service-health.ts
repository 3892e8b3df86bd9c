import type { MicrosoftFacts, ServiceHealth } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

/** Service states that mean the service runs normally (compared without case: the service writes them PascalCase). */
const HEALTHY = new Set(["serviceoperational", "servicerestored", "falsepositive", "resolved", "resolvedexternal", "postincidentreviewpublished"]);

/**
 * A fact for the owner, not a setting to fix: a service with no open incident or advisory is
 * `pass`; one with an open issue is `manual`, with the issue, never `fail`.
 */
export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.service.health",
    provider: "microsoft",
    service: "service_health",
    severity: "info",
    ipaItems: [6],
    itemReasons: {
      6: {
        ja: "Microsoft が公表した未解決の障害とお知らせを、使っているサービスごとに示します。",
        en: "Shows, for each service the company uses, the incidents and advisories Microsoft has announced and not yet resolved.",
      },
    },
    title: { ja: "使っている Microsoft 365 のサービスに未解決の障害がない", en: "No open incident or advisory for the Microsoft 365 services in use" },
    detail: {
      ja: "Microsoft 365 のサービス（メール、SharePoint、Teams など）に障害が起きると、Microsoft が「サービス正常性」で状況と回復の見込みを知らせます。障害は会社の設定の問題ではありませんが、業務への影響と、どのくらいで直るかを確かめておくと、取引先への連絡や代わりの手段を早く決められます。",
      en: "When a Microsoft 365 service (mail, SharePoint, Teams and others) has trouble, Microsoft posts its status and expected recovery under Service health. It is not a setting of yours to fix, but knowing the impact and how long it may take lets you tell customers and choose a workaround early.",
    },
    remediation: {
      steps: {
        ja: "Microsoft 365 管理センターの「正常性 > サービス正常性」で障害の内容と最新の更新を確認します。業務に影響があれば社内に知らせ、必要なら代わりの手段（電話、別のツール）を決めます。障害の報告をメールで受け取るには、同じ画面の「カスタマイズ > メール」で通知先を設定します。",
        en: "Read the issue and its latest update under Health > Service health in the Microsoft 365 admin center. If work is affected, tell the staff and agree a workaround (phone, another tool). To get incidents by mail, set recipients under Customize > Email on the same page.",
      },
      consolePath: { ja: "Microsoft 365 管理センター > 正常性 > サービス正常性", en: "Microsoft 365 admin center > Health > Service health" },
      url: "https://learn.microsoft.com/microsoft-365/enterprise/view-service-health",
    },
  },
  needs: ["serviceHealth"],
  run({ serviceHealth }) {
    const resourceOf = (s: ServiceHealth) => ({ uid: `m365service:${s.id}`, name: s.service, type: "Microsoft.365/Service", consoleUrl: ADMIN_CENTER.serviceHealth });
    return eachResource(serviceHealth, resourceOf, (s) => {
      const issues = s.openIssues;
      const evidence = {
        status: s.status,
        openIssues: issues.map((i) => ({ id: i.id, classification: i.classification, status: i.status, title: i.title, feature: i.feature, since: i.startDateTime })),
      };
      if (issues.length === 0 && HEALTHY.has(s.status.toLowerCase())) return { status: "pass", evidence };
      const incidents = issues.filter((i) => i.classification !== "advisory").length;
      const advisories = issues.length - incidents;
      const since = issues.map((i) => i.startDateTime).filter((d): d is string => d !== null).sort()[0];
      const when = since ? { ja: `（${since.slice(0, 10)} から）`, en: ` (since ${since.slice(0, 10)})` } : { ja: "", en: "" };
      return {
        status: "manual", evidence,
        message: issues.length === 0
          ? { ja: `${s.service} は正常に動いていない状態と報告されています。サービス正常性で内容を確認してください。`, en: `${s.service} is reported as not running normally; see Service health for details.` }
          : {
            ja: `${s.service} に未解決の障害 ${incidents} 件・お知らせ ${advisories} 件があります${when.ja}。影響と回復の見込みをサービス正常性で確認してください。`,
            en: `${s.service} has ${incidents} open incident(s) and ${advisories} advisory(ies)${when.en}. Check the impact and expected recovery under Service health.`,
          },
      };
    });
  },
});
