import type { AccessKeyState, AwsFacts } from "../../providers/aws/facts.ts";
import { value } from "../../providers/fact.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { userResource } from "./resources.ts";

const DAY_MS = 86_400_000;

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.iam.access_key_rotation",
    provider: "aws",
    service: "iam",
    severity: "medium",
    ipaItems: [9, 8, 4],
    itemReasons: {
      9: { ja: "プログラムがサインインに使う鍵（アクセスキー）が、古いまま使われていないかを見ます。", en: "Checks that the keys programs sign in with (access keys) are not left old." },
      8: { ja: "使われていない鍵が残って、もう要らない人やプログラムが入れる状態でないかを見ます。", en: "Looks for unused keys that still let someone or something in that no longer needs to be." },
      4: { ja: "アクセスキーの使用期限として会社が決めた日数を守っているかを見ます。", en: "Holds access keys to the maximum age the company set." },
    },
    ownerRule: "accessKeyMaxAgeDays",
    title: { ja: "アクセスキーが使われていて、古すぎない", en: "Access keys are in use and not too old" },
    detail: {
      ja: "長く同じアクセスキーを使うほど、どこかに漏れている可能性が高まります。使われていないキーは、持ち主が知らないまま漏れても気づけません。",
      en: "The longer a key lives, the likelier it has leaked somewhere. A key nobody uses can leak without anyone noticing.",
    },
    remediation: {
      steps: {
        ja: "IAM >「ユーザー」> 対象ユーザー >「セキュリティ認証情報」で、新しいキーを作ってプログラムを切り替え、古いキーを無効化してから削除します。使っていないキーはすぐに削除します。可能なら IAM ロールに置き換えます。",
        en: "In IAM > Users > (user) > Security credentials create a new key, switch the program to it, then deactivate and delete the old one. Delete unused keys right away; better still, replace keys with IAM roles.",
      },
      consolePath: { ja: "IAM > ユーザー > (ユーザー名) > セキュリティ認証情報 > アクセスキー", en: "IAM > Users > (user) > Security credentials > Access keys" },
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
    },
  },
  needs: ["credentialReport"],
  run({ credentialReport }, ctx) {
    const maxAgeDays = ctx.policy.accessKeyMaxAgeDays;
    const ageDays = (iso: string | null) => (iso ? Math.floor((ctx.now.getTime() - Date.parse(iso)) / DAY_MS) : null);
    // A user whose key columns could not be read is judged too: it becomes error, never absent.
    const withKeys = credentialReport.users.filter((u) => !u.accessKeys.ok || u.accessKeys.value.some((k) => k.active));
    return eachResource(withKeys, userResource, (u) => {
      const problems: { slot: number; ageDays: number | null; unusedDays: number | null; problem: "old" | "unused" }[] = [];
      const keys = value(u.accessKeys).filter((k) => k.active).map((k: AccessKeyState) => {
        const age = ageDays(k.lastRotated);
        const unused = k.lastUsed ? ageDays(k.lastUsed) : age;
        if (age !== null && age > maxAgeDays) problems.push({ slot: k.slot, ageDays: age, unusedDays: unused, problem: "old" });
        else if (unused !== null && unused > maxAgeDays) problems.push({ slot: k.slot, ageDays: age, unusedDays: unused, problem: "unused" });
        return { slot: k.slot, ageDays: age, lastUsed: k.lastUsed };
      });
      const evidence = { keys, maxAgeDays, reportGeneratedAt: credentialReport.generatedAt };
      if (problems.length === 0) return { status: "pass", evidence };
      const ja = problems.map((p) => p.problem === "old" ? `キー${p.slot}は作成から${p.ageDays}日` : `キー${p.slot}は${p.unusedDays}日使われていません`);
      const en = problems.map((p) => p.problem === "old" ? `key ${p.slot} is ${p.ageDays} days old` : `key ${p.slot} unused for ${p.unusedDays} days`);
      return {
        status: "fail", evidence,
        message: { ja: `${ja.join("、")}（上限 ${maxAgeDays} 日）。`, en: `${en.join("; ")} (limit ${maxAgeDays} days).` },
      };
    });
  },
});
