import { isActive, type GoogleFacts } from "../../providers/google/facts.ts";
import { defineCheck } from "../framework.ts";

/** Google advises a second super administrator, so one who is locked out can be recovered. */
const GOOGLE_MINIMUM = 2;

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.directory.super_admin_count",
    provider: "google",
    service: "directory",
    severity: "medium",
    ipaItems: [7, 4],
    itemReasons: {
      7: { ja: "Google Workspace の特権管理者が何人で誰なのかを数えます。", en: "Counts the super administrators of Google Workspace, and names them." },
      4: { ja: "会社が決めた管理者の人数の範囲に収まっているかを見ます。", en: "Holds the number of administrators to the range the company set." },
    },
    ownerRule: "administrators",
    title: { ja: "特権管理者が適切な人数（2〜4 人）", en: "A sensible number of super administrators (2 to 4)" },
    detail: {
      ja: "特権管理者は設定もデータもすべて変更でき、ほかの管理者を止めることもできます。多いほど乗っ取りの入口が増え、誰が何を変えたか分かりにくくなります。1 人だけでは、その人がログインできなくなったときに誰も復旧できません。",
      en: "A super administrator can change every setting and all data, and lock out the other administrators. Each one is a way in for an attacker and makes changes harder to trace; with only one, nobody can recover the account if that person is locked out.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「アカウント > 管理者ロール > 特権管理者」で割り当てを確認し、日常の管理には必要な権限だけのロール（ユーザー管理者など）を使います。特権管理者は 2〜4 人にし、共有アカウントではなく個人のアカウントに割り当てます。",
        en: "In the Admin console, Account > Admin roles > Super Admin, review who holds it and use narrower roles (such as User Management Admin) for daily work. Keep 2 to 4 super administrators, each a named person, never a shared account.",
      },
      consolePath: { ja: "管理コンソール > アカウント > 管理者ロール > 特権管理者 > 管理者", en: "Admin console > Account > Admin roles > Super Admin > Admins assigned" },
      url: "https://support.google.com/a/answer/9011373",
    },
  },
  needs: ["users"],
  run({ users }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://admin.google.com/ac/roles" };
    const superAdmins = users.filter((u) => isActive(u) && u.isAdmin).map((u) => u.primaryEmail).sort();
    const min = Math.max(GOOGLE_MINIMUM, ctx.policy.administrators.min);
    const { max } = ctx.policy.administrators;
    const evidence = { superAdmins, allowed: { min, max } };
    if (superAdmins.length >= min && superAdmins.length <= max) return [{ status: "pass", resource, evidence }];
    return [{
      status: "fail", resource, evidence,
      message: superAdmins.length > max
        ? { ja: `特権管理者が ${superAdmins.length} 人います（目安 ${max} 人まで）。`, en: `${superAdmins.length} users are super administrators (at most ${max} advised).` }
        : { ja: `特権管理者が ${superAdmins.length} 人しかいません（目安 ${min} 人以上）。`, en: `Only ${superAdmins.length} super administrator(s) (at least ${min} advised).` },
    }];
  },
});
