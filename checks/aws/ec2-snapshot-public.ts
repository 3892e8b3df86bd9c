import type { AwsFacts, PublicSnapshot, SnapshotBlockPublicAccess } from "../../providers/aws/facts.ts";
import type { Fact } from "../../providers/fact.ts";
import { defineCheck } from "../framework.ts";
import { eachRegionalResource, regionResource } from "./regional.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.ec2.snapshot_public",
    provider: "aws",
    service: "ec2",
    severity: "critical",
    ipaItems: [8],
    itemReasons: {
      8: {
        ja: "誰でも復元できるディスクのスナップショットは、ディスクの中身をそのまま社外の誰にでも渡す共有設定だからです。",
        en: "A disk snapshot anyone may restore hands the whole disk's contents to anyone outside the company: it is a sharing setting.",
      },
    },
    title: { ja: "EBS スナップショットが誰にでも公開されていない", en: "No EBS snapshot can be restored by anyone" },
    detail: {
      ja: "EBS スナップショットは、サーバーのディスク（EBS ボリューム）を丸ごと写したものです。「公開」にすると、AWS を使う誰でもそれを自分のアカウントでディスクとして復元し、中のファイル・データベース・パスワードを読めます。",
      en: "An EBS snapshot is a full copy of a server's disk (EBS volume). Once public, anyone with an AWS account can restore it as a disk in their own account and read the files, databases and passwords on it.",
    },
    remediation: {
      steps: {
        ja: "EC2 コンソールでスナップショットを選び、「アクション」→「スナップショットの許可を変更」で「プライベート」にして保存します。不要なスナップショットは削除します。今後の公開を防ぐには、同じ画面のリージョンで「EBS スナップショットのパブリックアクセスをブロック」を「すべての公開共有をブロック」にします。",
        en: "In the EC2 console select the snapshot, choose Actions → Modify permissions, set it to Private and save. Delete snapshots you no longer need. To prevent it from happening again, set Block public access for EBS snapshots to \"Block all public sharing\" in that region.",
      },
      consolePath: { ja: "EC2 > Elastic Block Store > スナップショット > アクション > スナップショットの許可を変更", en: "EC2 > Elastic Block Store > Snapshots > Actions > Modify permissions" },
      url: "https://docs.aws.amazon.com/ebs/latest/userguide/modify-snapshot-permissions.html",
    },
  },
  needs: ["publicSnapshots", "account"],
  uses: ["snapshotBlockPublicAccess"],
  run({ publicSnapshots, account, snapshotBlockPublicAccess }, ctx) {
    const blockedEverywhere = (region: string) => blockState(snapshotBlockPublicAccess, region) === "block-all-sharing";
    return eachRegionalResource(
      publicSnapshots,
      (region) => regionResource(ctx, region, `https://console.aws.amazon.com/ec2/home?region=${region}#Snapshots:`),
      (s: PublicSnapshot) => ({
        uid: `arn:${account.partition}:ec2:${s.region}:${account.accountId}:snapshot/${s.id}`,
        name: s.description ? `${s.id} (${s.description})` : s.id,
        type: "AWS::EC2::Snapshot",
        region: s.region,
        consoleUrl: `https://console.aws.amazon.com/ec2/home?region=${s.region}#SnapshotDetails:snapshotId=${s.id}`,
      }),
      (s, region) => {
        const evidence = { createVolumePermission: "all", volumeId: s.volumeId ?? null, encrypted: s.encrypted };
        if (blockedEverywhere(region)) {
          // Documented: with block-all-sharing, snapshots already shared publicly are treated as private.
          return {
            status: "pass", evidence: { ...evidence, snapshotBlockPublicAccess: "block-all-sharing" },
            message: {
              ja: "公開の設定が残っていますが、このリージョンの「すべての公開共有をブロック」により非公開として扱われています。設定も「プライベート」に戻しておくと確実です。",
              en: "It is still marked public, but this region's \"Block all public sharing\" treats it as private. Setting it back to private as well makes that hold should the block be lifted.",
            },
          };
        }
        return {
          status: "fail", evidence,
          message: {
            ja: `スナップショット ${s.id}（${region}）は、AWS を使う誰でも復元できます。`,
            en: `Snapshot ${s.id} (${region}) can be restored by anyone with an AWS account.`,
          },
        };
      },
    );
  },
});

function blockState(fact: Fact<Record<string, Fact<SnapshotBlockPublicAccess>>>, region: string): SnapshotBlockPublicAccess | undefined {
  const state = fact.ok ? fact.value[region] : undefined;
  return state?.ok ? state.value : undefined;
}
