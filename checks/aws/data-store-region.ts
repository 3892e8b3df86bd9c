import type { AwsFacts, DataStore, DataStoreKind } from "../../providers/aws/facts.ts";
import { defineCheck, errorResult, type CheckResult } from "../framework.ts";
import type { Text } from "../text.ts";
import { regionResource } from "./regional.ts";

/** Buckets are judged one by one by aws.s3.bucket_region; this check covers the other stores. */
const KIND: Record<Exclude<DataStoreKind, "s3-bucket">, Text> = {
  "ebs-volume": { ja: "EBS ボリューム（サーバーのディスク）", en: "EBS volume (server disk)" },
  "rds-instance": { ja: "RDS データベース", en: "RDS database" },
  "rds-cluster": { ja: "Aurora データベース", en: "Aurora database" },
  "dynamodb-table": { ja: "DynamoDB テーブル", en: "DynamoDB table" },
  "efs-file-system": { ja: "EFS ファイルシステム", en: "EFS file system" },
};

const isStoreOfThisCheck = (s: DataStore): s is DataStore & { kind: keyof typeof KIND } => s.kind !== "s3-bucket";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.data.store_region",
    provider: "aws",
    service: "regions",
    severity: "medium",
    ipaItems: [15, 4],
    ownerRule: "allowedRegions",
    itemReasons: {
      15: {
        ja: "ディスク・データベース・ファイルの保存先リージョンは、データが置かれている国そのものだからです。",
        en: "The region of a disk, database or file store is the country the data is kept in.",
      },
      4: {
        ja: "データを置いてよい地域として設定に書いた自社のルール（policy.allowedRegions）が守られているかを確かめるからです。",
        en: "It checks the company's own rule, written in the config as the regions data may be kept in (policy.allowedRegions).",
      },
    },
    title: { ja: "ディスク・データベースが許可した地域にある", en: "Disks and databases are in allowed regions" },
    detail: {
      ja: "S3 以外にも、サーバーのディスク（EBS）、データベース（RDS・Aurora・DynamoDB）、共有ファイル（EFS）にデータは置かれます。国外のリージョンに個人データを保存すると、個人情報保護法により、その国の制度を把握し、安全管理措置として公表する必要があります。",
      en: "Besides S3, data sits on server disks (EBS), in databases (RDS, Aurora, DynamoDB) and shared files (EFS). Keeping personal data in a region abroad obliges a Japanese company, under the Act on the Protection of Personal Information, to understand that country's legal system and disclose it.",
    },
    remediation: {
      steps: {
        ja: "許可した地域（既定は東京 ap-northeast-1・大阪 ap-northeast-3）にデータを移します。ディスクはスナップショットをコピー、データベースはスナップショットのコピーかレプリカで移し、元を削除します。使っていないものはそのまま削除します。国外保存が必要な場合は、設定の policy.allowedRegions にその地域を加え、理由を記録します。",
        en: "Move the data to an allowed region (by default Tokyo ap-northeast-1 or Osaka ap-northeast-3): copy a disk's snapshot, move a database by copying its snapshot or through a replica, then delete the original. Delete what is no longer used. If storing abroad is intended, add the region to policy.allowedRegions in the config and record why.",
      },
      consolePath: { ja: "EC2 / RDS / DynamoDB / EFS（画面右上でリージョンを切り替え）", en: "EC2 / RDS / DynamoDB / EFS (switch the region at the top right)" },
      url: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html",
    },
  },
  needs: ["regionsInUse"],
  run({ regionsInUse }, ctx) {
    const allowed = ctx.policy.allowedRegions;
    const results: CheckResult[] = [];
    for (const region of Object.keys(regionsInUse.regions).sort()) {
      const fact = regionsInUse.regions[region]!;
      const resource = regionResource(ctx, region, `https://console.aws.amazon.com/ec2/home?region=${region}#Home:`);
      const isAllowed = allowed.includes(region);
      if (!fact.ok) {
        // Where stores may be does not matter in an allowed region; elsewhere not knowing is an error.
        if (!isAllowed) results.push(errorResult(resource, fact.error));
        continue;
      }
      const stores = fact.value.stores.filter(isStoreOfThisCheck);
      const evidence = { region, allowedRegions: allowed, stores: stores.map((s) => `${s.kind}:${s.id}`), more: fact.value.more };
      if (isAllowed) {
        if (stores.length > 0) results.push({ status: "pass", resource, evidence });
        continue;
      }
      if (stores.length > 0) {
        const list = (lang: keyof Text) => stores.map((s) => `${KIND[s.kind][lang]} ${s.id}`).join(", ");
        const more = fact.value.more ? { ja: " ほか", en: " and more" } : { ja: "", en: "" };
        results.push({
          status: "fail", resource, evidence,
          message: {
            ja: `許可していないリージョン ${region} にデータがあります: ${list("ja")}${more.ja}（許可: ${allowed.join(", ")}）。`,
            en: `Data is kept in ${region}, which is not allowed: ${list("en")}${more.en} (allowed: ${allowed.join(", ")}).`,
          },
        });
      } else if (fact.value.incomplete) {
        results.push(errorResult(resource, fact.value.incomplete));
      }
    }
    return results;
  },
});
