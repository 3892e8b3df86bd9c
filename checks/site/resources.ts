import { FactUnavailable, value } from "../../providers/fact.ts";
import { compareForms, compareScripts, type FormComparison, type ScriptComparison } from "../../providers/site/baseline-diff.ts";
import type { PageSnapshot, ScriptObservation, SiteObservation } from "../../providers/site/facts.ts";
import { errorResult, type CheckResult, type ResourceRef } from "../framework.ts";
import { fill, type Text } from "../text.ts";

export const IPA_EC_GUIDELINE_URL = "https://www.ipa.go.jp/security/guide/vuln/guideforecsite.html";

export function pageResource(site: Pick<SiteObservation, "url">): ResourceRef {
  return { uid: `site:${site.url}`, name: site.url, type: "Site::Page", consoleUrl: site.url };
}

export function originResource(site: Pick<SiteObservation, "origin">): ResourceRef {
  return { uid: `site:${site.origin}`, name: site.origin, type: "Site::TlsEndpoint" };
}

export function scriptResource(site: Pick<SiteObservation, "url">, script: Pick<ScriptObservation, "key" | "inline" | "src">): ResourceRef {
  const n = script.inline ? Number(script.key.slice("inline:".length)) + 1 : 0;
  return {
    uid: `site:${site.url}#script:${script.key}`,
    name: script.inline ? `inline script ${n} / インラインスクリプト ${n}` : script.src ?? script.key,
    type: script.inline ? "Site::InlineScript" : "Site::Script",
  };
}

/**
 * Runs a judgement per watched page; a fact the page's judgement needs that could not be
 * collected makes that page `error` (on the page's resource), the other pages are still judged.
 */
export function perSite(sites: readonly SiteObservation[], judge: (site: SiteObservation) => CheckResult[], resource = pageResource): CheckResult[] {
  return sites.flatMap((site) => {
    try {
      return judge(site);
    } catch (err) {
      if (err instanceof FactUnavailable) return [errorResult(resource(site), err.error)];
      throw err;
    }
  });
}

/** The page's scripts against its baseline; throws (→ error) when either could not be read. */
export function scriptsAgainstBaseline(site: SiteObservation): ScriptComparison[] {
  const page = value(site.page);
  const { record, recordedNow } = value(site.baseline);
  return compareScripts(page, record, recordedNow, site.origin);
}

/**
 * The page's external scripts against its baseline. Where the page was to be rendered and could
 * not be, the scripts added at run time are unknown: throws (→ error), never a partial pass.
 */
export function externalScriptsAgainstBaseline(site: SiteObservation): ScriptComparison[] {
  const rendering = value(site.page).rendering;
  if (rendering) value(rendering);
  return scriptsAgainstBaseline(site).filter(({ script }) => !script.inline);
}

export function formsAgainstBaseline(site: SiteObservation): FormComparison[] {
  const page = value(site.page);
  const { record, recordedNow } = value(site.baseline);
  return compareForms(page, record, recordedNow, site.origin);
}

export const FIRST_SCAN: Text = {
  ja: "初回のスキャンなので、いまの状態を「承認済みの基準」として記録しました。これ以降の変更は、結果ページで承認されるまで要対応になります。",
  en: "First scan: the page as it is now was recorded as the approved baseline. From now on every change needs approval on the findings page.",
};

export const APPROVED: Text = { ja: "承認済みの基準と同じです。", en: "Same as the approved baseline." };

/** The page's HTTP header, or the same policy from a `<meta http-equiv>` tag where the standard allows one. */
export function contentSecurityPolicies(page: PageSnapshot): string[] {
  return [page.headers.contentSecurityPolicy, page.metaCsp].filter((p): p is string => p !== undefined && p.trim() !== "");
}

/**
 * The two new-script checks: each flags one kind of new script (from a new origin, or a new
 * file from a known one) and passes every other external script, so that a finding keeps its
 * resource and resolves once the script is approved.
 */
export function newScriptResults(sites: readonly SiteObservation[], flagged: "new_origin" | "new_file", message: Text): CheckResult[] {
  const other = flagged === "new_origin" ? "new_file" : "new_origin";
  return perSite(sites, (site) => externalScriptsAgainstBaseline(site).map(({ script, change }): CheckResult => {
    const resource = scriptResource(site, script);
    const evidence = { src: script.src, origin: script.origin, change };
    if (change === "first_scan") return { status: "pass", resource, evidence, message: FIRST_SCAN };
    if (change === flagged) return { status: "fail", resource, evidence, message: fill(message, { src: script.src ?? "", origin: script.origin ?? "" }) };
    return { status: "pass", resource, evidence, ...(change === other ? {} : { message: APPROVED }) };
  }));
}
