import { select } from "./fields.ts";
import type { SimUser, SimWorkspace } from "./model.ts";
import { requireScope } from "./token.ts";
import { GoogleError, intParam, json, pageOf, type Caller, type SimRequest, type SimResponse } from "./wire.ts";

/** License Manager has a single scope, for reading and assigning licences alike. */
const SCOPES = ["https://www.googleapis.com/auth/apps.licensing"];

/** SKU names of product `Google-Apps`, as License Manager's products and SKUs table names them. */
export const WORKSPACE_SKUS: Record<string, string> = {
  "1010020027": "Google Workspace Business Starter",
  "1010020028": "Google Workspace Business Standard",
  "1010020025": "Google Workspace Business Plus",
  "1010020026": "Google Workspace Enterprise Standard",
  "1010020020": "Google Workspace Enterprise Plus",
};

/** Enterprise License Manager v1 `licenseAssignments.listForProduct` (GET /apps/licensing/v1/product/{productId}/users). */
export function listLicencesForProduct(req: SimRequest, caller: Caller, ws: SimWorkspace, productId: string, pageSizeCap: number): SimResponse {
  requireScope(caller, SCOPES, "licensing.googleapis.com", "licensing.licenseAssignments.listForProduct");
  const q = req.query;
  const customerId = q.get("customerId");
  if (!customerId) throw new GoogleError(400, "required", "Required parameter: customerId", { location: "customerId" });
  const admin = ws.users.find((u) => u.primaryEmail === caller.subject);
  // `my_customer` is not accepted: the real id, or (as a previous version allowed) the primary domain.
  if (!admin?.isAdmin || (customerId !== ws.customerId && customerId !== ws.domain)) {
    throw new GoogleError(403, "forbidden", "Not Authorized to access this resource/api");
  }
  const maxResults = intParam(q, "maxResults", { min: 1, max: 1000 }) ?? 100;
  const licensed = productId === "Google-Apps" ? ws.users.filter((u): u is SimUser & { skuId: string } => u.skuId !== undefined) : [];
  const page = pageOf(licensed, q.get("pageToken"), Math.min(maxResults, pageSizeCap), `${productId}|${customerId}`,
    () => new GoogleError(400, "invalid", "Invalid Input: pageToken", { location: "pageToken" }));
  const response = {
    kind: "licensing#licenseAssignmentList",
    etag: '"sim-etag"',
    ...(page.items.length > 0 ? {
      items: page.items.map((u) => ({
        kind: "licensing#licenseAssignment",
        etags: `"sim-${u.id}"`,
        selfLink: `https://licensing.googleapis.com/apps/licensing/v1/product/${productId}/sku/${u.skuId}/user/${u.primaryEmail}`,
        userId: u.primaryEmail,
        productId,
        productName: "Google Workspace",
        skuId: u.skuId,
        skuName: WORKSPACE_SKUS[u.skuId] ?? u.skuId,
      })),
    } : {}),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "*"));
}
