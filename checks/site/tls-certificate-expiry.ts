import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { value } from "../../providers/fact.ts";
import { fill } from "../text.ts";
import { IPA_EC_GUIDELINE_URL, originResource } from "./resources.ts";

/** Renewal takes days when a person must act; three weeks leaves room for one failed attempt. */
export const EXPIRY_WARNING_DAYS = 21;
const DAY_MS = 86_400_000;

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.tls.certificate_expiry",
    provider: "site",
    service: "tls",
    severity: "high",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "サイトの証明書（https の鍵）が有効で、期限まで 21 日以上ある", en: "The site's certificate (for https) is valid for at least 21 more days" },
    detail: {
      ja: "証明書が切れると、お客様のブラウザーに警告が出て、買い物ができなくなります。警告に慣れたお客様は偽サイトにも気づきにくくなります。",
      en: "When the certificate expires, customers' browsers show a warning and cannot buy; customers used to clicking through warnings also miss fake sites.",
    },
    remediation: {
      steps: {
        ja: "1. サーバー会社・制作会社に証明書の更新を依頼する\n2. 自動更新（Let's Encrypt など）が止まっていないか確認してもらう",
        en: "1. Ask your hosting company or web developer to renew the certificate\n2. Have them check that automatic renewal (e.g. Let's Encrypt) is working",
      },
      consolePath: { ja: "サーバー会社のコントロールパネル > SSL 証明書", en: "Hosting control panel > SSL certificates" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }, ctx) {
    return eachResource(sites, originResource, (site) => {
      const cert = value(site.certificate);
      const daysLeft = Math.floor((Date.parse(cert.validTo) - ctx.now.getTime()) / DAY_MS);
      const evidence = { issuer: cert.issuer, subject: cert.subject, validTo: cert.validTo, daysLeft, trusted: cert.trusted, trustProblem: cert.trustProblem };
      const date = cert.validTo.slice(0, 10);
      if (daysLeft < 0) {
        return { status: "fail", evidence, message: fill({ ja: "証明書は {date} に期限が切れています。", en: "The certificate expired on {date}." }, { date }) };
      }
      if (daysLeft < EXPIRY_WARNING_DAYS) {
        return { status: "fail", evidence, message: fill({ ja: "証明書の期限まであと {days} 日です（{date}）。", en: "The certificate expires in {days} days ({date})." }, { days: daysLeft, date }) };
      }
      if (!cert.trusted) {
        return {
          status: "fail", evidence,
          message: fill({ ja: "証明書がブラウザーに信頼されません（{problem}）。", en: "Browsers do not trust the certificate ({problem})." }, { problem: cert.trustProblem ?? "" }),
        };
      }
      return {
        status: "pass", evidence,
        message: fill({ ja: "発行元 {issuer}、期限 {date}（あと {days} 日）", en: "Issued by {issuer}, valid until {date} ({days} days left)" }, { issuer: cert.issuer, date, days: daysLeft }),
      };
    });
  },
});
