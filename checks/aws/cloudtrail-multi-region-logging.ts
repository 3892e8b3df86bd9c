import type { AwsFacts } from "../../providers/aws/facts.ts";
import type { Trail } from "../../providers/aws/security-facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck } from "../framework.ts";
import type { Text } from "../text.ts";

const CONSOLE = "https://console.aws.amazon.com/cloudtrail/home#/trails";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.cloudtrail.multi_region_logging",
    provider: "aws",
    service: "cloudtrail",
    severity: "high",
    ipaItems: [11],
    itemReasons: {
      11: {
        ja: "CloudTrail（操作の記録）は AWS に付いている安全機能です。全リージョンで記録していなければ、乗っ取りや誤操作の後で何が起きたか調べられません。",
        en: "CloudTrail (the record of every action) comes with AWS; unless it records every region, nobody can find out what happened after a takeover or a mistake.",
      },
    },
    title: { ja: "CloudTrail が全リージョンの操作を記録している", en: "CloudTrail records what is done in every region" },
    detail: {
      ja: "CloudTrail は「だれが・いつ・何をしたか」（管理イベント: 設定の変更やサインインなど）を記録する AWS の機能です。全リージョン（地域）を対象にした証跡（トレイル）が記録中でなければ、普段使わない地域で攻撃者が動いても気づけず、事故の後に原因も調べられません。",
      en: "CloudTrail records who did what and when (management events: configuration changes, sign-ins, and so on). Unless a trail covering every region is logging, an attacker working in a region you never use goes unnoticed, and after an incident there is nothing to investigate.",
    },
    remediation: {
      steps: {
        ja: "CloudTrail コンソールで「証跡の作成」を選び、保存先の S3 バケットを指定して作成します（新しい証跡は全リージョンが対象です）。「管理イベント」で「読み取り」と「書き込み」の両方を選びます。既にある証跡が止まっている場合は、その証跡を開いて「ログ記録を開始」を押します。",
        en: "In the CloudTrail console choose \"Create trail\", pick an S3 bucket for the logs and create it (new trails cover every region). Under Management events select both Read and Write. If a trail exists but is stopped, open it and choose \"Start logging\".",
      },
      consolePath: { ja: "CloudTrail > 証跡 > 証跡の作成", en: "CloudTrail > Trails > Create trail" },
      url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-a-trail-using-the-console-first-time.html",
    },
  },
  needs: ["trails"],
  run({ trails }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: CONSOLE };
    const multiRegion = trails.filter((t) => t.multiRegion);
    const good = multiRegion.find(recordsEverything);
    if (good) {
      return [{
        status: "pass", resource,
        evidence: { trail: good.name, homeRegion: good.homeRegion, organizationTrail: good.organization, excludedSources: excluded(good) },
        message: { ja: `証跡 ${good.name} が全リージョンを記録しています。`, en: `Trail ${good.name} records every region.` },
      }];
    }
    // "Nothing records" is only true if every multi-region trail could be read.
    const states = multiRegion.map((t) => ({ trail: t, logging: value(t.logging), events: value(t.managementEvents) }));
    return [{
      status: "fail", resource,
      evidence: {
        trails: trails.map((t) => t.name),
        multiRegionTrails: states.map((s) => ({ name: s.trail.name, logging: s.logging, readEvents: s.events.read, writeEvents: s.events.write })),
      },
      message: states.length === 0 ? noMultiRegionTrail(trails) : whyNot(states[0]!),
    }];
  },
});

function recordsEverything(t: Trail): boolean {
  return t.logging?.ok === true && t.logging.value && t.managementEvents?.ok === true && t.managementEvents.value.read && t.managementEvents.value.write;
}

function excluded(t: Trail): string[] {
  return t.managementEvents?.ok ? t.managementEvents.value.excludedSources : [];
}

function noMultiRegionTrail(trails: Trail[]): Text {
  if (trails.length === 0) return { ja: "証跡（トレイル）が一つもありません。", en: "There is no trail at all." };
  const names = trails.map((t) => t.name).join(", ");
  return {
    ja: `証跡 ${names} は一つのリージョンしか記録していません。全リージョンを対象にした証跡がありません。`,
    en: `Trail(s) ${names} record one region only; no trail covers every region.`,
  };
}

function whyNot({ trail, logging, events }: { trail: Trail; logging: boolean; events: { read: boolean; write: boolean } }): Text {
  if (!logging) return { ja: `全リージョンの証跡 ${trail.name} は記録が止まっています。`, en: `The all-region trail ${trail.name} has stopped logging.` };
  if (!events.read && !events.write) {
    return { ja: `証跡 ${trail.name} は管理イベント（設定の変更やサインイン）を記録していません。`, en: `Trail ${trail.name} records no management events (configuration changes, sign-ins).` };
  }
  const missing = events.write ? { ja: "読み取り", en: "read" } : { ja: "書き込み（変更）", en: "write (change)" };
  return {
    ja: `証跡 ${trail.name} は管理イベントのうち${missing.ja}の操作を記録していません。`,
    en: `Trail ${trail.name} does not record ${missing.en} management events.`,
  };
}
