import type { MicrosoftFacts } from "../../providers/microsoft/facts.ts";
import { GLOBAL_ADMINISTRATOR } from "../../providers/microsoft/roles.ts";
import { defineCheck, type CheckResult } from "../framework.ts";
import { eligibleRoles } from "./eligible.ts";
import { ADMIN_CENTER } from "./resources.ts";

/** Microsoft's advice: at least two Global Administrators, so losing one phone does not lock the company out. */
const GLOBAL_ADMIN_MIN = 2;

export default defineCheck<MicrosoftFacts>()({
  meta: {
    id: "microsoft.entra.admin_count",
    provider: "microsoft",
    service: "entra",
    severity: "medium",
    ipaItems: [7, 4],
    itemReasons: {
      7: { ja: "Microsoft 365 の管理者の役割を持つ人が、役割ごとに何人いるかを数えます。", en: "Counts who holds each administrator role in Microsoft 365." },
      4: { ja: "会社が決めた管理者の人数の範囲に収まっているかを見ます。", en: "Holds the number of administrators to the range the company set." },
    },
    ownerRule: "administrators",
    title: { ja: "管理者ロールを持つ人数が適切 (グローバル管理者は 2〜4 人)", en: "A sensible number of people hold each admin role (2 to 4 Global Administrators)" },
    detail: {
      ja: "グローバル管理者は会社の Microsoft 365 をすべて変えられます。持つ人が多いほど乗っ取られる入口が増え、誰が何を変えたか分かりにくくなります。一方で 1 人だけだと、その人が休んだりスマホをなくしたりしたときに誰も管理できません。小さな会社なら 2〜4 人が目安で、ほかの管理者ロールも必要な人だけに付けます。",
      en: "A Global Administrator can change everything in the company's Microsoft 365. Every extra holder is another way in and makes changes harder to trace; a single one locks the company out when that person is away or loses their phone. For a small company 2 to 4 is about right, and other admin roles go only to those who need them.",
    },
    remediation: {
      steps: {
        ja: "「ロールと管理者」でロールを開き、必要のない人の割り当てを削除します。日常の作業には、ユーザー管理者や SharePoint 管理者など必要な範囲のロールを使います。退職者や初期設定用のアカウントが残っていないかも確認します。",
        en: "Open the role under Roles & admins and remove the people who do not need it. For daily work use narrower roles such as User Administrator or SharePoint Administrator. Look for leavers and set-up accounts that still hold the role.",
      },
      consolePath: { ja: "Microsoft Entra 管理センター > ID > ロールと管理者 > (ロール名)", en: "Microsoft Entra admin center > Identity > Roles & admins > (role)" },
      url: "https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices",
    },
  },
  needs: ["privilegedRoles", "users"],
  uses: ["eligibleRoles"],
  run({ privilegedRoles, users, eligibleRoles: eligibleFact }, ctx) {
    const byId = new Map(users.map((u) => [u.id, u]));
    const { max } = ctx.policy.administrators;
    // A PIM-eligible holder can turn the role on at any time: they count as holders.
    const eligible = eligibleRoles(eligibleFact);
    const roleIds = [...new Set([GLOBAL_ADMINISTRATOR, ...privilegedRoles.map((r) => r.roleTemplateId), ...eligible.roles.map((r) => r.roleTemplateId)])];
    const results = roleIds.map((roleId): CheckResult => {
      const active = privilegedRoles.find((r) => r.roleTemplateId === roleId);
      const eligibleHolders = eligible.roles.find((r) => r.roleTemplateId === roleId)?.userIds ?? [];
      const displayName = active?.displayName ?? eligible.roles.find((r) => r.roleTemplateId === roleId)?.displayName ?? "Global Administrator";
      const userIds = [...new Set([...(active?.userIds ?? []), ...eligibleHolders])];
      const upn = (id: string) => byId.get(id)?.userPrincipalName ?? id;
      const holders = userIds.map(upn).sort();
      const disabled = userIds.filter((id) => byId.get(id)?.enabled === false).map(upn);
      const min = roleId === GLOBAL_ADMINISTRATOR ? Math.max(GLOBAL_ADMIN_MIN, ctx.policy.administrators.min) : 0;
      const resource = { uid: `entra:roles/${roleId}`, name: displayName, type: "Microsoft.Entra/DirectoryRole", consoleUrl: ADMIN_CENTER.roles };
      const evidence = { holders, eligibleHolders: eligibleHolders.map(upn).sort(), disabledHolders: disabled, servicePrincipals: active?.servicePrincipalIds ?? [], allowed: { min, max } };
      const n = holders.length;
      if (n >= min && n <= max) {
        // Eligible holders that could not be read might push the count past the maximum.
        if (eligible.unjudged?.status === "error") return { ...eligible.unjudged, resource, evidence };
        return { status: "pass", resource, evidence };
      }
      const note = disabled.length > 0
        ? { ja: `（無効なアカウント ${disabled.length} 個を含む）`, en: ` (${disabled.length} of them disabled)` }
        : { ja: "", en: "" };
      return {
        status: "fail", resource, evidence,
        message: n > max
          ? { ja: `${n} 人が ${displayName} を持っています${note.ja}。目安は ${max} 人までです。`, en: `${n} people hold ${displayName}${note.en}; at most ${max} advised.` }
          : { ja: `${displayName} が ${n} 人しかいません。最低 ${min} 人を決めてください。`, en: `Only ${n} ${displayName}${n === 1 ? "" : "s"}; name at least ${min}.` },
      };
    });
    return eligible.unjudged ? [...results, eligible.unjudged] : results;
  },
});
