import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck } from "../framework.ts";
import { fill } from "../text.ts";
import { APPROVED, FIRST_SCAN, formsAgainstBaseline, IPA_EC_GUIDELINE_URL, perSite } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.forms.action_origin",
    provider: "site",
    service: "forms",
    severity: "critical",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "入力フォームの送信先が、承認されたときと同じである", en: "The page's forms send to the same place as when they were approved" },
    detail: {
      ja: "フォームの送信先を書き換えると、お客様が入力したカード情報が攻撃者のサーバーへ直接送られます（偽の入力フォーム）。",
      en: "If a form's destination is rewritten, what customers type — card numbers included — goes straight to the attacker's server (a fake payment form).",
    },
    remediation: {
      steps: {
        ja: "1. すぐに決済を止め、制作会社・保守会社と決済代行会社に連絡する\n2. 改ざんの調査と、管理画面のパスワード変更を依頼する\n3. 正しい変更（決済代行会社の変更など）なら、結果ページの「EC サイト」で承認する",
        en: "1. Stop payments at once and call your web developer and payment provider\n2. Have the tampering investigated and the admin passwords changed\n3. If the change is intended (a new payment provider), approve it under “Online shop” on the findings page",
      },
      consolePath: { ja: "結果ページ > EC サイト > フォーム", en: "Findings page > Online shop > Forms" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return perSite(sites, (site) => formsAgainstBaseline(site).map(({ form, change, baselineActionOrigin }) => {
      const resource = { uid: `site:${site.url}#form:${form.index}`, name: `${site.url} form ${form.index + 1}`, type: "Site::Form", consoleUrl: site.url };
      const evidence = { actionOrigin: form.actionOrigin, baselineActionOrigin };
      if (change === "first_scan") return { status: "pass", resource, evidence, message: FIRST_SCAN };
      if (change === "unchanged") return { status: "pass", resource, evidence, message: APPROVED };
      return {
        status: "fail", resource, evidence,
        message: fill({
          ja: "フォームの送信先が {before} から {after} に変わっています。",
          en: "The form now sends to {after} instead of {before}.",
        }, { before: baselineActionOrigin ?? site.origin, after: form.actionOrigin }),
      };
    }));
  },
});
