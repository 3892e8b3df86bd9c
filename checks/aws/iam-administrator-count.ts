import type { AwsFacts } from "../../providers/aws/facts.ts";
import { defineCheck } from "../framework.ts";

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.iam.administrator_count",
    provider: "aws",
    service: "iam",
    severity: "medium",
    ipaItems: [7],
    title: { ja: "管理者権限を持つユーザーが適切な人数", en: "A sensible number of users hold administrator rights" },
    detail: {
      ja: "AdministratorAccess を持つ人が多いほど、乗っ取られたときの被害が大きくなり、誰が何を変えたか分かりにくくなります。逆に名前のある管理者がいなければ、ルートユーザーで日常の作業をすることになります。小さな会社なら 1〜4 人が目安です。",
      en: "Every holder of AdministratorAccess is a way to take over the whole account, and many make changes hard to trace. With no named administrator, daily work falls to the root user. For a small company, 1 to 4 people is about right.",
    },
    remediation: {
      steps: {
        ja: "IAM >「ポリシー」> AdministratorAccess >「エンティティ」で持っている人を確認し、必要のない人からは外して、業務に必要な権限だけのポリシーを付けます。",
        en: "In IAM > Policies > AdministratorAccess > Entities attached, review who holds it, detach it from those who do not need it, and give them a policy with only what their work needs.",
      },
      consolePath: { ja: "IAM > ポリシー > AdministratorAccess > アタッチされたエンティティ", en: "IAM > Policies > AdministratorAccess > Entities attached" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    },
  },
  needs: ["administrators"],
  run({ administrators }, ctx) {
    const resource = { ...ctx.tenantResource, consoleUrl: "https://console.aws.amazon.com/iam/home#/policies/details/arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FAdministratorAccess" };
    const people = [...new Set([...administrators.users, ...administrators.groups.flatMap((g) => g.members)])].sort();
    const { min, max } = ctx.policy.administrators;
    const evidence = { users: people, roles: administrators.roles, groups: administrators.groups.map((g) => g.name), allowed: { min, max } };
    if (people.length >= min && people.length <= max) return [{ status: "pass", resource, evidence }];
    return [{
      status: "fail", resource, evidence,
      message: people.length > max
        ? { ja: `${people.length} 人が管理者権限を持っています（目安 ${max} 人まで）。`, en: `${people.length} users hold administrator rights (at most ${max} advised).` }
        : { ja: "管理者権限を持つ IAM ユーザーがいません。日常の管理にルートユーザーを使っていませんか。", en: "No IAM user holds administrator rights: is the root user used for daily work?" },
    }];
  },
});
