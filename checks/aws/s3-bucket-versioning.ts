import type { AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { bucketResource } from "./resources.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.s3.bucket_versioning",
    provider: "aws",
    service: "s3",
    severity: "medium",
    ipaItems: [10],
    itemReasons: {
      10: { ja: "上書きや削除の前の版を残す設定（バージョニング）が有効かを見ます。", en: "Checks that S3 keeps earlier versions of changed or deleted files (versioning)." },
    },
    title: { ja: "S3 バケットのバージョニングが有効", en: "S3 bucket versioning is on" },
    detail: {
      ja: "バージョニングが有効なら、誤って上書き・削除したファイルやランサムウェアに暗号化されたファイルを、以前の版から取り戻せます。",
      en: "With versioning on, a file overwritten or deleted by mistake, or encrypted by ransomware, can be restored from an earlier version.",
    },
    remediation: {
      steps: {
        ja: "バケットの「プロパティ」タブの「バケットのバージョニング」で「編集」を押し、「有効にする」を選んで保存します。古い版の保存費用はライフサイクルルールで期限を付けて抑えます。",
        en: "On the bucket's Properties tab, under Bucket Versioning choose Edit, select Enable and save. Keep the cost of old versions down with a lifecycle rule that expires them.",
      },
      consolePath: { ja: "S3 > バケット > (バケット名) > プロパティ > バケットのバージョニング", en: "S3 > Buckets > (bucket) > Properties > Bucket Versioning" },
      url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html",
    },
  },
  needs: ["buckets"],
  run({ buckets }) {
    return eachResource(buckets, bucketResource, (b) => {
      const state = value(b.versioning);
      if (state === "Enabled") return { status: "pass", evidence: { versioning: state } };
      return {
        status: "fail",
        evidence: { versioning: state },
        message: state === "Suspended"
          ? { ja: "バージョニングが一時停止されています。", en: "Versioning is suspended." }
          : { ja: "バージョニングが一度も有効にされていません。", en: "Versioning has never been turned on." },
      };
    });
  },
});
