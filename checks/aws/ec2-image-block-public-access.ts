import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { eachRegion, regionResource } from "./regional.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.ec2.image_block_public_access",
    provider: "aws",
    service: "ec2",
    severity: "medium",
    ipaItems: [8],
    itemReasons: {
      8: {
        ja: "リージョン単位で AMI の公開そのものを禁止する設定で、誤った公開を未然に防ぐからです。",
        en: "It forbids making AMIs public for the whole region, so an AMI cannot be made public by mistake.",
      },
    },
    title: { ja: "AMI のパブリックアクセスがブロックされている", en: "Block public access for AMIs is on" },
    detail: {
      ja: "この設定を有効にすると、そのリージョンでは AMI（サーバーのひな形）を誰にでも公開する操作ができなくなります。利用中のリージョンごとの設定です。",
      en: "With it on, nobody can make an AMI (server template) public in the region. It is set per region, in each region you use.",
    },
    remediation: {
      steps: {
        ja: "EC2 コンソールで対象のリージョンを選び、ダッシュボードの「データ保護とセキュリティ」→「AMI のパブリックアクセスをブロック」で「管理」を押し、「新しい公開共有をブロック」を有効にして保存します。すでに公開中の AMI は個別に非公開にします。",
        en: "In the EC2 console pick the region, open the dashboard's Data protection and security → Block public access for AMIs, choose Manage, turn on \"Block new public sharing\" and save. Make any AMI that is already public private one by one.",
      },
      consolePath: { ja: "EC2 > ダッシュボード > データ保護とセキュリティ > AMI のパブリックアクセスをブロック", en: "EC2 > Dashboard > Data protection and security > Block public access for AMIs" },
      url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html",
    },
  },
  needs: ["imageBlockPublicAccess"],
  run({ imageBlockPublicAccess }, ctx) {
    return eachRegion(
      imageBlockPublicAccess,
      (region) => regionResource(ctx, region, `https://console.aws.amazon.com/ec2/home?region=${region}#Settings:tab=dataProtectionAndSecurity`),
      (state, region) => (state === "block-new-sharing"
        ? { status: "pass", evidence: { state } }
        : {
          status: "fail", evidence: { state },
          message: { ja: `${region} では AMI を誰にでも公開できる状態です。`, en: `In ${region} AMIs can be made public.` },
        }),
    );
  },
});
