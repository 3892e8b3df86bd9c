import { FactUnavailable, value } from "../../providers/fact.ts";
import type { DirectoryUser, MicrosoftFacts, SharedFile, UnreadableDrive } from "../../providers/microsoft/facts.ts";
import { anyoneLinksOff } from "../../providers/microsoft/parse.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { isAnyone } from "./anyone-links.ts";
import { ADMIN_CENTER, userResource, who } from "./resources.ts";

/**
 * The path of a user's OneDrive: SharePoint names it after the sign-in name with every
 * character but letters, digits and hyphens turned into `_` (`/personal/sato_example_com`).
 */
export function personalPath(upn: string): string {
  return `/personal/${upn.toLowerCase().replace(/[^a-z0-9-]/g, "_")}`;
}

/** The OneDrive path a URL lies under (`/personal/sato_example_com`), or undefined for any other place. */
function oneDriveOf(webUrl: string): string | undefined {
  try {
    return /^\/personal\/[^/]*/.exec(decodeURIComponent(new URL(webUrl).pathname).toLowerCase())?.[0];
  } catch {
    return undefined;
  }
}

/** The crawl's files and unread drives by the OneDrive they lie in, in crawl order: each URL is parsed once, not once per leaver. */
function byOneDrive<T extends { webUrl: string }>(items: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    const path = oneDriveOf(item.webUrl);
    if (path !== undefined) (index.get(path) ?? index.set(path, []).get(path)!).push(item);
  }
  return index;
}

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.files.leaver_shared_files",
    provider: "microsoft",
    service: "onedrive",
    severity: "high",
    ipaItems: [13, 8],
    itemReasons: {
      13: {
        ja: "辞めた人（無効にしたアカウント）の OneDrive に、社外の誰でも開けるファイルが残っていないかを確かめます。",
        en: "Checks that leavers (disabled accounts) leave no file in their OneDrive open to anyone outside.",
      },
      8: {
        ja: "辞めた人が作った「すべてのユーザー」リンクは、その人がいなくなっても社外から開けたままになります。",
        en: "An \"Anyone\" link a leaver made keeps working for outsiders after they are gone.",
      },
    },
    title: { ja: "辞めた人の OneDrive に、誰でも開けるファイルが残っていない", en: "No leaver's OneDrive still shares files with anyone" },
    detail: {
      ja: "アカウントを無効にしても、その人が OneDrive で作った「すべてのユーザー」リンクは動き続け、URL を知っている社外の人がいつまでもファイルを開けます。誰も管理していないので、気づく人もいません。退職の手続きで、本人のファイルの共有を見直し、必要なものは引き継ぎます。",
      en: "Disabling an account does not stop the \"Anyone\" links that person made in OneDrive: whoever outside has the URL can keep opening the files, and nobody looks after them any more. As part of the leaver process, review their sharing and hand over what is still needed.",
    },
    remediation: {
      steps: {
        ja: "SharePoint 管理センターの「アクティブなサイト」で辞めた人の OneDrive に自分（または上司）を管理者として追加し、該当ファイルの「共有 > アクセス許可の管理」でリンクを削除します。まだ社外と使うファイルは、担当者の OneDrive か SharePoint に移してから共有し直します。",
        en: "In the SharePoint admin center under Active sites, add yourself (or the manager) as an admin of the leaver's OneDrive, then delete the link under Share > Manage access on each file. Files still used with outsiders move to the successor's OneDrive or SharePoint and are shared again from there.",
      },
      consolePath: { ja: "SharePoint 管理センター > サイト > アクティブなサイト > (辞めた人の OneDrive)", en: "SharePoint admin center > Sites > Active sites > (the leaver's OneDrive)" },
      url: "https://learn.microsoft.com/microsoft-365/admin/add-users/remove-former-employee-step-5",
    },
  },
  // The files come from the crawl the "Anyone" link checks already make: no second crawl.
  needs: ["users"],
  uses: ["sharePoint", "sharedFiles"],
  run({ users, sharePoint, sharedFiles }) {
    const leavers = users.filter((u) => !u.enabled && !u.guest);
    let index: { files: Map<string, SharedFile[]>; unreadable: Map<string, UnreadableDrive[]> } | undefined;
    return eachResource(leavers, (u) => userResource(u, ADMIN_CENTER.sharing), (u: DirectoryUser) => {
      if (sharePoint.ok && anyoneLinksOff(sharePoint.value.sharingCapability)) {
        return { status: "pass", evidence: { sharingCapability: sharePoint.value.sharingCapability } };
      }
      const crawl = value(sharedFiles);
      index ??= { files: byOneDrive(crawl.files), unreadable: byOneDrive(crawl.unreadable) };
      const oneDrive = personalPath(u.userPrincipalName);
      const unread = index.unreadable.get(oneDrive)?.[0];
      if (unread) throw new FactUnavailable(unread.error);
      const open = (index.files.get(oneDrive) ?? []).filter((f) => value(f.links).some(isAnyone));
      const evidence = { oneDrive, filesSharedWithAnyone: open.map((f) => f.name) };
      if (open.length === 0) return { status: "pass", evidence };
      const names = open.slice(0, 5).map((f) => f.name);
      const more = open.length - names.length;
      return {
        status: "fail", evidence,
        message: {
          ja: `無効にした ${who(u)} の OneDrive に、誰でも開けるファイルが ${open.length} 個あります（${names.join("、")}${more > 0 ? ` ほか ${more} 個` : ""}）。`,
          en: `Disabled ${who(u)} still shares ${open.length} file(s) in OneDrive with anyone (${names.join(", ")}${more > 0 ? `, ${more} more` : ""}).`,
        },
      };
    });
  },
});
