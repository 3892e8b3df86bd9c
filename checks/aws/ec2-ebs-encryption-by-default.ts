import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { eachRegion, regionResource } from "./regional.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.ec2.ebs_encryption_by_default",
    provider: "aws",
    service: "ec2",
    severity: "medium",
    ipaItems: [11],
    itemReasons: {
      11: {
        ja: "AWS が無料で用意している暗号化機能を、新しいディスクすべてに自動で使う設定だからです。",
        en: "It makes every new disk use the encryption AWS provides at no charge: a built-in security feature, switched on.",
      },
    },
    title: { ja: "EBS（サーバーのディスク）の既定の暗号化が有効", en: "EBS encryption by default is on" },
    detail: {
      ja: "有効にすると、そのリージョンで新しく作るディスク（EBS ボリューム）とスナップショットは必ず暗号化され、暗号化を忘れることがなくなります。追加料金はかからず、性能もほぼ変わりません。利用中のリージョンごとの設定です。",
      en: "With it on, every new disk (EBS volume) and snapshot in the region is encrypted, so nobody can forget to. It costs nothing extra and barely affects performance. It is set per region, in each region you use.",
    },
    remediation: {
      steps: {
        ja: "EC2 コンソールで対象のリージョンを選び、ダッシュボードの「データ保護とセキュリティ」→「EBS 暗号化」で「管理」を押し、「常に新しい EBS ボリュームを暗号化」を有効にして保存します。既存の暗号化されていないディスクは、スナップショットを暗号化してコピーし、そこから作り直します。",
        en: "In the EC2 console pick the region, open the dashboard's Data protection and security → EBS encryption, choose Manage, tick \"Always encrypt new EBS volumes\" and save. Existing unencrypted disks are re-created from an encrypted copy of their snapshot.",
      },
      consolePath: { ja: "EC2 > ダッシュボード > データ保護とセキュリティ > EBS 暗号化", en: "EC2 > Dashboard > Data protection and security > EBS encryption" },
      url: "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
    },
  },
  needs: ["ebsEncryptionByDefault"],
  run({ ebsEncryptionByDefault }, ctx) {
    return eachRegion(
      ebsEncryptionByDefault,
      (region) => regionResource(ctx, region, `https://console.aws.amazon.com/ec2/home?region=${region}#Settings:tab=ebsEncryption`),
      (on, region) => (on
        ? { status: "pass", evidence: { ebsEncryptionByDefault: true } }
        : {
          status: "fail", evidence: { ebsEncryptionByDefault: false },
          message: { ja: `${region} では、新しいディスクが暗号化されないことがあります。`, en: `In ${region} new disks may be created unencrypted.` },
        }),
    );
  },
});
