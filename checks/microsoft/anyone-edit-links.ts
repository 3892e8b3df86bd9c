import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck } from "../framework.ts";
import { describeLink, isAnyone, judgeAnyoneLinks } from "./anyone-links.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.files.anyone_edit_link",
    provider: "microsoft",
    service: "onedrive",
    severity: "critical",
    ipaItems: [8],
    itemReasons: {
      8: { ja: "誰でも編集でき、期限もないリンクで共有されたファイルがないかを見ます。", en: "Looks for files anyone can edit through a link that never expires." },
    },
    title: { ja: "誰でも編集できる期限なしのリンクがない", en: "No file can be edited by anyone, forever" },
    detail: {
      ja: "期限のない「すべてのユーザー」の編集リンクでは、URL を知った人なら誰でも、いつまでもファイルを書き換え・削除できます。ランサムウェアや改ざんに使われると、元に戻すのも困難です。",
      en: "An \"Anyone\" edit link with no expiry lets whoever gets the URL change or delete the file, for ever. Used for tampering or ransomware, the damage is hard to undo.",
    },
    remediation: {
      steps: {
        ja: "ファイルを開き「共有 > アクセス許可の管理」でそのリンクを削除します。社外と一緒に編集するなら、相手を「特定のユーザー」で招待します。SharePoint 管理センターの「ポリシー > 共有」で「すべてのユーザー」リンクの有効期限と既定の権限 (表示) も設定します。",
        en: "Open the file, choose Share > Manage access and delete the link. To edit with outsiders, invite them as \"Specific people\". In the SharePoint admin center under Policies > Sharing, also set an expiry for Anyone links and make View their default permission.",
      },
      consolePath: { ja: "OneDrive / SharePoint > (ファイル) > 共有 > アクセス許可の管理", en: "OneDrive / SharePoint > (file) > Share > Manage access" },
      url: "https://learn.microsoft.com/sharepoint/turn-external-sharing-on-or-off#change-the-organization-level-external-sharing-setting",
    },
  },
  // The settings only spare the crawl; when they could not be read the files are judged anyway.
  needs: [],
  uses: ["sharePoint", "sharedFiles"],
  run({ sharePoint, sharedFiles }, ctx) {
    return judgeAnyoneLinks({ sharePoint, sharedFiles }, ctx, (links) => {
      const anyone = links.filter(isAnyone);
      if (anyone.length === 0) return undefined;
      const forever = anyone.filter((l) => l.canEdit && l.expirationDateTime === null);
      if (forever.length === 0) return { status: "pass" };
      return {
        status: "fail",
        message: {
          ja: `誰でも期限なしで編集できるリンクがあります（${forever.map((l) => describeLink(l).ja).join("、")}）。`,
          en: `Anyone with the link can edit it, and the link never expires (${forever.map((l) => describeLink(l).en).join("; ")}).`,
        },
      };
    });
  },
});
