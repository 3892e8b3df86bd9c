import type { AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { bucketResource } from "./resources.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.s3.bucket_region",
    provider: "aws",
    service: "s3",
    severity: "medium",
    ipaItems: [15, 4],
    itemReasons: {
      15: { ja: "データの保存場所（バケット）ごとに、どの国・地域に置かれているかを見ます。", en: "Shows in which country or region each S3 bucket is kept." },
      4: { ja: "会社が決めた「データを置いてよい地域」の外にバケットがないかを見ます。", en: "Holds S3 buckets to the regions the company allowed." },
    },
    ownerRule: "allowedRegions",
    title: { ja: "S3 バケットが許可した地域にある", en: "S3 bucket is in an allowed region" },
    detail: {
      ja: "国外のリージョンに個人データを保存すると、個人情報保護法により、その国の制度を把握し、安全管理措置として公表する必要があります。その国の法律がデータに及ぶこともあります。東京・大阪リージョンならこの負担はありません。",
      en: "Keeping personal data in a region abroad obliges a Japanese company, under the Act on the Protection of Personal Information, to understand that country's legal system and disclose it; that country's laws may also reach the data. The Tokyo and Osaka regions avoid this.",
    },
    remediation: {
      steps: {
        ja: "許可した地域（既定は東京 ap-northeast-1・大阪 ap-northeast-3）に新しいバケットを作り、データを複製（S3 Batch Operations やレプリケーション）してから元のバケットを削除します。国外保存が必要な場合は、設定の policy.allowedRegions にその地域を加え、理由を記録します。",
        en: "Create a bucket in an allowed region (by default Tokyo ap-northeast-1 or Osaka ap-northeast-3), copy the data (S3 Batch Operations or replication), then delete the old bucket. If storing abroad is intended, add the region to policy.allowedRegions in the config and record why.",
      },
      consolePath: { ja: "S3 > バケット > (バケット名) > プロパティ > AWS リージョン", en: "S3 > Buckets > (bucket) > Properties > AWS Region" },
      url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html",
    },
  },
  needs: ["buckets"],
  run({ buckets }, ctx) {
    const allowed = ctx.policy.allowedRegions;
    return eachResource(buckets, bucketResource, (b) => {
      const region = value(b.region);
      const evidence = { region, allowedRegions: allowed };
      if (allowed.includes(region)) return { status: "pass", evidence };
      return {
        status: "fail",
        evidence,
        message: {
          ja: `リージョン ${region} に保存されています（許可: ${allowed.join(", ")}）。`,
          en: `Stored in ${region} (allowed: ${allowed.join(", ")}).`,
        },
      };
    });
  },
});
