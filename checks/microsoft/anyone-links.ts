import { value } from "../../providers/fact.ts";
import type { MicrosoftFacts, SharedFile, SharingLink } from "../../providers/microsoft/facts.ts";
import { anyoneLinksOff } from "../../providers/microsoft/parse.ts";
import { defineCheck, eachResource, errorResult, type CheckContext, type CheckResult } from "../framework.ts";
import type { Text } from "../text.ts";
import { ADMIN_CENTER, driveResource, fileResource } from "./resources.ts";

/**
 * What "Anyone" links exist. Where the settings say plainly that the tenant does not allow
 * them, SharePoint disables every such link, so one tenant-wide pass says it all. Otherwise
 * (allowed, a level cloud15 does not know, or settings it could not read) the crawl's files
 * are judged, with an `error` for every drive that could not be read.
 */
export function judgeAnyoneLinks(
  facts: Pick<MicrosoftFacts, "sharedFiles" | "sharePoint">,
  ctx: CheckContext,
  judge: (links: SharingLink[]) => { status: "pass" | "fail"; message?: Text } | undefined,
): CheckResult[] {
  const settings = facts.sharePoint;
  const resource = { ...ctx.tenantResource, consoleUrl: ADMIN_CENTER.sharing };
  if (settings.ok && anyoneLinksOff(settings.value.sharingCapability)) {
    return [{
      status: "pass",
      resource,
      evidence: { sharingCapability: settings.value.sharingCapability },
      message: { ja: "テナントで「すべてのユーザー」リンクがオフのため、誰でも開けるリンクはありません。", en: "\"Anyone\" links are off for the whole tenant, so no such link works." },
    }];
  }
  const crawl = value(facts.sharedFiles);
  // Each file's links are judged once. A file whose links could not be read is judged too:
  // eachResource makes it `error`.
  const relevant: { file: SharedFile; verdict?: { status: "pass" | "fail"; message?: Text } }[] = [];
  for (const file of crawl.files) {
    if (!file.links.ok) relevant.push({ file });
    else {
      const verdict = judge(file.links.value);
      if (verdict !== undefined) relevant.push({ file, verdict });
    }
  }
  const results = [
    ...eachResource(relevant, ({ file }) => fileResource(file), ({ file, verdict }) => {
      const links = value(file.links);
      return { ...verdict!, evidence: { location: file.location, links: links.map(describe) } };
    }),
    ...crawl.unreadable.map((d) => errorResult(driveResource(d), d.error)),
  ];
  if (results.length > 0) return results;
  // Every drive was read and no file has such a link: that, not the settings, is the verdict.
  return [{
    status: "pass",
    resource,
    evidence: { sharingCapability: settings.ok ? settings.value.sharingCapability : "not read", drives: crawl.stats.drives, sharedFiles: crawl.files.length },
    message: {
      ja: `すべてのドライブ (${crawl.stats.drives} 個) を読み取り、「すべてのユーザー」リンクは見つかりませんでした。`,
      en: `Every drive (${crawl.stats.drives}) was read; no "Anyone" link was found.`,
    },
  }];
}

export function isAnyone(link: SharingLink): boolean {
  return link.scope === "anonymous";
}

export function describeLink(link: SharingLink): Text {
  const role = link.canEdit ? { ja: "編集可", en: "edit" } : { ja: "表示のみ", en: "view" };
  const expiry = link.expirationDateTime
    ? { ja: `${link.expirationDateTime.slice(0, 10)} まで`, en: `until ${link.expirationDateTime.slice(0, 10)}` }
    : { ja: "期限なし", en: "never expires" };
  return { ja: `${role.ja}・${expiry.ja}`, en: `${role.en}, ${expiry.en}` };
}

function describe(link: SharingLink): Record<string, unknown> {
  return { scope: link.scope, type: link.type, roles: link.roles, canEdit: link.canEdit, expires: link.expirationDateTime, password: link.hasPassword };
}

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.files.anyone_link",
    provider: "microsoft",
    service: "onedrive",
    severity: "high",
    ipaItems: [8, 4],
    itemReasons: {
      8: { ja: "URL を知っていれば誰でも開けるリンクで共有されたファイルがないかを見ます。", en: "Looks for files shared with links anyone with the URL can open." },
      4: { ja: "共有中のファイルが、「誰でも開けるリンク」について会社が決めたルールに合っているかを見ます。", en: "Holds shared files to the company's rule on links that work for anyone." },
    },
    ownerRule: "anyoneLinks",
    title: { ja: "誰でも開ける「すべてのユーザー」リンクでファイルを共有していない", en: "No file is shared with an \"Anyone\" link" },
    detail: {
      ja: "「すべてのユーザー」リンクは、URL を知っていれば社外の誰でもサインインなしで開けます。会社の方針で使わないなら一つも残さず、使う場合も期限を付けます。組織内や特定の人に限ったリンクは問題ありません。",
      en: "An \"Anyone\" link opens the file for whoever has the URL, outside the company too, without signing in. If the company's policy rules them out, none should remain; where they are allowed, each should expire. Links limited to the organisation or to named people are fine.",
    },
    remediation: {
      steps: {
        ja: "ファイルを開き「共有 > アクセス許可の管理」で「すべてのユーザー」リンクを削除し、必要なら「特定のユーザー」リンクで共有し直します。",
        en: "Open the file, choose Share > Manage access, delete the \"Anyone\" link, and if needed share again with a \"Specific people\" link.",
      },
      consolePath: { ja: "OneDrive / SharePoint > (ファイル) > 共有 > アクセス許可の管理", en: "OneDrive / SharePoint > (file) > Share > Manage access" },
      url: "https://support.microsoft.com/office/stop-sharing-onedrive-or-sharepoint-files-or-folders-or-change-permissions-0a36470f-d7fe-40a0-bd74-0ac6c1e13323",
    },
  },
  // The settings only spare the crawl; when they could not be read the files are judged anyway.
  needs: ["ownerPolicy"],
  uses: ["sharePoint", "sharedFiles"],
  run({ sharePoint, ownerPolicy, sharedFiles }, ctx) {
    return judgeAnyoneLinks({ sharePoint, sharedFiles }, ctx, (links) => {
      const anyone = links.filter(isAnyone);
      // Where the company allows Anyone links, only those that never expire are a finding.
      const offending = ownerPolicy.anyoneLinks === "allowed" ? anyone.filter((l) => l.expirationDateTime === null) : anyone;
      if (offending.length === 0) return { status: "pass" };
      const kinds = offending.map(describeLink);
      return {
        status: "fail",
        message: {
          ja: `誰でも開けるリンクがあります（${kinds.map((k) => k.ja).join("、")}）。`,
          en: `Shared with an "Anyone" link (${kinds.map((k) => k.en).join("; ")}).`,
        },
      };
    });
  },
});
