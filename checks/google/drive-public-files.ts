import type { Fact } from "../../providers/fact.ts";
import { isActive, type GoogleFacts, type PublicFile } from "../../providers/google/facts.ts";
import { defineCheck, errorResult, type CheckResult, type ResourceRef } from "../framework.ts";
import type { Text } from "../text.ts";
import { fileResource, sharedDriveResource, userResource } from "./resources.ts";

/** Stands for all shared drives when they could not even be listed. */
const SHARED_DRIVES: ResourceRef = {
  uid: "google:drive/shared-drives",
  name: "Shared drives",
  type: "Google::Drive::SharedDrive",
  consoleUrl: "https://admin.google.com/ac/drive/manageshareddrives",
};

const ROLE: Record<string, Text> = {
  reader: { ja: "閲覧", en: "view it" },
  commenter: { ja: "コメント", en: "comment on it" },
  writer: { ja: "編集", en: "edit it" },
  publishedReader: { ja: "閲覧（公開版）", en: "view its published version" },
};
/** A role Drive added after this was written: the worst is assumed, and said. */
const UNKNOWN_ROLE: Text = { ja: "操作（権限の種類は不明）", en: "use it (with a kind of access cloud15 does not know)" };

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.drive.public_files",
    provider: "google",
    service: "drive",
    severity: "high",
    ipaItems: [8],
    itemReasons: {
      8: { ja: "リンクを知っていれば誰でも開ける、または検索で見つかるファイルを探します。", en: "Looks for Drive files anyone with the link can open, or anyone can find." },
    },
    title: { ja: "誰でも開けるドライブのファイルがない", en: "No Drive file can be opened by anyone" },
    detail: {
      ja: "「リンクを知っている全員」に共有したファイルは、リンクが転送されたり漏れたりすると、社外の誰でもログインせずに開けます。「ウェブ上で一般公開」なら検索でも見つかります。見積書や顧客名簿の漏えいの典型的な原因です。",
      en: "A file shared with \"Anyone with the link\" opens for anyone outside the company, without signing in, once the link is forwarded or leaks; \"Public on the web\" is found by search as well. It is the classic way quotes and customer lists leak.",
    },
    remediation: {
      steps: {
        ja: "ファイルを開いて「共有」を押し、「一般的なアクセス」を「制限付き」に変えて、必要な相手だけを追加します。社外に渡す必要があるなら、相手のメールアドレスを指定して共有し、期限を付けます。会社として禁止するなら、ドライブの共有設定で一般公開を許可しないようにします。",
        en: "Open the file, click Share and set General access to Restricted, then add only the people who need it. To give it to someone outside, share it with their e-mail address and an expiry date. To rule it out for the company, turn off publishing in the Drive sharing settings.",
      },
      consolePath: { ja: "ドライブ > (ファイル) > 共有 > 一般的なアクセス", en: "Drive > (file) > Share > General access" },
      url: "https://support.google.com/drive/answer/2494822",
    },
  },
  needs: ["userDrives", "users"],
  uses: ["sharedDrives"],
  run({ userDrives, users, sharedDrives }) {
    const results: CheckResult[] = [];
    for (const d of userDrives) results.push(...judge(userResource({ id: d.userId, primaryEmail: d.email }), d.publicFiles));
    for (const u of users.filter((x) => !isActive(x))) {
      results.push({
        status: "skipped",
        resource: userResource(u),
        evidence: { suspended: u.suspended, archived: u.archived },
        reason: {
          ja: `${u.suspended ? "停止中" : "アーカイブ済み"}のアカウントのため、Google の仕様でドライブを検索できません。このアカウントのファイルは共有されたままです。データを引き継いでから削除してください。`,
          en: `${u.suspended ? "Suspended" : "Archived"} account: Google lets nobody search its Drive, and the files it shared stay shared. Transfer its data, then delete it.`,
        },
      });
    }
    if (!sharedDrives.ok) {
      results.push(errorResult(SHARED_DRIVES, sharedDrives.error));
      return results;
    }
    for (const d of sharedDrives.value) {
      if (d.publicFiles === undefined) {
        results.push({
          status: "pass",
          resource: sharedDriveResource(d),
          evidence: { domainUsersOnly: true },
          message: { ja: "社内のユーザーしかアクセスできない共有ドライブです。", en: "Only users of the company can open anything in this shared drive." },
        });
      } else {
        results.push(...judge(sharedDriveResource(d), d.publicFiles));
      }
    }
    return results;
  },
});

/** A Drive with nothing public passes as a whole; otherwise each public file fails on its own. */
function judge(drive: ResourceRef, publicFiles: Fact<PublicFile[]>): CheckResult[] {
  if (!publicFiles.ok) return [errorResult(drive, publicFiles.error)];
  if (publicFiles.value.length === 0) return [{ status: "pass", resource: drive, evidence: { publicFiles: 0 } }];
  return publicFiles.value.map((f) => ({
    status: "fail",
    resource: fileResource(f),
    evidence: {
      visibility: f.visibility, role: f.role, mimeType: f.mimeType, trashed: f.trashed, ...(f.grantee ? { grantee: f.grantee } : {}),
      ...(f.owner ? { owner: f.owner } : {}), ...(f.sharedDrive ? { sharedDrive: f.sharedDrive.name } : {}),
    },
    message: message(f),
  }));
}

function message(f: PublicFile): Text {
  const role = ROLE[f.role] ?? UNKNOWN_ROLE;
  const where = f.owner
    ? { ja: `オーナー: ${f.owner}`, en: `owner: ${f.owner}` }
    : { ja: `共有ドライブ: ${f.sharedDrive?.name ?? ""}`, en: `shared drive: ${f.sharedDrive?.name ?? ""}` };
  const bin = f.trashed ? { ja: "、ゴミ箱内", en: ", in the bin" } : { ja: "", en: "" };
  if (f.visibility === "unrecognised") {
    return {
      ja: `「${f.name}」には cloud15 が判別できない種類の共有があり、社外の誰でも開ける可能性があります（${where.ja}${bin.ja}）。共有設定を確かめてください。`,
      en: `"${f.name}" is shared in a way cloud15 does not recognise and may open for anyone outside the company (${where.en}${bin.en}). Check its sharing.`,
    };
  }
  return f.visibility === "anyoneCanFind"
    ? {
      ja: `「${f.name}」はウェブ上で一般公開され、誰でも検索して${role.ja}できます（${where.ja}${bin.ja}）。`,
      en: `"${f.name}" is public on the web: anyone can find it and ${role.en} (${where.en}${bin.en}).`,
    }
    : {
      ja: `「${f.name}」はリンクを知っている全員が${role.ja}できます（${where.ja}${bin.ja}）。`,
      en: `Anyone with the link to "${f.name}" can ${role.en} (${where.en}${bin.en}).`,
    };
}
