import { isUnlicensed, value } from "../../providers/fact.ts";
import type { ConditionalAccess, ConditionalAccessPolicy, MicrosoftFacts, PrivilegedRole } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { ADMIN_CENTER, userResource, who } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.mfa_enforced",
    provider: "microsoft",
    service: "entra",
    severity: "high",
    ipaItems: [9],
    title: { ja: "全員のサインインで MFA が必須になっている", en: "MFA is required at every user's sign-in" },
    detail: {
      ja: "MFA を登録しただけでは、攻撃者はパスワードだけで入れることがあります。「セキュリティの既定値」(無料) を有効にするか、すべてのユーザーとすべてのアプリに MFA を求める条件付きアクセス ポリシーを有効にして、初めて全員が守られます。ポリシーから外したアカウントは守られません。",
      en: "Registering MFA is not enough while a password alone still lets someone in. Everyone is protected only once security defaults (free) are on, or an enabled Conditional Access policy requires MFA for all users and all apps. An account left out of the policy is not protected.",
    },
    remediation: {
      steps: {
        ja: "Entra ID P1 がなければ「概要 > プロパティ > セキュリティの既定値の管理」で有効にします。P1 があれば、条件付きアクセスで対象「すべてのユーザー」、クラウドアプリ「すべて」、許可「多要素認証を要求する」のポリシーを作り「オン」にします（「レポート専用」では強制されません）。除外は緊急用の管理者アカウントだけにします。",
        en: "Without Entra ID P1, turn on security defaults under Overview > Properties > Manage security defaults. With P1, create a Conditional Access policy for All users, All cloud apps, grant \"Require multifactor authentication\", and set it On (report-only enforces nothing). Exclude only an emergency-access admin account.",
      },
      consolePath: { ja: "Microsoft Entra 管理センター > 保護 > 条件付きアクセス > ポリシー", en: "Microsoft Entra admin center > Protection > Conditional Access > Policies" },
      url: "https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength",
    },
  },
  needs: ["users", "securityDefaultsEnabled"],
  uses: ["conditionalAccess", "privilegedRoles"],
  run({ users, securityDefaultsEnabled, conditionalAccess, privilegedRoles }, ctx) {
    if (securityDefaultsEnabled) {
      return [{
        status: "pass",
        resource: { ...ctx.tenantResource, consoleUrl: ADMIN_CENTER.securityDefaults },
        evidence: { securityDefaults: true },
        message: { ja: "セキュリティの既定値が有効で、全員に MFA が求められます。", en: "Security defaults are on: everyone is asked for MFA." },
      }];
    }
    const ca = value(conditionalAccess);
    const enforcing = isUnlicensed(ca) ? [] : ca.policies.filter(enforcesForEveryone);
    if (isUnlicensed(ca) || enforcing.length === 0) {
      const almost = isUnlicensed(ca) ? [] : ca.policies.filter((p) => p.requiresMfa && p.state !== "enabled").map((p) => `${p.displayName} (${p.state})`);
      return [{
        status: "fail",
        resource: { ...ctx.tenantResource, consoleUrl: isUnlicensed(ca) ? ADMIN_CENTER.securityDefaults : ADMIN_CENTER.conditionalAccess },
        evidence: { securityDefaults: false, conditionalAccess: isUnlicensed(ca) ? "needs Entra ID P1" : ca.policies.map((p) => `${p.displayName} (${p.state})`), notEnforced: almost },
        message: isUnlicensed(ca)
          ? { ja: "セキュリティの既定値がオフで、MFA を強制するものがありません。", en: "Security defaults are off and nothing else enforces MFA." }
          : { ja: "すべてのユーザーとすべてのアプリに MFA を求める有効なポリシーがありません。", en: "No enabled policy requires MFA for all users and all apps." },
      }];
    }
    const members = users.filter((u) => u.enabled && !u.guest);
    return eachResource(members, userResource, (u) => {
      const exclusions = enforcing.map((p) => exclusionOf(p, u.id, ca, privilegedRoles));
      const covering = enforcing.filter((_, i) => exclusions[i] === undefined).map((p) => p.displayName);
      const evidence = { requiredBy: covering, excludedFrom: enforcing.flatMap((p, i) => (exclusions[i] ? [`${p.displayName}: ${exclusions[i]}`] : [])) };
      if (covering.length > 0) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: {
          ja: `${who(u)} は MFA 必須のポリシーから除外されています（${evidence.excludedFrom.join("、")}）。`,
          en: `${who(u)} is excluded from the policies that require MFA (${evidence.excludedFrom.join("; ")}).`,
        },
      };
    });
  },
});

/** The bar: enabled, MFA (alone or as a strength), all users, all apps, none left out. */
function enforcesForEveryone(p: ConditionalAccessPolicy): boolean {
  return p.state === "enabled" && p.requiresMfa && p.includeUsers.includes("All")
    && p.includeApplications.includes("All") && p.excludeApplications.length === 0;
}

/** Why the policy leaves this user out, or undefined when it applies to them. */
function exclusionOf(
  p: ConditionalAccessPolicy,
  userId: string,
  ca: ConditionalAccess,
  privilegedRoles: MicrosoftFacts["privilegedRoles"],
): string | undefined {
  if (p.excludeUsers.includes(userId)) return "excludeUsers";
  const group = p.excludeGroups.find((g) => (ca.excludedGroupMembers[g] ?? []).includes(userId));
  if (group) return `excludeGroups ${group}`;
  if (p.excludeRoles.length > 0) {
    // Only read when a policy leaves roles out; an unreadable role list fails this user closed.
    const roles: PrivilegedRole[] = value(privilegedRoles);
    const role = roles.find((r) => p.excludeRoles.includes(r.roleTemplateId) && r.userIds.includes(userId));
    if (role) return `excludeRoles ${role.displayName}`;
  }
  return undefined;
}
