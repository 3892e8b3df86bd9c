import { collected, failed, isUnlicensed, value } from "../../providers/fact.ts";
import type { ConditionalAccess, ConditionalAccessPolicy, MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { ADMIN_CENTER, userResource, who } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.mfa_enforced",
    provider: "microsoft",
    service: "entra",
    severity: "high",
    ipaItems: [9],
    itemReasons: {
      9: { ja: "全員のサインインで 2 段階認証（MFA）が必須になっているかを見ます。", en: "Checks that MFA is required at everyone's sign-in." },
    },
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
  uses: ["conditionalAccess"],
  run({ users, securityDefaultsEnabled, conditionalAccess }, ctx) {
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
      // Enabled MFA policies that would count but for their conditions: MFA only at some sign-ins.
      const conditional = isUnlicensed(ca) ? [] : ca.policies.filter((p) => enforcesForEveryone({ ...p, narrowedBy: [] }) && p.narrowedBy.length > 0);
      return [{
        status: "fail",
        resource: { ...ctx.tenantResource, consoleUrl: isUnlicensed(ca) ? ADMIN_CENTER.securityDefaults : ADMIN_CENTER.conditionalAccess },
        evidence: {
          securityDefaults: false,
          conditionalAccess: isUnlicensed(ca) ? "needs Entra ID P1" : ca.policies.map((p) => `${p.displayName} (${p.state})`),
          notEnforced: almost,
          onlyUnderConditions: conditional.map((p) => `${p.displayName}: ${p.narrowedBy.join(", ")}`),
        },
        message: isUnlicensed(ca)
          ? { ja: "セキュリティの既定値がオフで、MFA を強制するものがありません。", en: "Security defaults are off and nothing else enforces MFA." }
          : conditional.length > 0
            ? {
              ja: `MFA を求めるポリシーは、特定の条件（場所・端末の種類・リスクなど）のサインインにしか適用されません（${conditional.map((p) => p.displayName).join("、")}）。それ以外はパスワードだけで入れます。`,
              en: `The policies that require MFA apply only to some sign-ins (by location, device platform, risk and the like: ${conditional.map((p) => p.displayName).join("; ")}); any other sign-in needs a password alone.`,
            }
            : { ja: "すべてのユーザーとすべてのアプリに MFA を求める有効なポリシーがありません。", en: "No enabled policy requires MFA for all users and all apps." },
      }];
    }
    const members = users.filter((u) => u.enabled && !u.guest);
    return eachResource(members, userResource, (u) => {
      const exclusions = enforcing.map((p) => exclusionOf(p, u.id, ca));
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

/**
 * The bar: enabled (report-only enforces nothing), MFA (alone or as a strength), all users,
 * all apps, and no condition (location, platform, client app, risk, device filter, …) that
 * limits it to some sign-ins. Users and groups it leaves out are judged one by one.
 */
function enforcesForEveryone(p: ConditionalAccessPolicy): boolean {
  return p.state === "enabled" && p.requiresMfa && p.includeUsers.includes("All")
    && p.includeApplications.includes("All") && p.excludeApplications.length === 0 && p.narrowedBy.length === 0;
}

/** Why the policy leaves this user out, or undefined when it applies to them. */
function exclusionOf(p: ConditionalAccessPolicy, userId: string, ca: ConditionalAccess): string | undefined {
  if (p.excludeUsers.includes(userId)) return "excludeUsers";
  const group = p.excludeGroups.find((g) => (ca.excludedGroupMembers[g] ?? []).includes(userId));
  if (group) return `excludeGroups ${group}`;
  // Any directory role, active or eligible: the collector read the holders of every excluded role.
  const role = p.excludeRoles.find((r) => value(r in ca.excludedRoleMembers
    ? collected(ca.excludedRoleMembers[r]!)
    : failed({ operation: "ListRoleAssignments", code: "NotCollected", message: `the holders of excluded role ${r} were not read` })).includes(userId));
  if (role) return `excludeRoles ${role}`;
  return undefined;
}
