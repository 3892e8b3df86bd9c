import { isActive, type GoogleFacts } from "../../providers/google/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { userResource } from "./resources.ts";

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.directory.admin_2sv",
    provider: "google",
    service: "directory",
    severity: "critical",
    ipaItems: [7, 9],
    itemReasons: {
      7: { ja: "管理者のアカウントが乗っ取られにくいか、管理担当者の守りを見ます。", en: "Checks that the administrators' own accounts are hard to take over." },
      9: { ja: "管理者が 2 段階認証プロセスを設定しているかを見ます。", en: "Checks that administrators have set up 2-Step Verification." },
    },
    title: { ja: "管理者が 2 段階認証プロセスを設定している", en: "Administrators have set up 2-Step Verification" },
    detail: {
      ja: "管理者のアカウントが乗っ取られると、全員のメールやファイル、設定まで奪われます。管理者こそ、パスワードだけで使ってはいけません。",
      en: "A taken-over administrator account hands over everyone's mail, files and settings. Administrators above all must not sign in with a password alone.",
    },
    remediation: {
      steps: {
        ja: "対象の管理者に Google アカウントの「セキュリティ > 2 段階認証プロセス」で設定してもらいます。管理者にはセキュリティキー（パスキー）を使い、管理者だけの組織部門またはグループで 2 段階認証プロセスを強制します。共有の管理者アカウントは個人のアカウントに置き換えます。",
        en: "Have the administrator set it up under Google Account > Security > 2-Step Verification. Give administrators security keys (passkeys) and enforce 2-Step Verification for an organizational unit or group of administrators. Replace shared administrator accounts with named ones.",
      },
      consolePath: { ja: "管理コンソール > ディレクトリ > ユーザー > (管理者) > セキュリティ > 2 段階認証プロセス", en: "Admin console > Directory > Users > (administrator) > Security > 2-Step Verification" },
      url: "https://support.google.com/a/answer/9011373",
    },
  },
  needs: ["users"],
  run({ users }) {
    const admins = users.filter((u) => isActive(u) && (u.isAdmin || u.isDelegatedAdmin));
    return eachResource(admins, userResource, (u) => {
      const role = u.isAdmin ? "super" : "delegated";
      const evidence = { role, isEnrolledIn2Sv: u.isEnrolledIn2Sv, isEnforcedIn2Sv: u.isEnforcedIn2Sv };
      if (u.isEnrolledIn2Sv) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: u.isAdmin
          ? { ja: `特権管理者 ${u.primaryEmail} はパスワードだけでログインできます。`, en: `Super administrator ${u.primaryEmail} can sign in with a password alone.` }
          : { ja: `管理者 ${u.primaryEmail} はパスワードだけでログインできます。`, en: `Administrator ${u.primaryEmail} can sign in with a password alone.` },
      };
    });
  },
});
