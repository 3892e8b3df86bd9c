import { SITE_CHECKS } from "../checks/site/index.ts";
import type { ResourceRef } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { SiteFacts } from "../providers/site/facts.ts";
import type { Collected, CollectRequest, ProviderScanner } from "./provider-scanner.ts";

/** The tenant's online shop, watched over the web like a visitor's browser sees it (providers/site/). */
export const siteScanner: ProviderScanner<SiteFacts> = {
  provider: "site",
  checks: SITE_CHECKS,
  configured: (tenant) => (tenant.sites?.length ?? 0) > 0,
  fallbackResource,

  async collect(tenant: TenantConfig, request: CollectRequest): Promise<Collected<SiteFacts>> {
    if (!tenant.sites?.length) throw new Error(`tenant ${tenant.id} has no sites`);
    // parse5 is loaded only for a tenant with a shop.
    const { collectSiteFacts } = await import("../providers/site/collect.ts");
    const { inventorySection } = await import("../providers/site/baseline-diff.ts");
    const collection = await collectSiteFacts(tenant.sites, {
      tenantId: tenant.id,
      ...(request.answers ? { baselines: request.answers } : {}),
      ...(request.credentials?.site?.caCertificatePem ? { limits: { ca: request.credentials.site.caCertificatePem } } : {}),
      ...(request.concurrency ? { concurrency: request.concurrency } : {}),
      ...(request.render === false ? { render: false } : {}),
    });
    const observations = collection.facts.sites.ok ? collection.facts.sites.value : [];
    // Pages that asked for rendering and did not get it in this run (the Lambda function).
    const notRendered = request.render === false ? tenant.sites.filter((s) => s.render).map((s) => s.url) : [];
    return {
      facts: collection.facts,
      tenantResource: fallbackResource(tenant),
      apiCalls: collection.apiCalls,
      errors: collection.errors,
      reachedAccount: observations.some((o) => o.page.ok),
      startedAt: collection.startedAt,
      finishedAt: collection.finishedAt,
      inventory: observations.map(inventorySection),
      ...(notRendered.length > 0 ? {
        notes: [{
          ja: `クラウド（Lambda）での点検ではページをブラウザーで表示しない（render）ため、表示のときに追加されるスクリプトは見えていません。コマンド（cloud15 scan）で点検してください: ${notRendered.join(", ")}`,
          en: `The cloud (Lambda) check does not load pages in a browser (render), so scripts added when the page is shown are not seen; check them with the command (cloud15 scan): ${notRendered.join(", ")}`,
        }],
      } : {}),
    };
  },
};

function fallbackResource(tenant: TenantConfig): ResourceRef {
  const first = tenant.sites?.[0]?.url;
  return { uid: `site:tenant/${tenant.id}`, name: first ? new URL(first).host : tenant.id, type: "Site::Shop" };
}
