import type { Fact } from "../fact.ts";
import type { WorkspacePolicy } from "./facts.ts";
import { MalformedResponse, parseDlpRule, parseDriveSharing, parseSwitches, SWITCH_FIELDS } from "./parse.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import type { GoogleSession } from "./session.ts";

const SHARING = "drive_and_docs.external_sharing";
const DLP_RULE = "rule.dlp";
/**
 * One RE2 pattern for every setting the checks read, so one listing (usually one page) answers
 * the sharing, data-region, protection and classification checks; the filter allows a single
 * setting.type clause.
 */
const FILTER = "setting.type.matches('^settings/(drive_and_docs\\\\.external_sharing|data_regions\\\\..+|" +
  "security\\\\.less_secure_apps|gmail\\\\.(email_attachment_safety|links_and_external_images|spoofing_and_authentication)|" +
  "rule\\\\.dlp)$')";

/** The policies those checks read, set anywhere in the customer, as the super administrator. */
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
        const where = `${setting} (${p.policyQuery?.orgUnit || p.policyQuery?.group || "customer"})`;
        policies.push({
          setting,
          value,
          ...(p.policyQuery?.orgUnit ? { orgUnit: p.policyQuery.orgUnit } : {}),
          ...(p.policyQuery?.group ? { group: p.policyQuery.group } : {}),
          ...(setting === SHARING ? { driveSharing: parseDriveSharing(value, where) } : {}),
          ...(SWITCH_FIELDS[setting] ? { switches: parseSwitches(setting, value, where) } : {}),
          ...(setting === DLP_RULE ? { dlpRule: parseDlpRule(value) } : {}),
        });
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    return policies;
  });
}
