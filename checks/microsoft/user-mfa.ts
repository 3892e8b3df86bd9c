import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { registrationOf } from "./mfa.ts";
import { userAuthMethodsUrl, userResource, who } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.user_mfa",
    provider: "microsoft",
    service: "entra",
    severity: "high",
    ipaItems: [9],
    itemReasons: {
      9: { ja: "社員のアカウントに 2 段階認証（MFA）が登録されているかを見ます。", en: "Checks that employees' accounts have MFA registered." },
    },
    title: { ja: "社員のアカウントに多要素認証 (MFA) が登録されている", en: "Employees' accounts have MFA registered" },
    detail: {
      ja: "パスワードだけのアカウントは、フィッシングやパスワードの使い回しで簡単に乗っ取られ、メールやファイルがすべて読まれます。Microsoft Authenticator などの MFA を登録していれば、パスワードが漏れてもサインインされません。無効なアカウントは数えず、ゲストは別の項目で示します。",
      en: "An account with only a password is easily taken over through phishing or a reused password, and with it every mail and file. With MFA such as Microsoft Authenticator registered, a leaked password is not enough to sign in. Disabled accounts are not counted; guests are reported separately.",
    },
    remediation: {
      steps: {
        ja: "対象の社員に https://aka.ms/mysecurityinfo を開いてもらい、「サインイン方法の追加」で Microsoft Authenticator を登録してもらいます。全員に登録を求めるには、セキュリティの既定値か条件付きアクセスで MFA を必須にします。",
        en: "Ask the person to open https://aka.ms/mysecurityinfo and add Microsoft Authenticator under \"Add sign-in method\". To make everyone register, require MFA with security defaults or Conditional Access.",
      },
      consolePath: { ja: "Microsoft Entra 管理センター > ユーザー > (ユーザー名) > 認証方法", en: "Microsoft Entra admin center > Users > (user) > Authentication methods" },
      url: "https://learn.microsoft.com/entra/identity/authentication/howto-mfa-userdevicesettings",
    },
  },
  needs: ["users", "mfa"],
  run({ users, mfa }) {
    const members = users.filter((u) => u.enabled && !u.guest);
    return eachResource(members, (u) => userResource(u, userAuthMethodsUrl(u)), (u) => {
      const state = registrationOf(mfa, u);
      const evidence = { registered: state.registered, methods: state.methods, source: mfa.source };
      if (state.registered) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: { ja: `${who(u)} はパスワードだけでサインインできます（MFA の登録なし）。`, en: `${who(u)} can sign in with a password alone (no MFA method registered).` },
      };
    });
  },
});
