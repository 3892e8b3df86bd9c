import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { eachRegion, regionResource } from "./regional.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.ec2.snapshot_block_public_access",
    provider: "aws",
    service: "ec2",
    severity: "medium",
    ipaItems: [8],
    itemReasons: {
      8: {
        ja: "リージョン単位で EBS スナップショットの公開共有そのものを禁止する設定で、誤った公開を未然に防ぐからです。",
        en: "It forbids public sharing of EBS snapshots for the whole region, so a snapshot cannot be made public by mistake.",
      },
    },
    title: { ja: "EBS スナップショットのパブリックアクセスがブロックされている", en: "Block public access for EBS snapshots is on" },
    detail: {
      ja: "この設定を「すべての公開共有をブロック」にすると、そのリージョンのスナップショットは誰かが誤って公開しても外部から使えません。利用中のリージョンごとの設定です。",
      en: "Set to \"Block all public sharing\", no snapshot in the region can be used from outside even if someone makes it public by mistake. It is set per region, in each region you use.",
    },
    remediation: {
      steps: {
        ja: "EC2 コンソールで対象のリージョンを選び、ダッシュボードの「データ保護とセキュリティ」→「EBS スナップショットのパブリックアクセスをブロック」で「管理」を押し、「すべての公開共有をブロック」を選んで保存します。",
        en: "In the EC2 console pick the region, open the dashboard's Data protection and security → Block public access for EBS snapshots, choose Manage, select \"Block all public sharing\" and save.",
      },
      consolePath: { ja: "EC2 > ダッシュボード > データ保護とセキュリティ > EBS スナップショットのパブリックアクセスをブロック", en: "EC2 > Dashboard > Data protection and security > Block public access for EBS snapshots" },
      url: "https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html",
    },
  },
  needs: ["snapshotBlockPublicAccess"],
  run({ snapshotBlockPublicAccess }, ctx) {
    return eachRegion(
      snapshotBlockPublicAccess,
      (region) => regionResource(ctx, region, `https://console.aws.amazon.com/ec2/home?region=${region}#Settings:tab=dataProtectionAndSecurity`),
      (state, region) => {
        const evidence = { state };
        if (state === "block-all-sharing") return { status: "pass", evidence };
        if (state === "block-new-sharing") {
          // New public sharing is blocked; snapshots already public stay so, and aws.ec2.snapshot_public lists them.
          return {
            status: "pass", evidence,
            message: {
              ja: "新しい公開は禁止されています。すでに公開済みのものは公開のままです（別の項目で確認しています）。",
              en: "New public sharing is blocked; snapshots already public stay public (checked separately).",
            },
          };
        }
        return {
          status: "fail", evidence,
          message: { ja: `${region} ではスナップショットを誰にでも公開できる状態です。`, en: `In ${region} snapshots can be shared publicly.` },
        };
      },
    );
  },
});
