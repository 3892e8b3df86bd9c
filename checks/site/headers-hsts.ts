import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { value } from "../../providers/fact.ts";
import { IPA_EC_GUIDELINE_URL, pageResource } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.headers.hsts",
    provider: "site",
    service: "headers",
    severity: "medium",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "ブラウザーに、常に暗号化（https）で接続するよう指示している（HSTS）", en: "The site tells browsers to always use https (HSTS)" },
    detail: {
      ja: "HSTS（エイチエスティーエス）の指示がないと、公衆 Wi-Fi などで暗号化されていない接続に誘導され、通信を盗み見られるおそれがあります。",
      en: "Without the HSTS instruction, a customer on public Wi-Fi can be steered to an unencrypted connection and overheard.",
    },
    remediation: {
      steps: {
        ja: "制作会社・サーバー会社に、応答ヘッダー Strict-Transport-Security: max-age=31536000 の追加を依頼する",
        en: "Ask your web developer or hosting company to add the response header Strict-Transport-Security: max-age=31536000",
      },
      consolePath: { ja: "サーバーの設定 > 応答ヘッダー", en: "Server settings > response headers" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return eachResource(sites, pageResource, (site) => {
      const header = value(site.page).headers.strictTransportSecurity;
      const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(header ?? "")?.[1] ?? 0);
      if (header !== undefined && maxAge > 0) return { status: "pass", evidence: { strictTransportSecurity: header } };
      return {
        status: "fail", evidence: { strictTransportSecurity: header ?? null },
        message: header === undefined
          ? { ja: "HSTS の指示がありません。", en: "There is no HSTS header." }
          : { ja: "HSTS の有効期間が 0 です（指示を取り消しています）。", en: "The HSTS header has max-age 0, which withdraws it." },
      };
    });
  },
});
