import { GRAPH_PAGE_SIZES, preferencesOf, routeGraph } from "./graph.ts";
import type { SimMicrosoftTenant } from "./model.ts";

/**
 * Renders what a scan reads of this tenant once (each drive's delta, the first pages of the
 * directory and site listings), without counting calls or taking faults, and drops it. Graph
 * is a service that is always warm; a simulator process that first compiles its own code while
 * answering a benchmark's first scan takes CPU from the scanner on the same cores.
 */
export function warmUp(tenant: SimMicrosoftTenant): void {
  const app = tenant.apps[0];
  if (!app) return;
  const token = { tenantId: tenant.tenantId, appId: app.clientId, roles: app.roles };
  const prefer = preferencesOf("deltashowremovedasdeleted, deltatraversepermissiongaps, deltashowsharingchanges, hierarchicalsharing");
  const render = (path: string, query: string) => {
    const route = routeGraph(path, new URLSearchParams(query), { tenant, token, linkRoot: "https://127.0.0.1/v1.0", pageSizes: GRAPH_PAGE_SIZES, prefer });
    JSON.stringify(route.answer());
  };
  for (const site of tenant.sites) render(`/sites/${site.id}/drive/root/delta`, "$select=id,name,webUrl,root,deleted,shared,parentReference&$top=999");
  for (let i = 0; i < 50; i++) {
    render("/users", "$select=id,displayName,userType,signInActivity&$top=999");
    render("/reports/authenticationMethods/userRegistrationDetails", "");
    render("/sites/getAllSites", "$select=id,displayName,webUrl,isPersonalSite");
  }
}
