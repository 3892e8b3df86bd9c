import { isUnlicensed, value } from "../../providers/fact.ts";
import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { daysBetween, userResource, who } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.inactive_users",
    provider: "microsoft",
    service: "entra",
    severity: "medium",
    ipaItems: [8, 4],
    itemReasons: {
      8: { ja: "長く使われていない、もう要らないかもしれないアカウントを探します。", en: "Looks for accounts unused for long, which may no longer be needed." },
      4: { ja: "会社が決めた「使われていないとみなす日数」で判断します。", en: "Judges by the number of days the company set for an account to count as unused." },
    },
    ownerRule: "inactiveDays",
    title: { ja: "長く使われていないアカウントが残っていない", en: "No account is left unused for long" },
    detail: {
      ja: "誰も使っていないアカウントは、乗っ取られても気づかれません。退職者・休職者・取引の終わったゲストのアカウントは、使わなくなったら無効にするか削除します。サインインの記録を読むには Entra ID P1 が必要です。",
      en: "Nobody notices when an unused account is taken over. Disable or delete the accounts of leavers, people on long leave and guests whose work is done. Reading sign-in activity needs Entra ID P1.",
    },
    remediation: {
      steps: {
        ja: "対象のアカウントが今も必要か、本人か上長に確認します。不要なら Microsoft 365 管理センターの「アクティブなユーザー」で「サインインのブロック」をするか削除し、ゲストは「ゲスト ユーザー」から削除します。",
        en: "Check with the person or their manager whether the account is still needed. If not, block sign-in or delete it under Active users in the Microsoft 365 admin center; remove guests under Guest users.",
      },
      consolePath: { ja: "Microsoft 365 管理センター > ユーザー > アクティブなユーザー", en: "Microsoft 365 admin center > Users > Active users" },
      url: "https://learn.microsoft.com/entra/identity/monitoring-health/howto-manage-inactive-user-accounts",
    },
  },
  needs: ["users", "signIns"],
  run({ users, signIns }, ctx) {
    if (isUnlicensed(signIns)) return [{ status: "skipped", resource: ctx.tenantResource, reason: signIns.unlicensed }];
    const limit = ctx.policy.inactiveDays;
    return eachResource(users.filter((u) => u.enabled), userResource, (u) => {
      // No entry: Graph sent no signInActivity, the user never signed in. An unreadable date fails this user.
      const entry = signIns[u.id];
      const activity = entry === undefined ? undefined : value(entry);
      // Attempts count failures too (someone guessing the password keeps them fresh): the last
      // success decides wherever Graph sends it.
      const last = activity?.lastSuccessfulSignInDateTime !== undefined
        ? activity.lastSuccessfulSignInDateTime
        : latest(activity?.lastSignInDateTime, activity?.lastNonInteractiveSignInDateTime);
      const evidence = { lastSignIn: last, createdDateTime: u.createdDateTime, guest: u.guest, invitation: u.externalUserState, inactiveDays: limit };
      const kind = u.guest ? { ja: "ゲスト", en: "Guest" } : { ja: "アカウント", en: "Account" };
      if (last !== null) {
        const idle = daysBetween(last, ctx.now);
        if (idle <= limit) return { status: "pass", evidence };
        return {
          status: "fail", evidence,
          message: { ja: `${kind.ja} ${who(u)} は ${idle} 日間サインインしていません。`, en: `${kind.en} ${who(u)} has not signed in for ${idle} days.` },
        };
      }
      // Never signed in: fine while new, a leftover once older than the limit. Graph has no creation
      // date for accounts made before June 2018, which are older than any limit.
      const created = u.createdDateTime === null ? null : daysBetween(u.createdDateTime, ctx.now);
      if (created !== null && created <= limit) return { status: "pass", evidence };
      const age = created === null
        ? { ja: "2018 年 6 月より前", en: "before June 2018" }
        : { ja: `${created} 日前`, en: `${created} days ago` };
      return {
        status: "fail", evidence,
        message: u.externalUserState === "PendingAcceptance"
          ? { ja: `ゲスト ${who(u)} は招待（${age.ja}）を受け入れていません。`, en: `Guest ${who(u)} never accepted the invitation, sent ${age.en}.` }
          : { ja: `${kind.ja} ${who(u)} は作成されてから一度もサインインしていません。`, en: `${kind.en} ${who(u)} has never signed in since it was created.` },
      };
    });
  },
});

/** The later of two ISO dates (they sort as text), or null when Graph sent neither. */
function latest(a: string | null | undefined, b: string | null | undefined): string | null {
  if (typeof a !== "string") return typeof b === "string" ? b : null;
  return typeof b === "string" && b > a ? b : a;
}
