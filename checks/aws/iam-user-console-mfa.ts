import type { AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { userResource } from "./resources.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.iam.user_console_mfa",
    provider: "aws",
    service: "iam",
    severity: "high",
    ipaItems: [9],
    itemReasons: {
      9: { ja: "画面からサインインできる AWS の利用者に、2 段階認証（MFA）があるかを見ます。", en: "Checks that every AWS user who can sign in to the console has MFA." },
    },
    title: { ja: "コンソールにサインインできる IAM ユーザーに MFA がある", en: "IAM users who can sign in to the console have MFA" },
    detail: {
      ja: "パスワードだけのユーザーは、フィッシングやパスワードの使い回しで簡単に乗っ取られます。MFA があれば、パスワードが漏れてもサインインされません。",
      en: "A user with only a password is easily taken over through phishing or a reused password. With MFA, a leaked password is not enough to sign in.",
    },
    remediation: {
      steps: {
        ja: "IAM >「ユーザー」で対象のユーザーを開き、「セキュリティ認証情報」タブの「MFA デバイスの割り当て」で登録してもらいます。全員に求めるには、MFA なしの操作を拒否する IAM ポリシーを付けるか、IAM Identity Center に移行します。",
        en: "In IAM > Users open the user and, on the Security credentials tab, have them assign an MFA device. To require it for everyone, attach a policy that denies actions without MFA, or move to IAM Identity Center.",
      },
      consolePath: { ja: "IAM > ユーザー > (ユーザー名) > セキュリティ認証情報 > 多要素認証 (MFA)", en: "IAM > Users > (user) > Security credentials > Multi-factor authentication (MFA)" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html",
    },
  },
  needs: ["credentialReport"],
  run({ credentialReport }) {
    // A user whose password or MFA cell could not be read is judged too: error, never left out.
    const consoleUsers = credentialReport.users.filter((u) => !u.console.ok || u.console.value.passwordEnabled);
    return eachResource(consoleUsers, userResource, (u) => {
      const access = value(u.console);
      const evidence = { mfaActive: access.mfaActive, passwordLastUsed: access.passwordLastUsed, reportGeneratedAt: credentialReport.generatedAt };
      if (access.mfaActive) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: { ja: `${u.user} はパスワードだけでサインインできます。`, en: `${u.user} can sign in with a password alone.` },
      };
    });
  },
});
