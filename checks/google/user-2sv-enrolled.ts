import { isActive, type GoogleFacts } from "../../providers/google/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { userResource } from "./resources.ts";

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.directory.user_2sv_enrolled",
    provider: "google",
    service: "directory",
    severity: "high",
    ipaItems: [9],
    itemReasons: {
      9: { ja: "利用者が 2 段階認証プロセスを設定しているかを見ます。", en: "Checks that users have set up 2-Step Verification." },
    },
    title: { ja: "ユーザーが 2 段階認証プロセスを設定している", en: "Users have set up 2-Step Verification" },
    detail: {
      ja: "パスワードだけのアカウントは、フィッシングや使い回したパスワードで簡単に乗っ取られ、メールもドライブのファイルもすべて読まれます。2 段階認証プロセスがあれば、パスワードが漏れてもログインされません。",
      en: "An account with only a password is easily taken over through phishing or a reused password, and with it every mail and Drive file. With 2-Step Verification a leaked password is not enough to sign in.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「セキュリティ > 認証 > 2 段階認証プロセス」で「ユーザーが 2 段階認証プロセスを有効にできるようにする」をオンにし、対象のユーザーに Google アカウントの「セキュリティ > 2 段階認証プロセス」で設定してもらいます（スマートフォンの Google 認証システムやセキュリティキー）。全員が済んだら強制をオンにします。",
        en: "In the Admin console, Security > Authentication > 2-Step Verification, turn on \"Allow users to turn on 2-Step Verification\", and have each user set it up under Google Account > Security > 2-Step Verification (an authenticator app or a security key). Once everyone has, turn on enforcement.",
      },
      consolePath: { ja: "管理コンソール > セキュリティ > 認証 > 2 段階認証プロセス", en: "Admin console > Security > Authentication > 2-Step Verification" },
      url: "https://support.google.com/a/answer/175197",
    },
  },
  needs: ["users"],
  run({ users }) {
    return eachResource(users.filter(isActive), userResource, (u) => {
      const evidence = { isEnrolledIn2Sv: u.isEnrolledIn2Sv, isEnforcedIn2Sv: u.isEnforcedIn2Sv, orgUnitPath: u.orgUnitPath, lastLoginTime: u.lastLoginTime };
      if (u.isEnrolledIn2Sv) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: { ja: `${u.primaryEmail} は 2 段階認証プロセスを設定していません。`, en: `${u.primaryEmail} has not set up 2-Step Verification.` },
      };
    });
  },
});
