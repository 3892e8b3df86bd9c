import { select } from "./fields.ts";
import type { SimLabel, SimWorkspace } from "./model.ts";
import { requireScope } from "./token.ts";
import { GoogleError, json, pageOf, type Caller, type SimRequest, type SimResponse } from "./wire.ts";

const USER_SCOPES = ["https://www.googleapis.com/auth/drive.labels", "https://www.googleapis.com/auth/drive.labels.readonly"];
const ADMIN_SCOPES = ["https://www.googleapis.com/auth/drive.admin.labels", "https://www.googleapis.com/auth/drive.admin.labels.readonly"];
const VIEWS = new Set(["LABEL_VIEW_BASIC", "LABEL_VIEW_FULL"]);

/**
 * Drive Labels API v2 `labels.list` (GET /v2/labels). With `useAdminAccess` every label of the
 * customer, for an administrator with an admin labels scope; without it, the published ones.
 */
export function listLabels(req: SimRequest, caller: Caller, ws: SimWorkspace, pageSizeCap: number): SimResponse {
  const q = req.query;
  const adminAccess = q.get("useAdminAccess") === "true";
  requireScope(caller, adminAccess ? ADMIN_SCOPES : [...USER_SCOPES, ...ADMIN_SCOPES], "drivelabels.googleapis.com", "google.apps.drive.labels.v2.LabelService.ListLabels");
  if (adminAccess && !ws.users.some((u) => u.primaryEmail === caller.subject && u.isAdmin)) {
    throw new GoogleError(403, "forbidden", "The caller does not have permission", { rpcStatus: "PERMISSION_DENIED" });
  }
  const view = q.get("view");
  const requested = Number(q.get("pageSize") ?? "0");
  if ((view !== null && !VIEWS.has(view)) || !Number.isInteger(requested) || requested < 0) throw invalidArgument();
  // Documented: default 50, at most 200.
  const pageSize = Math.min(requested === 0 ? 50 : requested, 200, pageSizeCap);
  const publishedOnly = q.get("publishedOnly") === "true" || !adminAccess;
  const labels = ws.driveLabels.filter((l) => !publishedOnly || l.state === "PUBLISHED" || l.state === "DISABLED");
  const page = pageOf(labels, q.get("pageToken"), pageSize, `${adminAccess}|${publishedOnly}|${view ?? ""}`, invalidArgument);
  const response = {
    ...(page.items.length > 0 ? { labels: page.items.map((l) => labelResource(l, publishedOnly)) } : {}),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "*"));
}

function labelResource(l: SimLabel, published: boolean) {
  return {
    name: published ? `labels/${l.id}@1` : `labels/${l.id}`,
    id: l.id,
    revisionId: "1",
    labelType: l.labelType,
    properties: { title: l.title },
    lifecycle: { state: l.state, hasUnpublishedChanges: false },
  };
}

function invalidArgument(): GoogleError {
  return new GoogleError(400, "badRequest", "Request contains an invalid argument.", { rpcStatus: "INVALID_ARGUMENT" });
}
