import type { AwsFacts, PublicDbSnapshot } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { eachRegionalResource, regionResource } from "./regional.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.rds.snapshot_public",
    provider: "aws",
    service: "rds",
    severity: "critical",
    ipaItems: [8],
    itemReasons: {
      8: {
        ja: "誰でも復元できるデータベースのスナップショットは、データベースの中身を社外の誰にでも渡す共有設定だからです。",
        en: "A database snapshot anyone may restore hands the database's contents to anyone outside the company: it is a sharing setting.",
      },
    },
    title: { ja: "RDS・Aurora のスナップショットが誰にでも公開されていない", en: "No RDS or Aurora snapshot is shared with everyone" },
    detail: {
      ja: "データベース（RDS・Aurora）の手動スナップショットを「パブリック」にすると、AWS を使う誰でもそれを自分のアカウントで復元し、顧客情報などデータベースの中身をすべて読めます。",
      en: "A manual snapshot of a database (RDS or Aurora) made public can be restored by anyone with an AWS account, who can then read everything in it, customer records included.",
    },
    remediation: {
      steps: {
        ja: "RDS コンソールでスナップショットを選び、「アクション」→「スナップショットを共有」で「DB スナップショットの可視性」を「プライベート」にして保存します。取引先と共有が必要なら、相手の AWS アカウント ID だけを指定します。",
        en: "In the RDS console select the snapshot, choose Actions → Share snapshot, set DB snapshot visibility to Private and save. To share with a partner, name only their AWS account id.",
      },
      consolePath: { ja: "RDS > スナップショット > 手動 > アクション > スナップショットを共有", en: "RDS > Snapshots > Manual > Actions > Share snapshot" },
      url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html",
    },
  },
  needs: ["publicDbSnapshots"],
  run({ publicDbSnapshots }, ctx) {
    return eachRegionalResource(
      publicDbSnapshots,
      (region) => regionResource(ctx, region, `https://console.aws.amazon.com/rds/home?region=${region}#snapshots-list:`),
      (s: PublicDbSnapshot) => ({
        uid: s.arn,
        name: s.id,
        type: s.kind === "cluster" ? "AWS::RDS::DBClusterSnapshot" : "AWS::RDS::DBSnapshot",
        region: s.region,
        consoleUrl: `https://console.aws.amazon.com/rds/home?region=${s.region}#${s.kind === "cluster" ? "db-cluster-snapshot" : "db-snapshot"}:id=${encodeURIComponent(s.id)}`,
      }),
      (s, region) => ({
        status: "fail",
        evidence: { restore: "all", kind: s.kind, source: s.source ?? null, encrypted: s.encrypted },
        message: {
          ja: `${s.kind === "cluster" ? "Aurora" : "RDS"} のスナップショット ${s.id}（${region}${s.source ? `、元: ${s.source}` : ""}）は誰でも復元できます。`,
          en: `${s.kind === "cluster" ? "Aurora" : "RDS"} snapshot ${s.id} (${region}${s.source ? `, of ${s.source}` : ""}) can be restored by anyone.`,
        },
      }),
    );
  },
});
