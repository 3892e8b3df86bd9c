import { isActive, type GoogleFacts } from "../../providers/google/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { userResource } from "./resources.ts";

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.directory.leaver_licences",
    provider: "google",
    service: "directory",
    severity: "medium",
    ipaItems: [13],
    itemReasons: {
      13: {
        ja: "退職者のアカウントを停止したあと、ライセンスが残ったままかを見ます。データの引き継ぎと削除が終わっていない印です。",
        en: "A leaver's account that was suspended but still holds a licence is one whose data was never handed over and closed.",
      },
    },
    title: { ja: "退職者のアカウントにライセンスが残っていない", en: "Accounts of people who left hold no licence" },
    detail: {
      ja: "退職者のアカウントを停止しただけでは、ライセンスの料金はかかり続け、メールやドライブのファイルもそのまま残ります。共有したファイルは共有されたままで、停止中のアカウントのドライブは Google の仕様で誰も検索できません。データを引き継いでから、アカウントを削除するか、アーカイブ ユーザーにします。",
      en: "Suspending a leaver's account keeps its licence billed, and its mail and Drive files stay where they were. Files it shared stay shared, and Google lets nobody search a suspended account's Drive. Hand over the data, then delete the account or make it an archived user.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「データ > データのインポートとエクスポート > データ移行」または「ユーザー > (退職者) > データを移行」で、ドライブのファイルを後任者に移します（移すと共有の相手も確認できます）。そのあと、アカウントを削除するか、保管が必要ならアーカイブ ユーザーのライセンスに切り替えて Google Workspace のライセンスを外します。",
        en: "In the Admin console, transfer the leaver's Drive files to a successor (Users > the leaver > Transfer data); who they are shared with can be reviewed there. Then delete the account or, where it must be kept, switch it to an Archived User licence and remove its Google Workspace licence.",
      },
      consolePath: { ja: "管理コンソール > ディレクトリ > ユーザー > (退職者) > ライセンス", en: "Admin console > Directory > Users > (leaver) > Licenses" },
      url: "https://support.google.com/a/answer/33314",
    },
  },
  needs: ["users", "licences"],
  run({ users, licences }) {
    const held = new Map<string, string[]>();
    for (const l of licences) held.set(l.email.toLowerCase(), [...(held.get(l.email.toLowerCase()) ?? []), l.skuName]);
    return eachResource(users.filter((u) => !isActive(u)), userResource, (u) => {
      const skus = held.get(u.primaryEmail.toLowerCase()) ?? [];
      const state = u.suspended ? { ja: "停止中", en: "suspended" } : { ja: "アーカイブ済み", en: "archived" };
      // Google lets nobody act as a suspended or archived account, so its Drive was not searched.
      const evidence = { suspended: u.suspended, archived: u.archived, licences: skus, lastLoginTime: u.lastLoginTime, driveSearched: false };
      if (skus.length === 0) {
        return {
          status: "pass", evidence,
          message: {
            ja: `${u.primaryEmail}（${state.ja}）にライセンスは残っていません。ドライブは検索できないため、共有が残っていないかはデータの移行時に確かめてください。`,
            en: `${u.primaryEmail} (${state.en}) holds no licence. Its Drive cannot be searched: check for remaining shares when transferring its data.`,
          },
        };
      }
      return {
        status: "fail", evidence,
        message: {
          // The edition's name is Google's English product name: kept to the English text and the evidence.
          ja: `${u.primaryEmail} は${state.ja}ですが、Google Workspace の有料ライセンスが残っています（料金がかかり、ファイルの共有も残ったままです）。`,
          en: `${u.primaryEmail} is ${state.en} but still holds ${skus.join(", ")} (billed, and its files stay shared).`,
        },
      };
    });
  },
});
