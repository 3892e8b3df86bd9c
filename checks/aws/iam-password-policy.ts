import type { AwsFacts, PasswordPolicy } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";

/** Length is what resists guessing; IPA and NISC advise 10 or more characters mixing kinds. */
const MIN_LENGTH = 12;
const MIN_LENGTH_WITH_MIX = 10;

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.iam.password_policy",
    provider: "aws",
    service: "iam",
    severity: "medium",
    ipaItems: [9],
    itemReasons: {
      9: { ja: "パスワードの長さなど、AWS のパスワードの決まりが十分に厳しいかを見ます。", en: "Checks that AWS's password rules (length, kinds of characters) are strict enough." },
    },
    title: { ja: "IAM のパスワードポリシーが十分に強い", en: "The IAM password policy is strong enough" },
    detail: {
      ja: "パスワードポリシーがないか弱いと、短く推測しやすいパスワードが使えてしまいます。",
      en: "Without a policy, or with a weak one, users can choose short passwords that are easy to guess.",
    },
    remediation: {
      steps: {
        ja: `IAM >「アカウント設定」>「パスワードポリシー」で「編集」を押し、最小 ${MIN_LENGTH} 文字（または ${MIN_LENGTH_WITH_MIX} 文字以上で英大文字・小文字・数字・記号のうち 3 種類以上）に設定します。`,
        en: `In IAM > Account settings > Password policy choose Edit and require at least ${MIN_LENGTH} characters (or ${MIN_LENGTH_WITH_MIX} with three of upper case, lower case, digits and symbols).`,
      },
      consolePath: { ja: "IAM > アカウント設定 > パスワードポリシー", en: "IAM > Account settings > Password policy" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
    },
  },
  needs: ["passwordPolicy"],
  run({ passwordPolicy }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://console.aws.amazon.com/iam/home#/account_settings" };
    if (passwordPolicy === null) {
      return [{
        status: "fail", resource, evidence: { passwordPolicy: null },
        message: { ja: "パスワードポリシーが設定されていません。", en: "No password policy is set." },
      }];
    }
    if (isStrong(passwordPolicy)) return [{ status: "pass", resource, evidence: { ...passwordPolicy } }];
    return [{
      status: "fail", resource, evidence: { ...passwordPolicy },
      message: {
        ja: `最小文字数が ${passwordPolicy.minimumLength} 文字です。`,
        en: `Minimum length is ${passwordPolicy.minimumLength} characters.`,
      },
    }];
  },
});

function isStrong(p: PasswordPolicy): boolean {
  const kinds = [p.requireSymbols, p.requireNumbers, p.requireUppercase, p.requireLowercase].filter(Boolean).length;
  return p.minimumLength >= MIN_LENGTH || (p.minimumLength >= MIN_LENGTH_WITH_MIX && kinds >= 3);
}
