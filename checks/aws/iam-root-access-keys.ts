import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { ROOT_CREDENTIALS_URL } from "./resources.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.iam.root_access_keys",
    provider: "aws",
    service: "iam",
    severity: "critical",
    ipaItems: [9],
    itemReasons: {
      9: { ja: "最も強い権限を持つルートユーザーに、漏れると危険な鍵がないかを見ます。", en: "Checks that the all-powerful root user has no key that would be dangerous if leaked." },
    },
    title: { ja: "ルートユーザーにアクセスキーがない", en: "The root user has no access keys" },
    detail: {
      ja: "ルートのアクセスキーが漏れると、MFA に関係なくアカウントのすべてを操作されます。プログラムからの利用には、権限を絞った IAM ロールを使います。",
      en: "A leaked root access key gives full control of the account, MFA or not. Programs should use narrowly scoped IAM roles instead.",
    },
    remediation: {
      steps: {
        ja: "ルートユーザーでサインインし「セキュリティ認証情報」の「アクセスキー」で、使っているプログラムを IAM ロールに切り替えてから、キーを無効化し削除します。",
        en: "Sign in as root, open Security credentials > Access keys, move whatever uses the key to an IAM role, then deactivate and delete the key.",
      },
      consolePath: { ja: "(アカウント名) > セキュリティ認証情報 > アクセスキー", en: "(account name) > Security credentials > Access keys" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html",
    },
  },
  needs: ["accountSummary"],
  run({ accountSummary }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: ROOT_CREDENTIALS_URL };
    if (!accountSummary.rootAccessKeysPresent) return [{ status: "pass", resource, evidence: { rootAccessKeysPresent: false } }];
    return [{
      status: "fail", resource, evidence: { rootAccessKeysPresent: true },
      message: { ja: "ルートユーザーにアクセスキーがあります。", en: "The root user has an access key." },
    }];
  },
});
