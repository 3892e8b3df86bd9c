import type { AdminPolicy, AdminRole, AdminUser, AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.iam.administrator_count",
    provider: "aws",
    service: "iam",
    severity: "medium",
    ipaItems: [7, 4],
    itemReasons: {
      7: { ja: "AWS の管理者権限を持つ人が何人で誰なのかを数えます。", en: "Counts who holds administrator rights in AWS, and names them." },
      4: { ja: "会社が決めた管理者の人数の範囲に収まっているかを見ます。", en: "Holds the number of administrators to the range the company set." },
    },
    ownerRule: "administrators",
    title: { ja: "管理者権限を持つユーザーが適切な人数", en: "A sensible number of users hold administrator rights" },
    detail: {
      ja: "管理者権限（AdministratorAccess や、すべての操作を許すポリシー）を持つ人が多いほど、乗っ取られたときの被害が大きくなり、誰が何を変えたか分かりにくくなります。逆に名前のある管理者がいなければ、ルートユーザーで日常の作業をすることになります。小さな会社なら 1〜4 人が目安です。",
      en: "Every holder of administrator rights (AdministratorAccess, or any policy that allows every action) is a way to take over the whole account, and many make changes hard to trace. With no named administrator, daily work falls to the root user. For a small company, 1 to 4 people is about right.",
    },
    remediation: {
      steps: {
        ja: "下に挙げた人ごとに、管理者権限がどこから来ているか（直接付けたポリシー、グループ、引き受けられるロール）を IAM で確認し、必要のない人からは外して、業務に必要な権限だけのポリシーを付けます。",
        en: "For each person listed, check in IAM where the rights come from (a policy on the user, a group, a role they can assume), remove them from those who do not need them, and give them a policy with only what their work needs.",
      },
      consolePath: { ja: "IAM > ユーザー > (ユーザー名) > 許可", en: "IAM > Users > (user) > Permissions" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    },
  },
  needs: ["administrators"],
  run({ administrators }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://console.aws.amazon.com/iam/home#/users" };
    const people = [...administrators.users].sort((a, b) => a.name.localeCompare(b.name));
    const { min, max } = ctx.policy.administrators;
    const evidence = {
      users: people.map((u) => ({ name: u.name, policies: u.policies, roles: u.roles })),
      roles: administrators.roles,
      allowed: { min, max },
    };
    const who = {
      ja: people.map((u) => `${u.name}（${howHeld(u, administrators.roles, "ja")}）`).join("、"),
      en: people.map((u) => `${u.name} (${howHeld(u, administrators.roles, "en")})`).join("; "),
    };
    if (people.length >= min && people.length <= max) {
      return [{ status: "pass", resource, evidence, message: { ja: `管理者: ${who.ja}`, en: `Administrators: ${who.en}` } }];
    }
    return [{
      status: "fail", resource, evidence,
      message: people.length > max
        ? { ja: `${people.length} 人が管理者権限を持っています（目安 ${max} 人まで）: ${who.ja}`, en: `${people.length} users hold administrator rights (at most ${max} advised): ${who.en}` }
        : { ja: "管理者権限を持つ IAM ユーザーがいません。日常の管理にルートユーザーを使っていませんか。", en: "No IAM user holds administrator rights: is the root user used for daily work?" },
    }];
  },
});

/** 「グループ Admins の管理ポリシー AdministratorAccess」, "inline policy X", "can assume role Y". */
function howHeld(user: AdminUser, roles: AdminRole[], lang: "ja" | "en"): string {
  const policy = (p: AdminPolicy) => {
    const kind = p.kind === "inline"
      ? { ja: "インラインポリシー", en: "inline policy" }
      : p.kind === "aws-managed" ? { ja: "管理ポリシー", en: "AWS managed policy" } : { ja: "カスタマー管理ポリシー", en: "customer managed policy" };
    return p.group
      ? (lang === "ja" ? `グループ ${p.group} の${kind.ja} ${p.name}` : `${kind.en} ${p.name} of group ${p.group}`)
      : (lang === "ja" ? `${kind.ja} ${p.name}` : `${kind.en} ${p.name}`);
  };
  const viaRoles = user.roles.map((name) => {
    const role = roles.find((r) => r.name === name);
    const held = role ? role.policies.map(policy).join(lang === "ja" ? "・" : ", ") : "";
    return lang === "ja" ? `ロール ${name} を引き受け可能（${held}）` : `can assume role ${name} (${held})`;
  });
  return [...user.policies.map(policy), ...viaRoles].join(lang === "ja" ? "、" : "; ");
}
