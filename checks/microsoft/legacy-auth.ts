import { FactUnavailable, isUnlicensed, value } from "../../providers/fact.ts";
import type { ConditionalAccessPolicy, MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { GRAPH_OPERATION_PERMISSIONS } from "../../providers/microsoft/permissions.ts";
import { defineCheck, eachResource, type Judgement, type ResourceRef } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

/** The client app types Conditional Access calls legacy authentication. */
const LEGACY_CLIENTS = ["exchangeActiveSync", "other"];

/**
 * A policy that refuses every legacy sign-in: enabled, `block`, for all users and all apps,
 * covering both legacy client types, and not narrowed by any other condition. Excluded users
 * (emergency accounts, as Microsoft's template advises) are shown, not failed.
 */
export function blocksLegacyAuth(p: ConditionalAccessPolicy): boolean {
  return p.state === "enabled" && p.blocks && p.includeUsers.includes("All") && p.includeApplications.includes("All")
    && LEGACY_CLIENTS.every((t) => p.clientAppTypes.includes(t)) && !p.clientAppTypes.includes("all")
    && p.narrowedBy.every((n) => n.startsWith("client apps:"));
}

const SIGN_IN: ResourceRef = { uid: "entra:legacy-authentication", name: "Legacy authentication (Entra ID sign-in)", type: "Microsoft.Entra/SignInPolicy", consoleUrl: ADMIN_CENTER.conditionalAccess };
const SHAREPOINT: ResourceRef = { uid: "sharepoint:settings/legacy-auth", name: "Legacy authentication (SharePoint and OneDrive)", type: "Microsoft.SharePoint/TenantSetting", consoleUrl: ADMIN_CENTER.sharing };

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.legacy_auth_blocked",
    provider: "microsoft",
    service: "entra",
    severity: "high",
    ipaItems: [11, 9],
    itemReasons: {
      11: {
        ja: "古い認証方式を止める機能が、Microsoft 365 でオンになっているか確かめます。",
        en: "Blocking legacy authentication is built into Microsoft 365 (security defaults, Conditional Access, a SharePoint setting); this checks it is switched on.",
      },
      9: {
        ja: "古い認証方式は多要素認証 (MFA) を通らないため、止めていないとパスワードだけでサインインされます。",
        en: "Legacy authentication cannot do MFA: while it is allowed, a password alone still signs in.",
      },
    },
    title: { ja: "古い認証方式（レガシー認証）が止められている", en: "Legacy authentication is blocked" },
    detail: {
      ja: "古いメールソフトなどが使う「レガシー認証」は、パスワードだけでサインインでき、多要素認証 (MFA) を設定していても素通りされます。パスワードを次々に試す攻撃の多くがこの入口を狙います。セキュリティの既定値をオンにするか、条件付きアクセスで止めます。SharePoint と OneDrive にも別の設定があります。",
      en: "\"Legacy authentication\", used by old mail apps, signs in with a password alone and walks past MFA even where MFA is set up. Most password-guessing attacks go through it. Turn on security defaults or block it with Conditional Access; SharePoint and OneDrive have a setting of their own too.",
    },
    remediation: {
      steps: {
        ja: "Entra ID P1 がなければ、Microsoft Entra 管理センターの「概要 > プロパティ > セキュリティの既定値の管理」でオンにします。条件付きアクセスを使っている場合は、テンプレート「レガシー認証をブロックする」で、全ユーザー・全アプリ・クライアントアプリ「Exchange ActiveSync クライアント」と「その他のクライアント」を対象に「アクセスのブロック」のポリシーを作り、「オン」にします（「レポート専用」では止まりません）。SharePoint 管理センターの「ポリシー > アクセス制御 > 最新の認証を使用しないアプリ」で「ブロック」を選びます。",
        en: "Without Entra ID P1, turn on security defaults under Overview > Properties > Manage security defaults in the Microsoft Entra admin center. With Conditional Access, create a policy from the \"Block legacy authentication\" template (all users, all apps, client apps Exchange ActiveSync and Other clients, grant Block access) and set it On (Report-only blocks nothing). In the SharePoint admin center under Policies > Access control > Apps that don't use modern authentication, choose Block access.",
      },
      consolePath: { ja: "Microsoft Entra 管理センター > 保護 > 条件付きアクセス > ポリシー", en: "Microsoft Entra admin center > Protection > Conditional Access > Policies" },
      url: "https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication",
    },
  },
  // Each place is judged on its own facts: one unreadable does not hide the other.
  needs: [],
  uses: ["securityDefaultsEnabled", "conditionalAccess", "sharePoint"],
  run({ securityDefaultsEnabled, conditionalAccess, sharePoint }) {
    const signIn = (): Judgement => {
      if (securityDefaultsEnabled.ok && securityDefaultsEnabled.value) {
        return { status: "pass", evidence: { securityDefaults: true }, message: { ja: "セキュリティの既定値がオンで、古い認証方式は止められています。", en: "Security defaults are on, which blocks legacy authentication." } };
      }
      const ca = value(conditionalAccess);
      const policies = isUnlicensed(ca) ? [] : ca.policies;
      const blocking = policies.find(blocksLegacyAuth);
      if (blocking) {
        const excluded = blocking.excludeUsers.length + blocking.excludeGroups.length + blocking.excludeRoles.length;
        return {
          status: "pass",
          evidence: { policy: blocking.displayName, clientAppTypes: blocking.clientAppTypes, excludedUsers: blocking.excludeUsers.length, excludedGroups: blocking.excludeGroups.length, excludedRoles: blocking.excludeRoles.length },
          message: excluded === 0
            ? { ja: `条件付きアクセス「${blocking.displayName}」が古い認証方式を止めています。`, en: `Conditional Access policy "${blocking.displayName}" blocks legacy authentication.` }
            : { ja: `条件付きアクセス「${blocking.displayName}」が古い認証方式を止めています（対象外 ${excluded} 件: 緊急用アカウントだけか確認してください）。`, en: `Conditional Access policy "${blocking.displayName}" blocks legacy authentication (${excluded} exclusion(s): check they are emergency accounts only).` },
        };
      }
      // Security defaults are the answer wherever no policy blocks: they must have been read.
      value(securityDefaultsEnabled);
      const idle = policies.filter((p) => p.state !== "enabled" && blocksLegacyAuth({ ...p, state: "enabled" }));
      return {
        status: "fail",
        evidence: { securityDefaults: false, conditionalAccess: isUnlicensed(ca) ? "needs Entra ID P1" : policies.length, notEnforced: idle.map((p) => `${p.displayName} (${p.state})`) },
        message: idle.length > 0
          ? { ja: `古い認証方式を止めるポリシー「${idle[0]!.displayName}」がありますが、オンになっていません（レポート専用または無効）。`, en: `Policy "${idle[0]!.displayName}" would block legacy authentication but is not on (report-only or disabled).` }
          : { ja: "セキュリティの既定値がオフで、古い認証方式を止める条件付きアクセスもありません。", en: "Security defaults are off and no Conditional Access policy blocks legacy authentication." },
      };
    };
    const sharePointSetting = (): Judgement => {
      const enabled = value(sharePoint).isLegacyAuthProtocolsEnabled;
      if (enabled === null) {
        throw new FactUnavailable({ operation: "GetSharePointSettings", permission: GRAPH_OPERATION_PERMISSIONS.GetSharePointSettings, code: "UnknownValue", message: "isLegacyAuthProtocolsEnabled absent" });
      }
      if (!enabled) return { status: "pass", evidence: { isLegacyAuthProtocolsEnabled: false } };
      return {
        status: "fail", evidence: { isLegacyAuthProtocolsEnabled: true },
        message: { ja: "SharePoint と OneDrive が古い認証方式でのアクセスを受け付けています。", en: "SharePoint and OneDrive accept legacy authentication." },
      };
    };
    const judges = new Map<ResourceRef, () => Judgement>([[SIGN_IN, signIn], [SHAREPOINT, sharePointSetting]]);
    return eachResource([...judges.keys()], (r) => r, (r) => judges.get(r)!());
  },
});
