import { FactUnavailable } from "../../providers/fact.ts";
import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { GRAPH_OPERATION_PERMISSIONS } from "../../providers/microsoft/permissions.ts";
import { defineCheck, eachResource } from "../framework.ts";
import type { Text } from "../text.ts";
import { ADMIN_CENTER } from "./resources.ts";

const CONTACTS = [
  {
    field: "technicalNotificationMails" as const,
    name: { ja: "技術的なお知らせの送信先", en: "Technical notification addresses" },
    missing: { ja: "Microsoft からの技術的なお知らせ（サービスの変更、期限切れ、障害）の送信先が設定されていません。", en: "No address receives Microsoft's technical notices (service changes, expiries, outages)." },
  },
  {
    field: "securityComplianceNotificationMails" as const,
    name: { ja: "セキュリティのお知らせの送信先", en: "Security and compliance notification addresses" },
    missing: { ja: "Microsoft からのセキュリティとコンプライアンスのお知らせの送信先が設定されていません。", en: "No address receives Microsoft's security and compliance notices." },
  },
] satisfies { field: string; name: Text; missing: Text }[];

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.tenant.notification_contacts",
    provider: "microsoft",
    service: "tenant",
    severity: "low",
    ipaItems: [7, 12],
    itemReasons: {
      7: {
        ja: "Microsoft からの大事な連絡が、会社で決めた管理担当者に届く設定かを確かめます。",
        en: "Checks that Microsoft's important notices reach the administrator the company named.",
      },
      12: {
        ja: "困ったときの窓口は双方向です。Microsoft からの技術・セキュリティの連絡先が登録されているかを確かめます。",
        en: "Support runs both ways: checks that Microsoft has a technical and a security contact to reach.",
      },
    },
    title: { ja: "Microsoft からの技術とセキュリティのお知らせの送信先が登録されている", en: "Microsoft knows where to send technical and security notices" },
    detail: {
      ja: "Microsoft は、サービスの変更、サブスクリプションの期限切れ、セキュリティの問題などを、テナントに登録された連絡先にメールで知らせます。登録がないか、辞めた人のアドレスのままだと、大事な連絡を誰も読みません。管理担当者か、共有のメールアドレス（例: it@会社のドメイン）を登録します。",
      en: "Microsoft mails service changes, subscription expiries and security problems to the contacts registered for the tenant. With none registered, or a leaver's address, nobody reads them. Register the administrator or a shared mailbox (e.g. it@your-domain).",
    },
    remediation: {
      steps: {
        ja: "技術的な連絡先は、Microsoft Entra 管理センターの「ID > 概要 > プロパティ」の「技術部門の連絡先」に入力して保存します。セキュリティとコンプライアンスの連絡先は、IT 担当者に Microsoft Graph PowerShell の Update-MgOrganization（-SecurityComplianceNotificationMails）で登録してもらいます。どちらも、辞めても困らない共有アドレスがおすすめです。",
        en: "Enter the technical contact under Identity > Overview > Properties > Technical contact in the Microsoft Entra admin center and save. Have your IT person register the security and compliance contact with Microsoft Graph PowerShell (Update-MgOrganization -SecurityComplianceNotificationMails). A shared mailbox that survives staff changes is best for both.",
      },
      consolePath: { ja: "Microsoft Entra 管理センター > ID > 概要 > プロパティ", en: "Microsoft Entra admin center > Identity > Overview > Properties" },
      url: "https://learn.microsoft.com/graph/api/resources/organization",
    },
  },
  needs: ["organization"],
  run({ organization }) {
    return eachResource(CONTACTS, (c) => ({ uid: `entra:organization/${c.field}`, name: c.name.en, type: "Microsoft.Entra/OrganizationContact", consoleUrl: ADMIN_CENTER.tenantProperties }), (c) => {
      const addresses = organization[c.field];
      // Graph answers null for properties the app may not read: that is not "none set".
      if (addresses === null) {
        throw new FactUnavailable({ operation: "GetOrganization", permission: GRAPH_OPERATION_PERMISSIONS.GetOrganization, code: "UnknownValue",
          message: `${c.field} not returned (Graph sends null to an app without ${GRAPH_OPERATION_PERMISSIONS.GetOrganization})` });
      }
      if (addresses.length > 0) return { status: "pass", evidence: { [c.field]: addresses } };
      return { status: "fail", evidence: { [c.field]: [] }, message: c.missing };
    });
  },
});
