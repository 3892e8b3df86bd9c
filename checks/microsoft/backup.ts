import type { BackupWorkload, MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import type { Text } from "../text.ts";
import { defineCheck, type CheckResult } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

const WORKLOADS: { workload: BackupWorkload; name: Text }[] = [
  { workload: "oneDrive", name: { ja: "OneDrive", en: "OneDrive" } },
  { workload: "sharePoint", name: { ja: "SharePoint", en: "SharePoint" } },
  { workload: "exchange", name: { ja: "Exchange (メール)", en: "Exchange (mail)" } },
];

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.backup.m365_backup",
    provider: "microsoft",
    service: "backup",
    severity: "high",
    ipaItems: [10],
    itemReasons: {
      10: { ja: "OneDrive・SharePoint・メールが Microsoft 365 バックアップで守られているかを見ます。", en: "Checks that OneDrive, SharePoint and mail are protected by Microsoft 365 Backup." },
    },
    title: { ja: "Microsoft 365 バックアップで OneDrive・SharePoint・メールを保護している", en: "Microsoft 365 Backup protects OneDrive, SharePoint and mail" },
    detail: {
      ja: "ごみ箱やバージョン履歴は、ランサムウェアでの一斉暗号化や、退職者の削除、長い期間が過ぎた後の復元には足りません。Microsoft 365 バックアップ (従量課金) か、ほかのバックアップサービスで、重要なデータのコピーを会社の責任で持ちます。",
      en: "The recycle bin and version history do not cover mass encryption by ransomware, a deleted leaver, or a restore after a long time. Keep a copy of important data under the company's own control, with Microsoft 365 Backup (pay-as-you-go) or another backup service.",
    },
    remediation: {
      steps: {
        ja: "Microsoft 365 管理センターの「設定 > Microsoft 365 バックアップ」で Azure の課金を設定してサービスを有効にし、OneDrive・SharePoint・Exchange のそれぞれに保護ポリシーを作って有効にします。ほかのバックアップ製品を使っている場合は、この項目を確認済みとして記録します。",
        en: "In the Microsoft 365 admin center under Settings > Microsoft 365 Backup, set up Azure billing to turn the service on, then create and activate a protection policy each for OneDrive, SharePoint and Exchange. If another backup product covers them, record this item as answered.",
      },
      consolePath: { ja: "Microsoft 365 管理センター > 設定 > Microsoft 365 バックアップ", en: "Microsoft 365 admin center > Settings > Microsoft 365 Backup" },
      url: "https://learn.microsoft.com/microsoft-365/backup/backup-setup",
    },
  },
  needs: ["backup"],
  run({ backup }) {
    return WORKLOADS.map(({ workload, name }): CheckResult => {
      const resource = { uid: `m365backup:${workload}`, name: `Microsoft 365 Backup: ${name.en}`, type: "Microsoft.365/BackupWorkload", consoleUrl: ADMIN_CENTER.backup };
      const policies = backup.policies.filter((p) => p.workload === workload);
      const evidence = { serviceStatus: backup.serviceStatus, policies: policies.map((p) => `${p.displayName} (${p.status})`) };
      if (backup.service === "unknown") {
        return {
          status: "error", resource, evidence,
          reason: {
            ja: `Microsoft 365 バックアップが有効かどうか、Graph の答え（${backup.serviceStatus}）からは分かりませんでした。確認できなかったため「合格」にはしていません。`,
            en: `Graph's answer (${backup.serviceStatus}) does not say whether Microsoft 365 Backup is on; not reported as passed because it could not be checked.`,
          },
          cause: { operation: "GetBackupRestore", permission: "BackupRestore-Control.Read.All", code: "UnknownValue", message: `serviceStatus.status ${backup.serviceStatus}` },
        };
      }
      if (backup.service === "off") {
        return { status: "fail", resource, evidence, message: { ja: `Microsoft 365 バックアップが有効になっておらず、${name.ja} はバックアップされていません。`, en: `Microsoft 365 Backup is not turned on: ${name.en} is not backed up.` } };
      }
      if (policies.some((p) => p.status === "active")) return { status: "pass", resource, evidence };
      return {
        status: "fail", resource, evidence,
        message: policies.length === 0
          ? { ja: `${name.ja} の保護ポリシーがありません。`, en: `No protection policy covers ${name.en}.` }
          : { ja: `${name.ja} の保護ポリシーが有効ではありません（${evidence.policies.join("、")}）。`, en: `The protection policy for ${name.en} is not active (${evidence.policies.join(", ")}).` },
      };
    });
  },
});
