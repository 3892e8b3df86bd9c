import { isActive, type GoogleFacts, type WorkspaceUser } from "../../providers/google/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { orgUnitResource } from "./resources.ts";

/** Names shown in a message; the rest are counted. */
const SHOWN = 5;

export default defineCheck<GoogleFacts>()({
  meta: {
    id: "google.directory.2sv_enforced",
    provider: "google",
    service: "directory",
    severity: "high",
    ipaItems: [9],
    itemReasons: {
      9: { ja: "2 段階認証プロセスが全員に必須になっているかを見ます。", en: "Checks that 2-Step Verification is enforced for everyone." },
    },
    title: { ja: "2 段階認証プロセスが必須になっている", en: "2-Step Verification is enforced" },
    detail: {
      ja: "2 段階認証プロセスを「許可」しただけでは、設定するかどうかはユーザー次第で、いつでも外せます。新しいアカウントも設定しないまま使い始めます。強制すれば、設定していないアカウントはログインできません。",
      en: "Merely allowing 2-Step Verification leaves it to each user, who can also turn it off again, and new accounts start without it. Enforcing it means an account without it cannot sign in.",
    },
    remediation: {
      steps: {
        ja: "管理コンソールの「セキュリティ > 認証 > 2 段階認証プロセス」で組織部門を選び、「適用」を「オン」にします。新しいユーザーの登録期間（例: 1 週間）を設け、管理者にはセキュリティキーなどフィッシングに強い方法を求めます。",
        en: "In the Admin console, Security > Authentication > 2-Step Verification, select the organizational unit and set Enforcement to On. Give new users an enrollment period (e.g. one week), and require a phishing-resistant method such as a security key for administrators.",
      },
      consolePath: { ja: "管理コンソール > セキュリティ > 認証 > 2 段階認証プロセス > 適用", en: "Admin console > Security > Authentication > 2-Step Verification > Enforcement" },
      url: "https://support.google.com/a/answer/9176657",
    },
  },
  needs: ["users"],
  run({ users }) {
    // Enforcement is set per organizational unit (or group); Directory reports its effect on each user.
    const byUnit = new Map<string, WorkspaceUser[]>();
    for (const u of users.filter(isActive)) byUnit.set(u.orgUnitPath, [...(byUnit.get(u.orgUnitPath) ?? []), u]);
    const units = [...byUnit.entries()].sort(([a], [b]) => a.localeCompare(b));
    return eachResource(units, ([path]) => orgUnitResource(path), ([path, members]) => {
      const notEnforced = members.filter((u) => !u.isEnforcedIn2Sv).map((u) => u.primaryEmail);
      const evidence = { users: members.length, notEnforced };
      if (notEnforced.length === 0) return { status: "pass", evidence };
      const names = notEnforced.slice(0, SHOWN).join(", ") + (notEnforced.length > SHOWN ? ` …(+${notEnforced.length - SHOWN})` : "");
      return {
        status: "fail", evidence,
        message: {
          ja: `${path} の ${members.length} 人中 ${notEnforced.length} 人に 2 段階認証プロセスが強制されていません（${names}）。`,
          en: `2-Step Verification is not enforced for ${notEnforced.length} of ${members.length} users in ${path} (${names}).`,
        },
      };
    });
  },
});
