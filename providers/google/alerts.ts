import type { Fact } from "../fact.ts";
import { adminPages } from "./admin-pages.ts";
import type { WorkspaceAlert } from "./facts.ts";
import { parseAlert } from "./parse.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import type { GoogleSession } from "./session.ts";

/** How far back the alerts are read: a month of alerts is what an owner can still act on. */
export const ALERT_WINDOW_DAYS = 30;

/**
 * The Alert Center alerts created in the last 30 days, as the administrator; Alert Center
 * filters on the server, so only that month comes back. Its customer is the caller's own.
 */
export function listRecentAlerts(s: GoogleSession, now: Date): Promise<Fact<WorkspaceAlert[]>> {
  const scope = GOOGLE_SCOPES.alerts;
  const since = new Date(now.getTime() - ALERT_WINDOW_DAYS * 86_400_000).toISOString();
  return s.caller.fact("alerts.list", async () => {
    const alerts: WorkspaceAlert[] = [];
    const pages = adminPages(s, "alerts.list", scope, (auth, pageToken) => s.clients.alertCenter.alerts.list({
      auth, filter: `createTime >= "${since}"`, pageSize: 100,
      fields: "nextPageToken,alerts(alertId,createTime,type,source,deleted,metadata(status,severity))", ...(pageToken ? { pageToken } : {}),
    }));
    for await (const page of pages) {
      for (const raw of page.alerts ?? []) {
        const alert = parseAlert(raw);
        if (alert) alerts.push(alert);
      }
    }
    return alerts;
  });
}
