import { runCheck, type CheckResult, DEFAULT_POLICY } from "../../checks/framework.ts";
import { SITE_CHECKS } from "../../checks/site/index.ts";
import type { SiteConfig } from "../../config/site-config.ts";
import { collectSiteFacts, type SiteLimits } from "../../providers/site/collect.ts";
import type { SiteFacts } from "../../providers/site/facts.ts";
import type { StoredAnswer } from "../../feed/answers.ts";

/** An answer store in memory: the baselines of one test's tenant. */
export function memoryAnswers() {
  const records: StoredAnswer[] = [];
  return { records, list: async () => [...records], append: async (_tenant: string, record: StoredAnswer) => { records.push(record); } };
}

/** Collects the shop's facts over HTTPS and runs every site check on them, as the scan does. */
export async function checkShop(sites: SiteConfig[], opts: { ca: string; answers?: ReturnType<typeof memoryAnswers>; limits?: Partial<SiteLimits>; now?: Date }) {
  const collection = await collectSiteFacts(sites, {
    tenantId: "example-co",
    ...(opts.answers ? { baselines: opts.answers } : {}),
    // Wide: on a busy machine Chromium takes tens of seconds to start (rendering gets twice
    // this), and a handshake seconds. Tests about a page that hangs set their own.
    limits: { timeoutMs: 30_000, ...opts.limits, ...(opts.ca ? { ca: opts.ca } : {}) },
  });
  const ctx = {
    tenantId: "example-co",
    tenantResource: { uid: "site:tenant/example-co", name: "shop", type: "Site::Shop" },
    now: opts.now ?? new Date(),
    policy: DEFAULT_POLICY,
  };
  const results = new Map<string, CheckResult[]>(SITE_CHECKS.map((check) => [check.meta.id, runCheck(check, collection.facts, ctx)]));
  return { collection, facts: collection.facts as SiteFacts, results };
}

/** The one result of a check about the resource whose name contains `name`. */
export function resultFor(results: Map<string, CheckResult[]>, checkId: string, name: string): CheckResult {
  const found = (results.get(checkId) ?? []).filter((r) => r.resource.name.includes(name) || r.resource.uid.includes(name));
  if (found.length !== 1) throw new Error(`${checkId}: expected one result for ${name}, got ${found.length}: ${JSON.stringify(results.get(checkId)?.map((r) => [r.resource.uid, r.status]))}`);
  return found[0]!;
}

export function statuses(results: Map<string, CheckResult[]>, checkId: string): string[] {
  return (results.get(checkId) ?? []).map((r) => r.status);
}
