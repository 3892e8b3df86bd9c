import type { SiteBaseline } from "../../feed/site-baseline.ts";
import type { FeedSiteInventory } from "../../feed/site-schema.ts";
import type { FormObservation, PageSnapshot, ScriptObservation, SiteObservation } from "./facts.ts";

export type Change = FeedSiteInventory["scripts"][number]["change"];

export interface ScriptComparison {
  script: ScriptObservation;
  change: Change;
  baselineSha256?: string;
}

export interface FormComparison {
  form: FormObservation;
  change: Change;
  baselineActionOrigin?: string;
}

/**
 * Each script of the page against the baseline, the way PCI DSS 11.6.1 asks: a file the page
 * did not load before, from an origin it never used (the typical skimmer), or from a known one;
 * a known file whose content differs. A script whose content could not be read is `unknown`,
 * never `unchanged`.
 */
export function compareScripts(page: PageSnapshot, baseline: SiteBaseline, recordedNow: boolean, pageOrigin: string): ScriptComparison[] {
  const before = new Map(baseline.scripts.map((s) => [s.key, s]));
  const knownOrigins = new Set([pageOrigin, ...baseline.scripts.flatMap((s) => (s.origin ? [s.origin] : []))]);
  return page.scripts.map((script): ScriptComparison => {
    if (recordedNow) return { script, change: "first_scan" };
    const approved = before.get(script.key);
    if (!approved) return { script, change: script.inline || knownOrigins.has(script.origin ?? "") ? "new_file" : "new_origin" };
    const shaNow = script.content.ok ? script.content.value.sha256 : undefined;
    const base = approved.sha256 ? { baselineSha256: approved.sha256 } : {};
    if (shaNow === undefined) return { script, change: "unknown", ...base };
    return { script, change: shaNow === approved.sha256 ? "unchanged" : "changed", ...base };
  });
}

/** Each form against the form at the same position in the baseline; a new form is judged by where it sends. */
export function compareForms(page: PageSnapshot, baseline: SiteBaseline, recordedNow: boolean, pageOrigin: string): FormComparison[] {
  const before = new Map(baseline.forms.map((f) => [f.index, f]));
  const knownOrigins = new Set([pageOrigin, ...baseline.forms.map((f) => f.actionOrigin)]);
  return page.forms.map((form): FormComparison => {
    if (recordedNow) return { form, change: "first_scan" };
    const approved = before.get(form.index);
    if (!approved) return { form, change: knownOrigins.has(form.actionOrigin) ? "unchanged" : "changed" };
    return { form, change: approved.actionOrigin === form.actionOrigin ? "unchanged" : "changed", baselineActionOrigin: approved.actionOrigin };
  });
}

const AWAITING: ReadonlySet<Change> = new Set(["new_origin", "new_file", "changed"]);

/** The page's part of the feed: what it loads, against what was approved; hashes and origins, never script text. */
export function inventorySection(site: SiteObservation): FeedSiteInventory {
  const error = !site.page.ok ? site.page.error.message : !site.baseline.ok ? site.baseline.error.message : undefined;
  if (!site.page.ok || !site.baseline.ok) {
    return { url: site.url, ...(error ? { error } : {}), scripts: [], removedScripts: [], forms: [], iframes: [], awaitingApproval: false };
  }
  const page = site.page.value;
  const { record, recordedNow } = site.baseline.value;
  const scripts = compareScripts(page, record, recordedNow, site.origin);
  const forms = compareForms(page, record, recordedNow, site.origin);
  const present = new Set(page.scripts.map((s) => s.key));
  return {
    url: site.url,
    finalUrl: page.finalUrl,
    baseline: { at: record.at, source: record.source, ...(record.by ? { by: record.by } : {}) },
    scripts: scripts.map(({ script, change, baselineSha256 }) => ({
      key: script.key,
      inline: script.inline,
      ...(script.src ? { src: script.src } : {}),
      ...(script.origin ? { origin: script.origin } : {}),
      ...(script.loadedAtRunTime ? { loadedAtRunTime: true as const } : {}),
      ...(script.content.ok ? { sha256: script.content.value.sha256, bytes: script.content.value.bytes } : { error: script.content.error.message }),
      change,
      ...(baselineSha256 && baselineSha256 !== (script.content.ok ? script.content.value.sha256 : undefined) ? { baselineSha256 } : {}),
    })),
    removedScripts: recordedNow ? [] : record.scripts.filter((s) => !present.has(s.key)).map((s) => ({
      key: s.key, ...(s.src ? { src: s.src } : {}), ...(s.sha256 ? { sha256: s.sha256 } : {}),
    })),
    forms: forms.map(({ form, change, baselineActionOrigin }) => ({
      index: form.index,
      actionOrigin: form.actionOrigin,
      ...(baselineActionOrigin && baselineActionOrigin !== form.actionOrigin ? { baselineActionOrigin } : {}),
      change,
    })),
    iframes: page.iframes,
    awaitingApproval: scripts.some((s) => AWAITING.has(s.change)) || forms.some((f) => AWAITING.has(f.change)),
  };
}
