import type { AwsFacts, PublicAccessBlock } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";

const FLAGS: (keyof PublicAccessBlock)[] = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"];

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.s3.account_public_access_block",
    provider: "aws",
    service: "s3",
    severity: "high",
    ipaItems: [8],
    itemReasons: {
      8: { ja: "AWS アカウント全体で、データの一般公開を止める設定が入っているかを見ます。", en: "Checks that the whole AWS account blocks making data public." },
    },
    title: {
      ja: "アカウント全体で S3 のパブリックアクセスがブロックされている",
      en: "S3 Block Public Access is on for the whole account",
    },
    detail: {
      ja: "アカウント単位のブロックが 4 項目とも有効なら、うっかりバケットを公開しても外部からは読めません。中小企業で最も多い情報漏えいの入口をまとめて塞ぐ設定です。",
      en: "With all four account-level settings on, a bucket made public by mistake still cannot be read from the internet. It closes the most common leak in small companies in one place.",
    },
    remediation: {
      steps: {
        ja: "S3 コンソールの「このアカウントのブロックパブリックアクセス設定」で「編集」を押し、「パブリックアクセスをすべてブロック」にチェックして保存します。意図して公開しているサイトは CloudFront 経由に移してから有効にします。",
        en: "In the S3 console open \"Block Public Access settings for this account\", choose Edit, tick \"Block all public access\" and save. Move any site you publish on purpose behind CloudFront first.",
      },
      consolePath: {
        ja: "S3 > このアカウントのブロックパブリックアクセス設定",
        en: "S3 > Block Public Access settings for this account",
      },
      url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html",
    },
  },
  needs: ["accountPublicAccessBlock"],
  run({ accountPublicAccessBlock: pab }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://s3.console.aws.amazon.com/s3/settings" };
    if (pab === null) {
      return [{
        status: "fail", resource,
        message: { ja: "アカウント単位のブロックパブリックアクセスが設定されていません。", en: "Account-level Block Public Access is not configured." },
        evidence: { configured: false },
      }];
    }
    const off = FLAGS.filter((f) => !pab[f]);
    if (off.length === 0) return [{ status: "pass", resource, evidence: { ...pab } }];
    return [{
      status: "fail", resource,
      message: { ja: `無効な項目: ${off.join(", ")}`, en: `Turned off: ${off.join(", ")}` },
      evidence: { ...pab },
    }];
  },
});
