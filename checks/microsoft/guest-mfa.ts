import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { registrationOf } from "./mfa.ts";
import { userResource, who } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.guest_mfa",
    provider: "microsoft",
    service: "entra",
    severity: "medium",
    ipaItems: [8, 9],
    itemReasons: {
      8: { ja: "社外の人（ゲスト）が入れる範囲が、本人確認で守られているかを見ます。", en: "Checks that outside people (guests) who can get in are who they say they are." },
      9: { ja: "ゲストのサインインに 2 段階認証（MFA）が使われているかを見ます。", en: "Checks that guests sign in with MFA." },
    },
    title: { ja: "ゲスト (社外の利用者) も多要素認証でサインインしている", en: "Guests (outside users) sign in with MFA" },
    detail: {
      ja: "取引先や外注先のゲストは、自社のファイルやチームに入れます。ゲストのアカウントが乗っ取られれば、自社のデータも見られます。ゲストが自社で MFA を登録していない場合は、条件付きアクセスでゲストにも MFA を求めるか、相手の組織の MFA を信頼する設定にします。",
      en: "Guests from partners and contractors can open your files and teams; if a guest's account is taken over, so is their access to your data. Where a guest has not registered MFA with you, require MFA for guests with Conditional Access, or trust the MFA of their own organisation.",
    },
    remediation: {
      steps: {
        ja: "条件付きアクセスで「ゲストまたは外部ユーザー」に MFA を要求するポリシーを作るか、「外部 ID > テナント間アクセスの設定 > 受信アクセス > 信頼の設定」で相手の組織の MFA を信頼します。使っていないゲストは削除します。",
        en: "Create a Conditional Access policy that requires MFA for \"Guest or external users\", or trust the partner's MFA under External Identities > Cross-tenant access settings > Inbound access > Trust settings. Remove guests who no longer need access.",
      },
      consolePath: { ja: "Microsoft Entra 管理センター > 外部 ID > テナント間アクセスの設定", en: "Microsoft Entra admin center > External Identities > Cross-tenant access settings" },
      url: "https://learn.microsoft.com/entra/external-id/cross-tenant-access-settings-b2b-collaboration",
    },
  },
  needs: ["users", "mfa"],
  run({ users, mfa }) {
    const guests = users.filter((u) => u.enabled && u.guest);
    return eachResource(guests, userResource, (u) => {
      const state = registrationOf(mfa, u);
      const evidence = { registered: state.registered, methods: state.methods, invitation: u.externalUserState, source: mfa.source };
      if (state.registered) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: { ja: `ゲスト ${who(u)} は MFA を登録していません。`, en: `Guest ${who(u)} has no MFA registered.` },
      };
    });
  },
});
