import type { Fact } from "../fact.ts";
import { adminPages } from "./admin-pages.ts";
import type { LicenceAssignment } from "./facts.ts";
import { parseLicence } from "./parse.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import type { GoogleSession } from "./session.ts";

/** License Manager's product id for every Google Workspace edition (its SKUs are the editions). */
export const WORKSPACE_PRODUCT = "Google-Apps";

/**
 * Every Google Workspace licence of the customer, 1,000 a page, as the administrator: one
 * listing answers both who still holds one and which editions the company has.
 * License Manager takes only the real `C…` customer id.
 */
export function listLicences(s: GoogleSession, customerId: string): Promise<Fact<LicenceAssignment[]>> {
  const scope = GOOGLE_SCOPES.licensing;
  return s.caller.fact("licenseAssignments.listForProduct", async () => {
    const licences: LicenceAssignment[] = [];
    const pages = adminPages(s, "licenseAssignments.listForProduct", scope, (auth, pageToken) => s.clients.licensing.licenseAssignments.listForProduct({
      auth, productId: WORKSPACE_PRODUCT, customerId, maxResults: 1000, fields: "nextPageToken,items(userId,skuId,skuName)",
      ...(pageToken ? { pageToken } : {}),
    }));
    for await (const page of pages) licences.push(...(page.items ?? []).map(parseLicence));
    return licences;
  });
}
