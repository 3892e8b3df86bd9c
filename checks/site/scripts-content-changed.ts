import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck, errorResult, type CheckResult } from "../framework.ts";
import { fill } from "../text.ts";
import { APPROVED, externalScriptsAgainstBaseline, FIRST_SCAN, IPA_EC_GUIDELINE_URL, perSite, scriptResource } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.scripts.content_changed",
    provider: "site",
    service: "scripts",
    severity: "high",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "決済ページのスクリプトの中身が、承認されたときから変わっていない", en: "The payment page's scripts are unchanged since they were approved" },
    detail: {
      ja: "攻撃者はお店自身のスクリプトにカード情報を盗む処理を書き足すことがあります。ファイルの名前は同じままなので、中身の指紋（SHA-256 ハッシュ値）で比べます（PCI DSS 11.6.1）。",
      en: "Attackers often append a skimmer to the shop's own script: the file name stays the same, so the content is compared by its fingerprint (SHA-256 hash; PCI DSS 11.6.1).",
    },
    remediation: {
      steps: {
        ja: "1. 制作会社・保守会社に、このファイルを更新したか確認する\n2. 更新した覚えがなければ改ざんの疑いがあります。決済を止め、調査を依頼する\n3. 正しい更新なら、結果ページの「EC サイト」で承認する",
        en: "1. Ask your web developer or maintenance company whether they updated this file\n2. If nobody did, suspect tampering: stop payments and have it investigated\n3. If the update is intended, approve it under “Online shop” on the findings page",
      },
      consolePath: { ja: "結果ページ > EC サイト > スクリプト一覧", en: "Findings page > Online shop > Scripts" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return perSite(sites, (site) => externalScriptsAgainstBaseline(site).flatMap(({ script, change, baselineSha256 }): CheckResult[] => {
      const resource = scriptResource(site, script);
      // A new script is the new-script checks' finding; here only approved addresses are compared.
      if (change === "new_file" || change === "new_origin") return [];
      if (change === "first_scan") return [{ status: "pass", resource, message: FIRST_SCAN }];
      // A script that could not be fetched (a 404, a timeout) is an error for that script alone.
      if (!script.content.ok) return [errorResult(resource, script.content.error)];
      const evidence = { src: script.src, sha256: script.content.value.sha256, baselineSha256 };
      if (change === "changed") {
        return [{
          status: "fail", resource, evidence,
          message: fill({
            ja: "{src} の中身が承認されたときから変わっています。",
            en: "The content of {src} changed since it was approved.",
          }, { src: script.src ?? "" }),
        }];
      }
      return [{ status: "pass", resource, evidence, message: APPROVED }];
    }));
  },
});
