import { isActive, type GoogleFacts } from "../../providers/google/facts.ts";
import { defineCheck } from "../framework.ts";

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.backup.workspace_data",
    provider: "google",
    service: "backup",
    severity: "high",
    ipaItems: [10],
    itemReasons: {
      10: { ja: "Vault はバックアップではないため、自社のバックアップがあるかをお尋ねします。", en: "Vault is not a backup: asks whether you keep your own backup of Workspace data." },
    },
    title: { ja: "Google Workspace のデータを自社でバックアップしている", en: "You keep your own backup of Workspace data" },
    detail: {
      ja: "Google は設備の故障からはデータを守りますが、誤って削除したファイル、乗っ取りやランサムウェアで消された・書き換えられたデータ、削除したユーザーのデータは、期限を過ぎると戻せません。Google Vault は訴訟などに備えてデータを保持・検索する仕組みで、元の場所へ戻す機能はなく、ユーザーを削除すると Vault からも消えます。Vault の保持設定は API で読めないため、このチェックは自動では判定できません。",
      en: "Google protects data against its own hardware failing, not against files deleted by mistake, data deleted or encrypted through a taken-over account, or a deleted user's data once the grace period ends. Google Vault retains and searches data for legal holds; it restores nothing to where it was, and a deleted user's data leaves Vault too. Vault retention cannot be read through an API, so this cannot be judged automatically.",
    },
    remediation: {
      steps: {
        ja: "Google Workspace 用のバックアップサービス（Gmail・ドライブ・共有ドライブ・カレンダーを別のクラウドへ毎日コピーし、ユーザー単位・ファイル単位で戻せるもの）を導入し、年に一度は実際に戻せるか試します。導入するまでは、少なくとも重要な共有ドライブを定期的に書き出して社外の保存先に保管します。対応したら設定ファイルの attestations で項目 10 に回答します。",
        en: "Use a backup service for Google Workspace that copies Gmail, Drive, shared drives and Calendar daily to another cloud and restores a single user or file, and test a restore once a year. Until then, at least export the important shared drives regularly to storage outside Google. Then answer item 10 under attestations in the config.",
      },
      consolePath: { ja: "管理コンソール > データ > データのインポートとエクスポート > データのエクスポート", en: "Admin console > Data > Data import & export > Data export" },
      url: "https://support.google.com/a/answer/100458",
    },
  },
  needs: ["users"],
  run({ users }, ctx) {
    const active = users.filter(isActive).length;
    return [{
      status: "manual",
      resource: { ...ctx.tenantResource, consoleUrl: "https://admin.google.com/ac/customertakeout" },
      evidence: { activeUsers: active, accounts: users.length },
      message: {
        ja: `${users.length} 件のアカウント（うち有効 ${active} 件）のメール・ドライブ・カレンダーと共有ドライブが対象です。Vault はバックアップではありません。`,
        en: `${users.length} accounts (${active} active): their mail, Drive and Calendar, and the shared drives, need a backup. Vault is not one.`,
      },
    }];
  },
});
