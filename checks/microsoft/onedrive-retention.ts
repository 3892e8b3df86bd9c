import { FactUnavailable } from "../../providers/fact.ts";
import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { ONEDRIVE_RETENTION_BOUNDS } from "../../providers/microsoft/parse.ts";
import { GRAPH_OPERATION_PERMISSIONS } from "../../providers/microsoft/permissions.ts";
import { defineCheck } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

/**
 * A quarter: time for a successor to find what the leaver kept, across a month-end and a
 * quarter-end close. Microsoft's default (30 days) is its minimum.
 */
export const LEAVER_ONEDRIVE_MIN_DAYS = 90;

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.onedrive.leaver_retention",
    provider: "microsoft",
    service: "onedrive",
    severity: "medium",
    ipaItems: [13],
    itemReasons: {
      13: {
        ja: "辞めた人のアカウントを削除したあと、その人の OneDrive のデータを引き継ぐまで残しておく日数を確かめます。",
        en: "Checks how long a deleted leaver's OneDrive is kept, which is the time there is to hand its data over.",
      },
    },
    title: { ja: "辞めた人の OneDrive が引き継ぎに十分な期間 (90 日以上) 残る", en: "A leaver's OneDrive is kept long enough to hand over (90 days or more)" },
    detail: {
      ja: "辞めた人のアカウントを削除すると、その人の OneDrive は決めた日数だけ残り、その後削除されます。Microsoft の初期設定は 30 日で、必要なファイルに後から気づいたときには消えていることがよくあります。上司が中身を確認して引き継げるよう、90 日以上にしておきます。",
      en: "When a leaver's account is deleted, their OneDrive is kept for a set number of days and then deleted. Microsoft's default is 30 days; a file someone needs is often missed until it is gone. Keep it 90 days or more so their manager can go through it and hand it over.",
    },
    remediation: {
      steps: {
        ja: "SharePoint 管理センターの「設定 > OneDrive の保持期間」を開き、「削除されたユーザーの OneDrive を保持する日数」を 90 以上（最大 3650）にして保存します。あわせて、アカウントを削除する前に、上司に OneDrive へのアクセス権を渡す手順を退職時のチェックリストに入れます。",
        en: "In the SharePoint admin center open Settings > OneDrive retention, set \"Days to retain a deleted user's OneDrive\" to 90 or more (at most 3650) and save. Add to the leaver checklist: give the manager access to the OneDrive before the account is deleted.",
      },
      consolePath: { ja: "SharePoint 管理センター > 設定 > OneDrive の保持期間", en: "SharePoint admin center > Settings > OneDrive retention" },
      url: "https://learn.microsoft.com/sharepoint/set-retention",
    },
  },
  needs: ["sharePoint"],
  run({ sharePoint }) {
    const days = sharePoint.deletedUserPersonalSiteRetentionPeriodInDays;
    if (days === null) {
      throw new FactUnavailable({
        operation: "GetSharePointSettings", permission: GRAPH_OPERATION_PERMISSIONS.GetSharePointSettings, code: "UnknownValue",
        message: `deletedUserPersonalSiteRetentionPeriodInDays absent or outside ${ONEDRIVE_RETENTION_BOUNDS.min}-${ONEDRIVE_RETENTION_BOUNDS.max}`,
      });
    }
    const resource = { uid: "sharepoint:settings/onedrive-retention", name: "OneDrive retention for deleted users", type: "Microsoft.SharePoint/TenantSetting", consoleUrl: ADMIN_CENTER.sharePointSettings };
    const evidence = { deletedUserPersonalSiteRetentionPeriodInDays: days, minimum: LEAVER_ONEDRIVE_MIN_DAYS };
    if (days >= LEAVER_ONEDRIVE_MIN_DAYS) return [{ status: "pass", resource, evidence }];
    return [{
      status: "fail", resource, evidence,
      message: { ja: `削除されたユーザーの OneDrive は ${days} 日で消えます（目安は ${LEAVER_ONEDRIVE_MIN_DAYS} 日以上）。`, en: `A deleted user's OneDrive is gone after ${days} days (${LEAVER_ONEDRIVE_MIN_DAYS} or more advised).` },
    }];
  },
});
