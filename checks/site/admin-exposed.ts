import { value } from "../../providers/fact.ts";
import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { fill } from "../text.ts";
import { IPA_EC_GUIDELINE_URL, pageResource } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.admin.exposed",
    provider: "site",
    service: "admin",
    severity: "high",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "ショップの管理画面が、インターネットの誰からでも開けない", en: "The shop's admin login cannot be opened by anyone on the internet" },
    detail: {
      ja: "管理画面に入られると、決済ページの改ざんも顧客情報の持ち出しもできてしまいます。IPA は、管理画面を社内など決まった場所（IP アドレス）からしか開けないよう制限することを勧めています。",
      en: "Whoever gets into the admin screen can tamper with the payment page and take customer data. IPA recommends allowing the admin screen only from known places (IP addresses), such as the office.",
    },
    remediation: {
      steps: {
        ja: "1. 制作会社・保守会社・サーバー会社に、管理画面を会社の IP アドレスからだけ開けるよう設定を依頼する\n2. 初期設定の場所（/admin など）のままなら、別の場所に変えてもらう\n3. 管理者のパスワードを長いものにし、2 段階認証があれば有効にする",
        en: "1. Ask your web developer or hosting company to allow the admin screen only from the company's IP addresses\n2. If it is still at its default address (such as /admin), have it moved\n3. Use a long admin password and turn on two-step verification if available",
      },
      consolePath: { ja: "サーバーの設定（.htaccess・WAF など）/ ショップソフトの管理画面設定", en: "Server settings (.htaccess, WAF) / the shop software's admin settings" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return sites.flatMap((site) => {
      if (site.adminPages.length === 0) {
        return [{
          status: "skipped" as const,
          resource: pageResource(site),
          reason: {
            ja: "管理画面の場所が分かりません。設定の adminUrls に管理画面の URL を書くか、platform（ショップソフト）を指定してください。",
            en: "The admin page's address is unknown: list it in adminUrls, or set platform (the shop software) in the config.",
          },
        }];
      }
      return eachResource(site.adminPages, (probe) => ({ uid: `site:${probe.url}`, name: probe.url, type: "Site::AdminPage", consoleUrl: probe.url }), (probe) => {
        const { status, finalUrl } = value(probe.answer);
        const evidence = { status, finalUrl, source: probe.source };
        if (status >= 200 && status < 300) {
          return {
            status: "fail",
            evidence,
            message: fill({
              ja: "管理画面（{url}）がインターネットから開けます（応答 {status}）。",
              en: "The admin page ({url}) opens from the internet (HTTP {status}).",
            }, { url: probe.url, status }),
          };
        }
        return {
          status: "pass",
          evidence,
          message: fill({ ja: "外部からは開けません（応答 {status}）。", en: "Not reachable from outside (HTTP {status})." }, { status }),
        };
      });
    });
  },
});
