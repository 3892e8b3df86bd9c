import type { Fact } from "../fact.ts";
import type { WorkspacePolicy } from "./facts.ts";
import { MalformedResponse, parseDriveSharing } from "./parse.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import type { GoogleSession } from "./session.ts";

const SHARING = "drive_and_docs.external_sharing";
/**
 * One RE2 pattern for both setting families, so one listing (usually one page) answers the
 * sharing and data-region checks; the filter allows a single setting.type clause.
 */
const FILTER = "setting.type.matches('^settings/(drive_and_docs\\\\.external_sharing|data_regions\\\\..+)$')";

/** The Drive sharing and data-region policies set anywhere in the customer, as the super administrator. */
export function listPolicies(s: GoogleSession): Promise<Fact<WorkspacePolicy[]>> {
  const scope = GOOGLE_SCOPES.policies;
  return s.caller.fact("policies.list", async () => {
    const policies: WorkspacePolicy[] = [];
    let pageToken: string | undefined;
    do {
      const auth = await s.credentials.actingAs(s.adminEmail, scope, "tenant");
      const page = await s.caller.call({ operation: "policies.list", scope, subject: s.adminEmail }, () =>
        s.clients.cloudIdentity.policies.list({
          auth, filter: FILTER, pageSize: 100, fields: "nextPageToken,policies(policyQuery(orgUnit,group),setting)",
          ...(pageToken ? { pageToken } : {}),
        }), "tenant");
      for (const p of page.data.policies ?? []) {
        const type = p.setting?.type;
        if (!type?.startsWith("settings/")) throw new MalformedResponse("policies.list returned a policy without a setting type");
        const setting = type.slice("settings/".length);
        const value = (p.setting?.value ?? {}) as Record<string, unknown>;
        policies.push({
          setting,
          value,
          ...(p.policyQuery?.orgUnit ? { orgUnit: p.policyQuery.orgUnit } : {}),
          ...(p.policyQuery?.group ? { group: p.policyQuery.group } : {}),
          ...(setting === SHARING ? { driveSharing: parseDriveSharing(value, `${setting} (${p.policyQuery?.orgUnit || p.policyQuery?.group || "customer"})`) } : {}),
        });
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    return policies;
  });
}
