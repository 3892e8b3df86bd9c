import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck } from "../framework.ts";
import { APPROVED, FIRST_SCAN, IPA_EC_GUIDELINE_URL, perSite, scriptResource, scriptsAgainstBaseline } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.scripts.inline_changed",
    provider: "site",
    service: "scripts",
    severity: "high",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "決済ページに直接書かれたスクリプトが、承認されたときから変わっていない", en: "Scripts written into the payment page are unchanged since they were approved" },
    detail: {
      ja: "スクリプトはページの中に直接書かれることもあります（インラインスクリプト）。ここに数行足すだけでもカード情報は盗めます。",
      en: "Scripts can also be written into the page itself (inline scripts); a few added lines there are enough to steal card numbers.",
    },
    remediation: {
      steps: {
        ja: "1. 制作会社・保守会社に、決済ページを更新したか確認する\n2. 覚えがなければ改ざんとして調査を依頼する\n3. 正しい更新なら、結果ページの「EC サイト」で承認する",
        en: "1. Ask your web developer or maintenance company whether they changed the payment page\n2. If nobody did, have it investigated as tampering\n3. If the change is intended, approve it under “Online shop” on the findings page",
      },
      consolePath: { ja: "結果ページ > EC サイト > スクリプト一覧", en: "Findings page > Online shop > Scripts" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return perSite(sites, (site) => scriptsAgainstBaseline(site).filter(({ script }) => script.inline).map(({ script, change, baselineSha256 }) => {
      const resource = scriptResource(site, script);
      const sha256 = script.content.ok ? script.content.value.sha256 : undefined;
      const evidence = { sha256, baselineSha256 };
      if (change === "first_scan") return { status: "pass", resource, evidence, message: FIRST_SCAN };
      if (change === "unchanged") return { status: "pass", resource, evidence, message: APPROVED };
      return {
        status: "fail", resource, evidence,
        message: change === "changed"
          ? { ja: "ページに直接書かれたスクリプトの中身が変わっています。", en: "A script written into the page has changed." }
          : { ja: "ページに直接書かれたスクリプトが新しく追加されています。", en: "A new script was written into the page." },
      };
    }));
  },
});
