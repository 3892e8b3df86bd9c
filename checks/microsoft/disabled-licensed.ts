import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { ADMIN_CENTER, userResource, who } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.disabled_licensed",
    provider: "microsoft",
    service: "entra",
    severity: "low",
    ipaItems: [8],
    itemReasons: {
      8: { ja: "無効にした（辞めた人などの）アカウントに、ライセンスが残っていないかを見ます。", en: "Checks that disabled accounts (people who left, say) hold no licence." },
    },
    title: { ja: "無効にしたアカウントにライセンスが残っていない", en: "Disabled accounts hold no licence" },
    detail: {
      ja: "退職者のアカウントを無効にしてもライセンスが付いたままだと、費用がかかり続け、メールボックスや OneDrive もそのまま残ります。データを引き継いだらライセンスを外し、不要ならアカウントを削除します。",
      en: "A disabled leaver's account that keeps its licence keeps costing money, and its mailbox and OneDrive stay as they were. Once the data is handed over, remove the licence, and delete the account if nobody needs it.",
    },
    remediation: {
      steps: {
        ja: "Microsoft 365 管理センターの「アクティブなユーザー」で対象を開き、メールと OneDrive の引き継ぎを済ませてから「ライセンスとアプリ」でライセンスを外します。",
        en: "Open the user under Active users in the Microsoft 365 admin center, hand over their mail and OneDrive, then remove the licence under Licenses and apps.",
      },
      consolePath: { ja: "Microsoft 365 管理センター > ユーザー > アクティブなユーザー > (ユーザー名) > ライセンスとアプリ", en: "Microsoft 365 admin center > Users > Active users > (user) > Licenses and apps" },
      url: "https://learn.microsoft.com/microsoft-365/admin/add-users/remove-former-employee",
    },
  },
  needs: ["users"],
  run({ users }) {
    return eachResource(users.filter((u) => !u.enabled), (u) => userResource(u, ADMIN_CENTER.activeUsers), (u) => {
      const evidence = { accountEnabled: false, assignedLicenses: u.assignedLicenses };
      if (u.assignedLicenses === 0) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: { ja: `無効な ${who(u)} にライセンスが ${u.assignedLicenses} 個残っています。`, en: `Disabled ${who(u)} still holds ${u.assignedLicenses} licence${u.assignedLicenses === 1 ? "" : "s"}.` },
      };
    });
  },
});
