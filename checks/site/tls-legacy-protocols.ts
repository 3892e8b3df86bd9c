import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { value } from "../../providers/fact.ts";
import { fill } from "../text.ts";
import { IPA_EC_GUIDELINE_URL, originResource } from "./resources.ts";

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.tls.legacy_protocols",
    provider: "site",
    service: "tls",
    severity: "medium",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "古い暗号化方式（TLS 1.0 / 1.1）を受け付けていない", en: "The site no longer accepts old encryption (TLS 1.0 / 1.1)" },
    detail: {
      ja: "TLS 1.0 と 1.1 は弱点が知られた古い方式で、クレジットカード業界の基準（PCI DSS）でも使用が認められていません。今のブラウザーは TLS 1.2 以上を使います。",
      en: "TLS 1.0 and 1.1 are old versions with known weaknesses, no longer allowed by the card industry's standard (PCI DSS). Current browsers use TLS 1.2 or newer.",
    },
    remediation: {
      steps: {
        ja: "サーバー会社・制作会社に、TLS 1.0 と 1.1 を無効にし、TLS 1.2 以上だけにするよう依頼する",
        en: "Ask your hosting company or web developer to turn off TLS 1.0 and 1.1 and allow only TLS 1.2 and newer",
      },
      consolePath: { ja: "サーバーの設定 > SSL/TLS", en: "Server settings > SSL/TLS" },
      url: IPA_EC_GUIDELINE_URL,
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return eachResource(sites, originResource, (site) => {
      const { tls10, tls11 } = value(site.legacyProtocols);
      const accepted = [tls10 ? "TLS 1.0" : "", tls11 ? "TLS 1.1" : ""].filter(Boolean);
      if (accepted.length === 0) return { status: "pass", evidence: { tls10, tls11 } };
      return {
        status: "fail", evidence: { tls10, tls11 },
        message: fill({ ja: "{versions} でも接続できます。", en: "The site still accepts {versions}." }, { versions: accepted.join(", ") }),
      };
    });
  },
});
