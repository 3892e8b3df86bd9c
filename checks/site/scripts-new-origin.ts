import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck } from "../framework.ts";
import { IPA_EC_GUIDELINE_URL, newScriptResults } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.scripts.new_origin",
    provider: "site",
    service: "scripts",
    severity: "critical",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "決済ページに、これまでにない提供元のスクリプトが追加されていない", en: "The payment page loads no script from a new origin" },
    detail: {
      ja: "カード情報を盗む攻撃の多くは、決済ページに攻撃者のサーバーのスクリプト（プログラム）を 1 行足すだけです。お客様が入力したカード番号がそのまま送られます。カード情報を保持しない（非保持化）お店でも被害になります。",
      en: "Most card-skimming attacks add one line to the payment page that loads a script (a small program) from the attacker's server; it sends whatever the customer types. Shops that never store card numbers are hit too.",
    },
    remediation: {
      steps: {
        ja: "1. 制作会社・保守会社に、このスクリプトを追加したか確認する\n2. 追加した覚えがなければ、すぐにサイトを止めるか決済を止め、改ざんとして調査を依頼する（カード会社・決済代行会社にも連絡）\n3. 正しい追加なら、結果ページの「EC サイト」で承認する",
        en: "1. Ask your web developer or maintenance company whether they added this script\n2. If nobody did, take the payment page offline and have it investigated as tampering (tell your card acquirer / payment provider)\n3. If the change is intended, approve it under “Online shop” on the findings page",
      },
      consolePath: { ja: "結果ページ > EC サイト > スクリプト一覧", en: "Findings page > Online shop > Scripts" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return newScriptResults(sites, "new_origin", {
      ja: "これまで使っていなかった提供元（{origin}）のスクリプトが決済ページに追加されています。",
      en: "The payment page now loads a script from an origin it never used before ({origin}).",
    });
  },
});
