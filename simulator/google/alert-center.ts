import { select } from "./fields.ts";
import type { SimAlert, SimWorkspace } from "./model.ts";
import { requireScope } from "./token.ts";
import { GoogleError, json, pageOf, type Caller, type SimRequest, type SimResponse } from "./wire.ts";

/** Alert Center has a single scope, for reading and changing alerts alike. */
const SCOPES = ["https://www.googleapis.com/auth/apps.alerts"];

/** Alert Center API v1beta1 `alerts.list` (GET /v1beta1/alerts): alerts marked for deletion are not listed. */
export function listAlerts(req: SimRequest, caller: Caller, ws: SimWorkspace, pageSizeCap: number): SimResponse {
  requireScope(caller, SCOPES, "alertcenter.googleapis.com", "google.apps.alertcenter.v1beta1.AlertCenterService.ListAlerts");
  const q = req.query;
  const customerId = q.get("customerId");
  const admin = ws.users.find((u) => u.primaryEmail === caller.subject);
  if (!admin?.isAdmin || (customerId !== null && customerId !== ws.customerId.replace(/^C/, ""))) {
    throw new GoogleError(403, "forbidden", "The caller does not have permission", { rpcStatus: "PERMISSION_DENIED" });
  }
  const requested = Number(q.get("pageSize") ?? "0");
  if (!Number.isInteger(requested) || requested < 0) throw invalidArgument();
  // The server picks a size when none is asked for, and may return fewer than asked.
  const pageSize = Math.min(requested === 0 ? 50 : requested, 1000, pageSizeCap);
  const filter = q.get("filter") ?? "";
  const matches = filterOf(filter);
  const alerts = ws.alerts.filter((a) => !a.deleted && matches(a));
  const page = pageOf(alerts, q.get("pageToken"), pageSize, `${filter}|${q.get("orderBy") ?? ""}`, invalidArgument);
  const response = {
    ...(page.items.length > 0 ? { alerts: page.items.map((a) => alertResource(a, ws)) } : {}),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "*"));
}

function alertResource(a: SimAlert, ws: SimWorkspace) {
  const customerId = ws.customerId.replace(/^C/, "");
  return {
    customerId,
    alertId: a.alertId,
    createTime: a.createTime,
    startTime: a.createTime,
    updateTime: a.createTime,
    type: a.type,
    source: a.source,
    deleted: a.deleted === true,
    metadata: {
      customerId,
      alertId: a.alertId,
      ...(a.status !== undefined ? { status: a.status } : {}),
      severity: a.severity,
      updateTime: a.createTime,
    },
  };
}

/** The query filter terms the simulator knows: `createTime` compared with an RFC 3339 time, and `type = "…"`, joined by AND. */
function filterOf(filter: string): (a: SimAlert) => boolean {
  if (filter.trim() === "") return () => true;
  const tests = filter.split(/\s+AND\s+/).map((clause) => {
    const time = /^createTime\s*(>=|>|<=|<)\s*"([^"]+)"$/.exec(clause.trim());
    const type = /^type\s*=\s*"([^"]+)"$/.exec(clause.trim());
    if (time && !Number.isNaN(Date.parse(time[2]!))) {
      const at = Date.parse(time[2]!);
      const compare = { ">=": (t: number) => t >= at, ">": (t: number) => t > at, "<=": (t: number) => t <= at, "<": (t: number) => t < at }[time[1] as ">=" | ">" | "<=" | "<"];
      return (a: SimAlert) => compare(Date.parse(a.createTime));
    }
    if (type) return (a: SimAlert) => a.type === type[1];
    throw invalidArgument();
  });
  return (a) => tests.every((t) => t(a));
}

function invalidArgument(): GoogleError {
  return new GoogleError(400, "badRequest", "Request contains an invalid argument.", { rpcStatus: "INVALID_ARGUMENT" });
}
