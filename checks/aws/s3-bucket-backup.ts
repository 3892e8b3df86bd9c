import { backupCovers } from "../../providers/aws/backup-coverage.ts";
import type { AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { bucketResource } from "./resources.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.s3.bucket_backup",
    provider: "aws",
    service: "s3",
    severity: "high",
    ipaItems: [10],
    title: { ja: "S3 バケットにバックアップがある", en: "S3 bucket is backed up" },
    detail: {
      ja: "AWS Backup の対象か、別のバケットへのレプリケーションがあれば、誤削除・障害・改ざんのときにデータを取り戻せます。バージョニングだけでは、バケットごと消えたときやアカウントを乗っ取られたときに守れません。",
      en: "A bucket covered by AWS Backup, or replicated to another bucket, can be recovered after deletion, an outage or tampering. Versioning alone does not help when the bucket itself is deleted or the account is taken over.",
    },
    remediation: {
      steps: {
        ja: "AWS Backup でバックアッププランを作り、「リソースを割り当てる」でこのバケット（ARN 指定またはタグ指定）を対象に加えます。S3 のバックアップにはバージョニングの有効化が必要です。別の方法として、別リージョン・別アカウントのバケットへのレプリケーションも使えます。",
        en: "In AWS Backup create a backup plan and, under \"Assign resources\", add this bucket by ARN or by tag (S3 backups need versioning on). Replication to a bucket in another region or account is an alternative.",
      },
      consolePath: { ja: "AWS Backup > バックアッププラン > (プラン名) > リソースを割り当てる", en: "AWS Backup > Backup plans > (plan) > Assign resources" },
      url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/s3-backups.html",
    },
  },
  needs: ["buckets", "backup"],
  run({ buckets, backup }) {
    return eachResource(buckets, bucketResource, (b) => {
      const regionBackup = backup[value(b.region)];
      // Backup first: a covered bucket needs nothing else, and its replication was not collected.
      if (regionBackup?.ok) {
        let coverage = backupCovers(regionBackup.value, b.arn, undefined);
        if (coverage === "needs-tags" && b.tags?.ok) coverage = backupCovers(regionBackup.value, b.arn, b.tags.value);
        if (coverage === "covered") return { status: "pass", evidence: { awsBackup: true } };
      }
      const replication = value(b.replication);
      if (replication) return { status: "pass", evidence: { awsBackup: false, replication } };
      // Neither seen: only a fail if AWS Backup (and the tags it selects by) were readable.
      if (regionBackup === undefined) throw new Error(`no AWS Backup facts for region ${value(b.region)}`);
      const coverage = backupCovers(value(regionBackup), b.arn, undefined);
      if (coverage === "needs-tags") value(b.tags);
      return {
        status: "fail",
        evidence: { awsBackup: false, replication: null },
        message: { ja: "AWS Backup の対象でもなく、レプリケーションもありません。", en: "Neither covered by AWS Backup nor replicated." },
      };
    });
  },
});
