import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.account.security_contact",
    provider: "aws",
    service: "account",
    severity: "medium",
    ipaItems: [7],
    itemReasons: {
      7: {
        ja: "セキュリティの連絡先は、AWS が乗っ取りの疑いなどを知らせる相手です。管理担当者が決まっていて連絡が届くことの確認になります。",
        en: "The security contact is whom AWS tells about a suspected compromise: it shows an administrator is named and can be reached.",
      },
    },
    title: { ja: "AWS からのセキュリティの連絡先が登録されている", en: "A security contact is registered with AWS" },
    detail: {
      ja: "AWS は、アカウントの乗っ取りの疑いや、公開されてしまった鍵を見つけたときに「セキュリティの連絡先」（代替連絡先）に知らせます。未登録だと、知らせは登録時のメールアドレス（退職者や使われていない宛先のことがあります）にしか届かず、対応が遅れます。",
      en: "When AWS suspects the account is compromised or finds a leaked key, it writes to the security contact (an alternate contact). Without one, the notice goes only to the sign-up address, often a leaver's or an unread mailbox, and the response comes late.",
    },
    remediation: {
      steps: {
        ja: "ルートユーザーまたは権限のある管理者でサインインし、右上のアカウント名 >「アカウント」>「代替連絡先」>「編集」で「セキュリティの連絡先」に担当者の名前・役職・共有のメールアドレス（例: security@…）・電話番号を登録します。",
        en: "Signed in as the root user or an administrator allowed to, open the account menu > Account > Alternate contacts > Edit, and fill in the Security contact: name, title, a shared e-mail address (e.g. security@…) and phone number.",
      },
      consolePath: { ja: "(アカウント名) > アカウント > 代替連絡先", en: "(account name) > Account > Alternate contacts" },
      url: "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html",
    },
  },
  needs: ["securityContact"],
  run({ securityContact }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://console.aws.amazon.com/billing/home#/account" };
    if (securityContact) {
      return [{
        status: "pass", resource,
        evidence: { name: securityContact.name, title: securityContact.title, email: securityContact.email },
        message: { ja: `セキュリティの連絡先: ${securityContact.name}（${securityContact.email}）`, en: `Security contact: ${securityContact.name} (${securityContact.email})` },
      }];
    }
    return [{
      status: "fail", resource, evidence: { securityContact: null },
      message: { ja: "セキュリティの連絡先が登録されていません。", en: "No security contact is registered." },
    }];
  },
});
