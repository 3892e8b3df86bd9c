import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { ROOT_CREDENTIALS_URL } from "./resources.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.iam.root_mfa",
    provider: "aws",
    service: "iam",
    severity: "critical",
    ipaItems: [9, 7],
    itemReasons: {
      9: { ja: "ルートユーザーのサインインが、パスワードだけで守られていないかを見ます。", en: "Checks that the root user's sign-in is protected by more than a password." },
      7: { ja: "管理の要であるルートユーザーが安全に管理されているかの手がかりです。", en: "The root user is the key to administering AWS: its protection shows it is looked after." },
    },
    title: { ja: "ルートユーザーに MFA が設定されている", en: "The root user has MFA" },
    detail: {
      ja: "ルートユーザーはアカウントのすべてを操作でき、制限もかけられません。パスワードだけでは、漏えいや使い回しで乗っ取られたときに会社の AWS がすべて奪われます。",
      en: "The root user can do everything in the account and cannot be restricted. With only a password, a leaked or reused password hands over the company's whole AWS account.",
    },
    remediation: {
      steps: {
        ja: "ルートユーザーでサインインし、右上のアカウント名 >「セキュリティ認証情報」>「MFA を割り当てる」で、パスキー・セキュリティキーまたは認証アプリを登録します。登録した端末は管理者以外が触れない場所で保管します。",
        en: "Sign in as the root user, open the account menu > Security credentials > Assign MFA device, and register a passkey, security key or authenticator app. Keep the device where only the administrator can reach it.",
      },
      consolePath: { ja: "(アカウント名) > セキュリティ認証情報 > 多要素認証 (MFA)", en: "(account name) > Security credentials > Multi-factor authentication (MFA)" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html",
    },
  },
  needs: ["accountSummary"],
  run({ accountSummary }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: ROOT_CREDENTIALS_URL };
    if (accountSummary.rootMfaEnabled) return [{ status: "pass", resource, evidence: { rootMfaEnabled: true } }];
    return [{
      status: "fail", resource, evidence: { rootMfaEnabled: false },
      message: { ja: "ルートユーザーに MFA がありません。", en: "The root user has no MFA." },
    }];
  },
});
