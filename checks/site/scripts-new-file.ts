import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck } from "../framework.ts";
import { IPA_EC_GUIDELINE_URL, newScriptResults } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.scripts.new_file",
    provider: "site",
    service: "scripts",
    severity: "high",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "決済ページのスクリプトが、承認されたものだけである", en: "The payment page loads only approved scripts" },
    detail: {
      ja: "決済ページで動くスクリプトはすべて把握し、承認しておく必要があります（PCI DSS 6.4.3）。知っている提供元からでも、新しいファイルは改ざんの入口になり得ます。",
      en: "Every script running on the payment page must be known and approved (PCI DSS 6.4.3). A new file, even from a known origin, can be the way in for tampering.",
    },
    remediation: {
      steps: {
        ja: "1. 制作会社・保守会社に、このスクリプトを追加した理由を確認する\n2. 正しい追加なら、結果ページの「EC サイト」で承認する\n3. 覚えがなければ、改ざんとして調査を依頼する",
        en: "1. Ask your web developer or maintenance company why this script was added\n2. If it is intended, approve it under “Online shop” on the findings page\n3. If nobody added it, have it investigated as tampering",
      },
      consolePath: { ja: "結果ページ > EC サイト > スクリプト一覧", en: "Findings page > Online shop > Scripts" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return newScriptResults(sites, "new_file", {
      ja: "承認されていないスクリプト（{src}）が決済ページに追加されています。",
      en: "A script that was never approved ({src}) was added to the payment page.",
    });
  },
});
