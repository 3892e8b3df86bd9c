import { randomBytes } from "node:crypto";
import PQueue from "p-queue";
import type { SiteConfig } from "../../config/site-config.ts";
import { baselineFor, type SiteBaseline, type SiteBaselineContent } from "../../feed/site-baseline.ts";
import type { AnswerStore } from "../../store/answer-store.ts";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import { adminPagesToProbe } from "./admin-paths.ts";
import type { AdminProbe, PageSnapshot, ScriptObservation, SiteFacts, SiteObservation } from "./facts.ts";
import { fetchResource, SiteFetchError, type SiteFetchLimits } from "./fetcher.ts";
import { readMarkup, sha256 } from "./inventory.ts";
import { renderedScriptUrls } from "./renderer.ts";
import { probeCertificate, probeLegacyProtocols } from "./tls-probe.ts";

export interface SiteCollectOptions {
  tenantId: string;
  /** Where baselines are kept (the owner's answer store); without it no change can be judged. */
  baselines?: Pick<AnswerStore, "list" | "append">;
  limits?: Partial<SiteLimits>;
  /** Fetches in flight at once for the tenant. */
  concurrency?: number;
  /** false: pages with `render` are not loaded in a browser in this run (the Lambda function has no Chromium). */
  render?: boolean;
  now?: () => Date;
}

export interface SiteLimits {
  timeoutMs: number;
  pageMaxBytes: number;
  scriptMaxBytes: number;
  maxRedirects: number;
  ca?: string;
}

export const DEFAULT_SITE_LIMITS: SiteLimits = { timeoutMs: 15_000, pageMaxBytes: 2 * 1024 * 1024, scriptMaxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

export interface SiteCollection {
  facts: SiteFacts;
  /** Requests made, by kind (page, script, admin page, TLS handshake). */
  apiCalls: Record<string, number>;
  errors: CollectionError[];
  startedAt: Date;
  finishedAt: Date;
}

/**
 * Looks at each watched page as a visitor's browser would first see it: the page (only from
 * the configured origins), every script it loads (fetched and hashed, wherever it lives),
 * its forms, its TLS, and the admin login pages. Each resource fails on its own: a script
 * that answers 404 is an error for that script, the rest is still judged.
 */
export async function collectSiteFacts(sites: readonly SiteConfig[], opts: SiteCollectOptions): Promise<SiteCollection> {
  const startedAt = new Date();
  const limits = { ...DEFAULT_SITE_LIMITS, ...opts.limits };
  const queue = new PQueue({ concurrency: opts.concurrency ?? 6 });
  const apiCalls: Record<string, number> = {};
  const errors: CollectionError[] = [];
  const count = (what: string) => { apiCalls[what] = (apiCalls[what] ?? 0) + 1; };
  /** One request, counted by its kind; its failure is named with its target. */
  const attempt = async <T>(kind: string, target: string, work: () => Promise<T>): Promise<Fact<T>> => {
    const operation = `${kind} ${target}`;
    count(kind);
    try {
      return collected(await queue.add(work));
    } catch (err) {
      const error = asCollectionError(operation, err);
      errors.push(error);
      return failed(error);
    }
  };

  const configuredOrigins = new Set(sites.flatMap((s) => [s.url, ...(s.adminUrls ?? [])].map((u) => new URL(u).origin)));
  const onConfiguredOrigin = (url: URL) => configuredOrigins.has(url.origin);
  const fetchLimits = (maxBytes: number): SiteFetchLimits => ({ ...limits, maxBytes, ...(limits.ca ? { ca: limits.ca } : {}) });

  const stored = await readBaselines(opts);
  const observations = await Promise.all(sites.map(async (site): Promise<SiteObservation> => {
    const url = new URL(site.url);
    const target = { host: url.hostname.replace(/^\[|\]$/g, ""), port: Number(url.port || 443), timeoutMs: limits.timeoutMs, ...(limits.ca ? { ca: limits.ca } : {}) };
    const [page, certificate, legacyProtocols, adminPages] = await Promise.all([
      attempt("GET page", site.url, () => fetchPage(site.url, onConfiguredOrigin, fetchLimits(limits.pageMaxBytes)))
        .then(async (snapshot) => {
          if (!snapshot.ok) return snapshot;
          const page = site.render && opts.render !== false ? await withRenderedScripts(snapshot.value, attempt, limits) : snapshot.value;
          return collected(await withScriptContents(page, attempt, fetchLimits(limits.scriptMaxBytes)));
        }),
      attempt("TLS certificate", url.host, () => probeCertificate(target)),
      attempt("TLS 1.0/1.1 handshakes", url.host, () => probeLegacyProtocols(target)),
      Promise.all(adminPagesToProbe(site).map(async ({ url: adminUrl, source }): Promise<AdminProbe> => ({
        url: adminUrl,
        source,
        answer: await attempt("GET admin page", adminUrl, async () => {
          const answer = await fetchResource(new URL(adminUrl), onConfiguredOrigin, fetchLimits(limits.pageMaxBytes));
          return { status: answer.status, finalUrl: answer.url };
        }),
      }))),
    ]);
    return {
      url: site.url,
      origin: url.origin,
      ...(site.platform ? { platform: site.platform } : {}),
      page,
      certificate,
      legacyProtocols,
      adminPages,
      baseline: await baselineOf(site.url, page, stored, opts),
    };
  }));
  return { facts: { sites: collected(observations) }, apiCalls, errors, startedAt, finishedAt: new Date() };
}

async function fetchPage(pageUrl: string, allowed: (url: URL) => boolean, limits: SiteFetchLimits): Promise<PageSnapshot> {
  const answer = await fetchResource(new URL(pageUrl), allowed, limits);
  if (answer.status < 200 || answer.status > 299) throw new HttpStatusError(answer.status, pageUrl);
  const markup = readMarkup(answer.body.toString("utf8"), answer.url);
  let inline = 0;
  const header = (name: string) => {
    const value = answer.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  return {
    finalUrl: answer.url,
    status: answer.status,
    headers: withoutUndefined({
      strictTransportSecurity: header("strict-transport-security"),
      contentSecurityPolicy: header("content-security-policy"),
      server: header("server"),
      poweredBy: header("x-powered-by"),
    }),
    scripts: markup.scripts.map((s): ScriptObservation => (s.inline
      ? { key: `inline:${inline++}`, inline: true, content: collected({ sha256: sha256(s.text), bytes: Buffer.byteLength(s.text) }) }
      : { key: s.src, inline: false, src: s.src, origin: new URL(s.src).origin, content: failed({ operation: `GET script ${s.src}`, code: "NotCollected", message: "not fetched yet" }) })),
    forms: markup.forms.map((f, index) => ({ index, action: f.action, actionOrigin: new URL(f.action).origin, method: f.method })),
    iframes: markup.iframes,
    ...(markup.generator !== undefined ? { generator: markup.generator } : {}),
    ...(markup.metaCsp !== undefined ? { metaCsp: markup.metaCsp } : {}),
  };
}

/**
 * The scripts the page requested in a browser that its HTML does not name, added to its list
 * (each fetched and hashed afterwards like the others). Rendering that fails is kept on the
 * page as the reason, and the list stays the HTML's.
 */
async function withRenderedScripts(
  page: PageSnapshot,
  attempt: <T>(kind: string, target: string, work: () => Promise<T>) => Promise<Fact<T>>,
  limits: SiteLimits,
): Promise<PageSnapshot> {
  const rendered = await attempt("render page", page.finalUrl, () => renderedScriptUrls(page.finalUrl, { timeoutMs: limits.timeoutMs * 2, handedCa: limits.ca !== undefined }));
  if (!rendered.ok) return { ...page, rendering: rendered };
  const inHtml = new Set(page.scripts.map((s) => s.key));
  const added = rendered.value.filter((src) => !inHtml.has(src)).map((src): ScriptObservation => ({
    key: src, inline: false, src, origin: new URL(src).origin, loadedAtRunTime: true,
    content: failed({ operation: `GET script ${src}`, code: "NotCollected", message: "not fetched yet" }),
  }));
  return { ...page, scripts: [...page.scripts, ...added], rendering: collected({ scripts: rendered.value.length }) };
}

/** Each external script fetched and hashed; the same address twice on a page is fetched once. */
async function withScriptContents(
  page: PageSnapshot,
  attempt: <T>(kind: string, target: string, work: () => Promise<T>) => Promise<Fact<T>>,
  limits: SiteFetchLimits,
): Promise<PageSnapshot> {
  const contents = new Map<string, Promise<Fact<{ sha256: string; bytes: number }>>>();
  const contentOf = (src: string) => {
    let content = contents.get(src);
    if (!content) {
      // A script may live anywhere the page points to (that is how third-party scripts work),
      // but never on a link-local or metadata address: the fetcher's address guard sees to that.
      content = attempt("GET script", src, async () => {
        const answer = await fetchResource(new URL(src), () => true, limits);
        if (answer.status < 200 || answer.status > 299) throw new HttpStatusError(answer.status, src);
        return { sha256: sha256(answer.body), bytes: answer.body.length };
      });
      contents.set(src, content);
    }
    return content;
  };
  const scripts = await Promise.all(page.scripts.map(async (s) => (s.inline || !s.src ? s : { ...s, content: await contentOf(s.src) })));
  return { ...page, scripts };
}

class HttpStatusError extends Error {
  override name = "HttpStatusError";
  constructor(readonly status: number, url: string) {
    super(`${url} answered HTTP ${status}`);
  }
}

async function readBaselines(opts: SiteCollectOptions): Promise<Fact<readonly { kind: string }[]>> {
  if (!opts.baselines) {
    return failed({ operation: "read baselines", code: "NoBaselineStore", message: "this run keeps no answer store, so there is no approved baseline to compare with" });
  }
  try {
    return collected(await opts.baselines.list(opts.tenantId));
  } catch (err) {
    return failed(asCollectionError("read baselines", err));
  }
}

/**
 * The baseline in force for a page. The first scan of a page that loaded records what it
 * saw as the baseline (appended, like every answer) and says so: from then on every change
 * stays a finding until someone approves it on the findings page.
 */
async function baselineOf(
  site: string,
  page: Fact<PageSnapshot>,
  stored: Fact<readonly { kind: string }[]>,
  opts: SiteCollectOptions,
): Promise<SiteObservation["baseline"]> {
  if (!stored.ok) return stored;
  const existing = baselineFor(stored.value, site);
  if (existing) return collected({ record: existing, recordedNow: false });
  if (!page.ok) return failed({ operation: "record baseline", code: "PageNotLoaded", message: "the page could not be loaded, so no baseline could be recorded yet" });
  const record: SiteBaseline = {
    kind: "siteBaseline",
    site,
    source: "first_scan",
    ...baselineContent(page.value),
    id: randomBytes(12).toString("base64url"),
    at: (opts.now?.() ?? new Date()).toISOString(),
    by: "cloud15",
  };
  try {
    await opts.baselines!.append(opts.tenantId, record);
  } catch (err) {
    return failed(asCollectionError("record baseline", err));
  }
  return collected({ record, recordedNow: true });
}

/** What a baseline keeps of a page: addresses, origins and hashes, never a script's text. */
export function baselineContent(page: Pick<PageSnapshot, "scripts" | "forms">): SiteBaselineContent {
  return {
    scripts: page.scripts.map((s) => withoutUndefined({
      key: s.key,
      src: s.src,
      origin: s.origin,
      sha256: s.content.ok ? s.content.value.sha256 : undefined,
    })),
    forms: page.forms.map((f) => ({ index: f.index, actionOrigin: f.actionOrigin })),
  };
}

function asCollectionError(operation: string, err: unknown): CollectionError {
  if (err instanceof SiteFetchError) return { operation, code: err.code, message: err.message };
  if (err instanceof HttpStatusError) return { operation, code: `HTTP${err.status}`, message: err.message };
  const e = err as NodeJS.ErrnoException;
  return { operation, code: e?.code ?? e?.name ?? "Error", message: e?.message ?? String(err) };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
