import type { Fact } from "../fact.ts";
import { adminPages } from "./admin-pages.ts";
import type { DriveLabel } from "./facts.ts";
import { parseLabel } from "./parse.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import type { GoogleSession } from "./session.ts";

/**
 * Every Drive label of the customer, drafts included (their state tells them apart), 200 a
 * page, as the administrator with admin access: never the files they are applied to.
 */
export function listDriveLabels(s: GoogleSession): Promise<Fact<DriveLabel[]>> {
  const scope = GOOGLE_SCOPES.driveLabels;
  return s.caller.fact("labels.list", async () => {
    const labels: DriveLabel[] = [];
    const pages = adminPages(s, "labels.list", scope, (auth, pageToken) => s.clients.driveLabels.labels.list({
      auth, useAdminAccess: true, publishedOnly: false, view: "LABEL_VIEW_BASIC", pageSize: 200,
      fields: "nextPageToken,labels(id,labelType,properties(title),lifecycle(state))", ...(pageToken ? { pageToken } : {}),
    }));
    for await (const page of pages) labels.push(...(page.labels ?? []).map(parseLabel));
    return labels;
  });
}
