import { backupCoverage, RECENT_RECOVERY_POINT_DAYS } from "../../providers/aws/backup-coverage.ts";
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
    itemReasons: {
      10: { ja: "データの保存場所（バケット）ごとに、バックアップか別の場所への複製があるかを見ます。", en: "Checks that each S3 bucket is backed up or copied elsewhere." },
    },
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
  run({ buckets, backup }, ctx) {
    return eachResource(buckets, bucketResource, (b) => {
      const regionBackup = backup[value(b.region)];
      // Backup first: a covered bucket needs nothing else, and its replication was not collected.
      if (regionBackup?.ok) {
        let coverage = backupCoverage(regionBackup.value, b.arn, undefined, ctx.now);
        if (!coverage.covered && coverage.needsTags && b.tags?.ok) coverage = backupCoverage(regionBackup.value, b.arn, b.tags.value, ctx.now);
        if (coverage.covered) return { status: "pass", evidence: { awsBackup: coverage.by } };
      }
      const replication = value(b.replication);
      if (replication) return { status: "pass", evidence: { awsBackup: false, replication } };
      // Neither seen: only a fail if AWS Backup (and the tags it selects by) were readable.
      let coverage = backupCoverage(value(regionBackup), b.arn, undefined, ctx.now);
      if (!coverage.covered && coverage.needsTags) coverage = backupCoverage(value(regionBackup), b.arn, value(b.tags), ctx.now);
      const stale = coverage.covered ? undefined : coverage.staleRecoveryPoint;
      return {
        status: "fail",
        evidence: { awsBackup: false, replication: null, lastRecoveryPoint: stale ?? null, recentDays: RECENT_RECOVERY_POINT_DAYS },
        message: stale !== undefined
          ? {
            ja: `どのバックアッププランの対象でもなく、最後の復旧ポイント（${stale ? stale.slice(0, 10) : "日時不明"}）は ${RECENT_RECOVERY_POINT_DAYS} 日より前のもので、更新されていません。レプリケーションもありません。`,
            en: `No backup plan selects it; its last recovery point (${stale ? stale.slice(0, 10) : "time unknown"}) is older than ${RECENT_RECOVERY_POINT_DAYS} days and not renewed. Not replicated either.`,
          }
          : { ja: "AWS Backup の対象でもなく、レプリケーションもありません。", en: "Neither covered by AWS Backup nor replicated." },
      };
    });
  },
});
