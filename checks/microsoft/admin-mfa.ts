import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { eligibleRoles } from "./eligible.ts";
import { registrationOf } from "./mfa.ts";
import { userAuthMethodsUrl, userResource, who } from "./resources.ts";

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.admin_mfa",
    provider: "microsoft",
    service: "entra",
    severity: "critical",
    ipaItems: [7, 9],
    itemReasons: {
      7: { ja: "管理者のアカウントが乗っ取られにくいか、管理担当者の守りを見ます。", en: "Checks that the administrators' own accounts are hard to take over." },
      9: { ja: "管理者全員に 2 段階認証（MFA）が登録されているかを見ます。", en: "Checks that every administrator has MFA registered." },
    },
    title: { ja: "管理者全員に多要素認証 (MFA) が登録されている", en: "Every administrator has MFA registered" },
    detail: {
      ja: "管理者アカウントが乗っ取られると、全員のメールやファイル、設定まで奪われます。攻撃者が最初に狙うのが管理者です。グローバル管理者など強い管理者ロールを持つ人は、必ず MFA を登録します。",
      en: "A taken-over admin account gives away everyone's mail, files and settings, and admins are what attackers go for first. Everyone holding a strong admin role such as Global Administrator must have MFA registered.",
    },
    remediation: {
      steps: {
        ja: "対象の管理者に https://aka.ms/mysecurityinfo で Microsoft Authenticator か FIDO2 セキュリティキーを登録してもらいます。使っていない管理者アカウントはロールを外すか削除します。",
        en: "Have the admin register Microsoft Authenticator or a FIDO2 security key at https://aka.ms/mysecurityinfo. Remove the role from, or delete, admin accounts nobody uses.",
      },
      consolePath: { ja: "Microsoft Entra 管理センター > ユーザー > (ユーザー名) > 認証方法", en: "Microsoft Entra admin center > Users > (user) > Authentication methods" },
      url: "https://learn.microsoft.com/entra/identity/role-based-access-control/security-planning",
    },
  },
  needs: ["privilegedRoles", "users", "mfa"],
  uses: ["eligibleRoles"],
  run({ privilegedRoles, users, mfa, eligibleRoles: eligibleFact }) {
    const eligible = eligibleRoles(eligibleFact);
    const rolesOf = new Map<string, string[]>();
    const hold = (id: string, name: string) => rolesOf.set(id, [...new Set([...(rolesOf.get(id) ?? []), name])]);
    for (const role of privilegedRoles) for (const id of role.userIds) hold(id, role.displayName);
    // PIM-eligible holders are one click from the role: their MFA matters as much.
    for (const role of eligible.roles) for (const id of role.userIds) hold(id, `${role.displayName} (eligible)`);
    const admins = users.filter((u) => u.enabled && rolesOf.has(u.id));
    const results = eachResource(admins, (u) => userResource(u, userAuthMethodsUrl(u)), (u) => {
      const state = registrationOf(mfa, u);
      const evidence = { roles: rolesOf.get(u.id), registered: state.registered, methods: state.methods };
      if (state.registered) return { status: "pass", evidence };
      return {
        status: "fail", evidence,
        message: {
          ja: `管理者 ${who(u)}（${rolesOf.get(u.id)!.join("、")}）に MFA の登録がありません。`,
          en: `Administrator ${who(u)} (${rolesOf.get(u.id)!.join(", ")}) has no MFA registered.`,
        },
      };
    });
    return eligible.unjudged ? [...results, eligible.unjudged] : results;
  },
});
