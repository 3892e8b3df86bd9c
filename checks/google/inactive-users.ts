import { isActive, type GoogleFacts } from "../../providers/google/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { daysSince, userResource } from "./resources.ts";

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.directory.inactive_users",
    provider: "google",
    service: "directory",
    severity: "medium",
    ipaItems: [8, 4],
    itemReasons: {
      8: { ja: "長く使われていない、もう要らないかもしれないアカウントを探します。", en: "Looks for accounts unused for long, which may no longer be needed." },
      4: { ja: "会社が決めた「使われていないとみなす日数」で判断します。", en: "Judges by the number of days the company set for an account to count as unused." },
    },
    ownerRule: "inactiveDays",
    title: { ja: "長く使われていないアカウントがない", en: "No account sits unused" },
    detail: {
      ja: "退職者や使われなくなったアカウントは、持ち主が気づかないうちに乗っ取られても分かりません。そのアカウントが共有されたファイルやメールにも、いつまでも届きます。",
      en: "An account nobody uses can be taken over without anyone noticing, and it keeps its access to every file and mail shared with it.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「ディレクトリ > ユーザー」で対象のユーザーを開き、不要なら「ユーザーを停止」します。削除する場合は先にドライブのファイルの「データを移行」で引き継ぎ先を決めます。一時的に使っていないだけなら、理由を記録してください。",
        en: "In the Admin console, Directory > Users, open the user and suspend the account if it is not needed. Before deleting it, transfer its Drive files with \"Transfer data\". If it is only unused for a while, record why.",
      },
      consolePath: { ja: "管理コンソール > ディレクトリ > ユーザー > (ユーザー) > ユーザーを停止", en: "Admin console > Directory > Users > (user) > Suspend user" },
      url: "https://support.google.com/a/answer/33312",
    },
  },
  needs: ["users"],
  run({ users }, ctx) {
    const limit = ctx.policy.inactiveDays;
    return eachResource(users, userResource, (u) => {
      if (!isActive(u)) {
        return {
          status: "skipped",
          evidence: { suspended: u.suspended, archived: u.archived, lastLoginTime: u.lastLoginTime },
          reason: {
            ja: `${u.suspended ? "停止中" : "アーカイブ済み"}のためログインできず、ほかのチェックの対象外です。共有したファイルは共有されたままなので、データを引き継いでから削除してください。`,
            en: `${u.suspended ? "Suspended" : "Archived"}: cannot sign in, so left out of the other checks. Files it shared stay shared: transfer its data, then delete it.`,
          },
        };
      }
      const evidence = { lastLoginTime: u.lastLoginTime, creationTime: u.creationTime, inactiveDays: limit };
      if (u.lastLoginTime === null) {
        // A new account has not had the chance to be used yet.
        const age = daysSince(u.creationTime, ctx.now);
        if (age <= limit) return { status: "pass", evidence };
        return {
          status: "fail", evidence,
          message: { ja: `${u.primaryEmail} は作成から ${age} 日、一度もログインしていません。`, en: `${u.primaryEmail} has never signed in, ${age} days after it was created.` },
        };
      }
      const idle = daysSince(u.lastLoginTime, ctx.now);
      if (idle <= limit) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: { ja: `${u.primaryEmail} は ${idle} 日間ログインしていません（目安 ${limit} 日）。`, en: `${u.primaryEmail} has not signed in for ${idle} days (limit ${limit}).` },
      };
    });
  },
});
