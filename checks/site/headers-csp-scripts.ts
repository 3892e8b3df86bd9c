import type { SiteFacts } from "../../providers/site/facts.ts";
import { defineCheck, eachResource } from "../framework.ts";
import { value } from "../../providers/fact.ts";
import { contentSecurityPolicies, IPA_EC_GUIDELINE_URL, pageResource } from "./resources.ts";

/** Sources that let any site's script run: a policy listing one restricts nothing. */
const ANY_SOURCE = new Set(["*", "https:", "http:", "data:", "blob:"]);

/**
 * Whether a policy limits where scripts come from: the directive a browser applies to script
 * elements (script-src-elem, else script-src, else default-src) exists and allows no wildcard.
 */
export function restrictsScripts(policy: string): boolean {
  const directives = new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!.toLowerCase(), sources]));
  const sources = directives.get("script-src-elem") ?? directives.get("script-src") ?? directives.get("default-src");
  return sources !== undefined && !sources.some((s) => ANY_SOURCE.has(s.toLowerCase()));
}

export default defineCheck<SiteFacts>()({
  meta: {
    id: "site.headers.csp_scripts",
    provider: "site",
    service: "headers",
    severity: "medium",
    ipaItems: [],
    group: "ec_site",
    title: { ja: "決済ページが、読み込んでよいスクリプトの提供元を制限している（CSP）", en: "The payment page restricts where scripts may come from (CSP)" },
    detail: {
      ja: "CSP（コンテンツ・セキュリティ・ポリシー）で許可した提供元以外のスクリプトは、ブラウザーが実行しません。改ざんで攻撃者のスクリプトが足されても、動かないようにできます。",
      en: "With a Content Security Policy (CSP), browsers refuse scripts from origins the shop did not allow, so a script added by tampering does not run.",
    },
    remediation: {
      steps: {
        ja: "制作会社に、決済ページの応答ヘッダー Content-Security-Policy に script-src（使っている提供元だけ）を設定するよう依頼する。まず Content-Security-Policy-Report-Only で試すと安全です",
        en: "Ask your web developer to set a Content-Security-Policy header with script-src listing only the origins the page uses. Trying it first as Content-Security-Policy-Report-Only is safe",
      },
      consolePath: { ja: "サーバーの設定 > 応答ヘッダー", en: "Server settings > response headers" },
      url: "https://developer.mozilla.org/docs/Web/HTTP/CSP",
    },
  },
  needs: ["sites"],
  run({ sites }) {
    return eachResource(sites, pageResource, (site) => {
      const policies = contentSecurityPolicies(value(site.page));
      // Several policies all apply: one that restricts scripts is enough.
      if (policies.some(restrictsScripts)) return { status: "pass", evidence: { policies } };
      return {
        status: "fail", evidence: { policies },
        message: policies.length === 0
          ? { ja: "CSP が設定されていません。", en: "The page sets no Content Security Policy." }
          : { ja: "CSP はありますが、スクリプトの提供元を制限していません。", en: "The page's CSP does not restrict where scripts come from." },
      };
    });
  },
});
