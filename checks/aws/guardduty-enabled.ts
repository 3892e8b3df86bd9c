import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";
import { eachRegion, regionResource } from "./regional.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.guardduty.enabled",
    provider: "aws",
    service: "guardduty",
    severity: "high",
    ipaItems: [11],
    itemReasons: {
      11: {
        ja: "GuardDuty は AWS が用意している脅威検知の機能で、使っているリージョンで有効かどうかをそのまま確かめられるからです。",
        en: "GuardDuty is AWS's own threat detection; whether it is on in each region you use can be read directly.",
      },
    },
    title: { ja: "利用中のリージョンで GuardDuty（脅威検知）が有効", en: "GuardDuty (threat detection) is on in each region in use" },
    detail: {
      ja: "GuardDuty は、乗っ取られた認証情報の利用、不審な通信、暗号資産の採掘などを自動で見つけて知らせる AWS の機能です。リージョンごとに有効にする必要があり、無効のリージョンで起きたことには気づけません。料金は使用量に応じ、最初の 30 日は無料です。",
      en: "GuardDuty is AWS's service that spots stolen credentials in use, suspicious traffic, crypto-mining and the like, and alerts you. It is turned on per region: what happens in a region without it goes unnoticed. It is priced by usage, with a 30-day free trial.",
    },
    remediation: {
      steps: {
        ja: "GuardDuty コンソールで対象のリージョンを選び、「今すぐ始める」→「GuardDuty を有効にする」を押します（停止中なら「設定」で「GuardDuty を再開」）。検知結果がメールで届くよう、EventBridge と SNS で通知を設定します。",
        en: "In the GuardDuty console pick the region and choose Get started → Enable GuardDuty (if suspended: Settings → Resume GuardDuty). Send its findings to your e-mail through EventBridge and SNS.",
      },
      consolePath: { ja: "GuardDuty > 今すぐ始める（リージョンごと）", en: "GuardDuty > Get started (per region)" },
      url: "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html",
    },
  },
  needs: ["guardDuty"],
  run({ guardDuty }, ctx) {
    return eachRegion(
      guardDuty,
      (region) => regionResource(ctx, region, `https://console.aws.amazon.com/guardduty/home?region=${region}`),
      (detectors, region) => {
        const evidence = { detectors: detectors.map((d) => ({ id: d.id, status: d.status })) };
        if (detectors.some((d) => d.status === "ENABLED")) return { status: "pass", evidence };
        return {
          status: "fail", evidence,
          message: detectors.length === 0
            ? { ja: `${region} では GuardDuty が一度も有効にされていません。`, en: `GuardDuty has never been turned on in ${region}.` }
            : { ja: `${region} の GuardDuty は停止しています。`, en: `GuardDuty is suspended in ${region}.` },
        };
      },
    );
  },
});
