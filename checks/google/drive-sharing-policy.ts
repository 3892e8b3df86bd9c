import type { GoogleFacts, WorkspacePolicy } from "../../providers/google/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { DRIVE_SHARING_SETTINGS_URL, policyResource } from "./resources.ts";

const SETTING = "drive_and_docs.external_sharing";

/**
 * What applies where no policy sets a field: Google's documented default field values for
 * this setting, which allow sharing outside and publishing files.
 */
const GOOGLE_DEFAULTS = { externalSharingMode: "ALLOWED", allowPublishingFiles: true, warnForExternalSharing: true };

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.drive.sharing_policy",
    provider: "google",
    service: "drive",
    severity: "high",
    ipaItems: [8],
    title: { ja: "ドライブの共有設定で一般公開を許可していない", en: "Drive sharing settings do not let users publish files" },
    detail: {
      ja: "共有設定で一般公開を許可していると、誰でもファイルを「リンクを知っている全員」や「ウェブ上で一般公開」にでき、一度の操作ミスで社外に漏れます。許可しなければ、ファイルは社内の人と指定した相手にしか共有できません。",
      en: "While the sharing settings allow publishing, anyone can make a file open to \"Anyone with the link\" or \"Public on the web\", and one careless click leaks it. Without it, files can only be shared with colleagues and named people.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「アプリ > Google Workspace > ドライブとドキュメント > 共有設定 > 共有オプション」で組織部門を選び、「組織外との共有」で「…ファイルをウェブ上で公開したり…一般公開したりすることを許可する」のチェックを外します。社外と共有するなら「許可リストのドメイン」に絞るか、共有時の警告を残します。",
        en: "In the Admin console, Apps > Google Workspace > Drive and Docs > Sharing settings > Sharing options, select the organizational unit and, under sharing outside the organization, clear \"Allow users … to publish files on the web or make them visible to the world as public or unlisted files\". Limit outside sharing to allowlisted domains, or keep the warning when sharing outside.",
      },
      consolePath: { ja: "管理コンソール > アプリ > Google Workspace > ドライブとドキュメント > 共有設定", en: "Admin console > Apps > Google Workspace > Drive and Docs > Sharing settings" },
      url: "https://support.google.com/a/answer/60781",
    },
  },
  needs: ["policies"],
  run({ policies }, ctx) {
    const sharing = policies.filter((p) => p.setting === SETTING);
    if (sharing.length === 0) {
      // Nothing set anywhere: the whole customer runs on Google's defaults.
      const defaults: WorkspacePolicy = { setting: SETTING, value: {} };
      return eachResource([defaults], () => ({ ...ctx.tenantResource, consoleUrl: DRIVE_SHARING_SETTINGS_URL }), judge);
    }
    return eachResource(sharing, (p) => policyResource(p, DRIVE_SHARING_SETTINGS_URL), judge);
  },
});

function judge(p: WorkspacePolicy) {
  const effective = { ...GOOGLE_DEFAULTS, ...p.value };
  const where = p.orgUnit ?? p.group;
  const evidence = {
    appliesTo: where ?? "customer (Google's defaults, never changed)",
    externalSharingMode: effective.externalSharingMode,
    allowPublishingFiles: effective.allowPublishingFiles,
    warnForExternalSharing: effective.warnForExternalSharing,
  };
  // Only the ALLOWED mode offers publishing; allowlisted domains and "off" rule it out.
  const publishes = effective.externalSharingMode === "ALLOWED" && effective.allowPublishingFiles !== false;
  if (!publishes) return { status: "pass" as const, evidence };
  return {
    status: "fail" as const,
    evidence,
    message: where
      ? { ja: `${where} のユーザーは、ファイルをウェブ上で一般公開したり、リンクを知っている全員に共有したりできます。`, en: `Users in ${where} may publish files on the web or share them with anyone who has the link.` }
      : { ja: "共有設定が一度も変更されておらず、Google の既定のまま、誰でもファイルを一般公開できます。", en: "The sharing settings were never changed: by Google's defaults, anyone may publish files." },
  };
}
