import type { AwsFacts, PublicImage } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { eachRegionalResource, regionResource } from "./regional.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.ec2.image_public",
    provider: "aws",
    service: "ec2",
    severity: "high",
    ipaItems: [8],
    itemReasons: {
      8: {
        ja: "公開した AMI（サーバーのひな形）は、中のソフトや設定ファイルを社外の誰にでも渡す共有設定だからです。",
        en: "A public AMI (server template) hands the software and settings files inside it to anyone outside the company: it is a sharing setting.",
      },
    },
    title: { ja: "自社の AMI（サーバーのひな形）が公開されていない", en: "None of the account's AMIs is public" },
    detail: {
      ja: "AMI は、サーバーを起動するためのひな形で、ディスクの中身を含みます。公開すると、AWS を使う誰でもそこからサーバーを起動し、中に残ったパスワード・鍵・データを読めます。",
      en: "An AMI is the template a server starts from, disk contents included. Once public, anyone with an AWS account can start a server from it and read any passwords, keys or data left inside.",
    },
    remediation: {
      steps: {
        ja: "EC2 コンソールで AMI を選び、「アクション」→「AMI の許可を編集」で「プライベート」にして保存します。今後の公開を防ぐには、EC2 ダッシュボードの「データ保護とセキュリティ」で「AMI のパブリックアクセスをブロック」を有効にします。",
        en: "In the EC2 console select the AMI, choose Actions → Edit AMI permissions, set it to Private and save. To prevent it from happening again, turn on Block public access for AMIs under Data protection and security in the EC2 dashboard's settings.",
      },
      consolePath: { ja: "EC2 > イメージ > AMI > アクション > AMI の許可を編集", en: "EC2 > Images > AMIs > Actions > Edit AMI permissions" },
      url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html",
    },
  },
  needs: ["publicImages", "account"],
  run({ publicImages, account }, ctx) {
    return eachRegionalResource(
      publicImages,
      (region) => regionResource(ctx, region, `https://console.aws.amazon.com/ec2/home?region=${region}#Images:`),
      (i: PublicImage) => ({
        uid: `arn:${account.partition}:ec2:${i.region}::image/${i.id}`,
        name: i.name ? `${i.name} (${i.id})` : i.id,
        type: "AWS::EC2::Image",
        region: i.region,
        consoleUrl: `https://console.aws.amazon.com/ec2/home?region=${i.region}#ImageDetails:imageId=${i.id}`,
      }),
      (i, region) => ({
        status: "fail",
        evidence: { public: true },
        message: {
          ja: `AMI ${i.name ?? i.id}（${region}）は誰でも使えます。`,
          en: `AMI ${i.name ?? i.id} (${region}) can be used by anyone.`,
        },
      }),
    );
  },
});
