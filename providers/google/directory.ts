import type { Fact } from "../fact.ts";
import type { OrgUnit, WorkspaceUser } from "./facts.ts";
import { MalformedResponse, parseOrgUnit, parseUser } from "./parse.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import type { GoogleSession } from "./session.ts";

/** Only what the checks read; a mask without nextPageToken would end the listing after one page. */
const USER_FIELDS = "nextPageToken,users(id,primaryEmail,customerId,isAdmin,isDelegatedAdmin,isEnrolledIn2Sv," +
  "isEnforcedIn2Sv,suspended,archived,lastLoginTime,creationTime,orgUnitPath,recoveryEmail,recoveryPhone)";

export interface UserListing {
  users: WorkspaceUser[];
  /** The real `C…` id, which `my_customer` stands for. */
  customerId?: string;
}

/** Every user of the customer, 500 a page (Directory's maximum), as the administrator. */
export function listUsers(s: GoogleSession): Promise<Fact<UserListing>> {
  const scope = GOOGLE_SCOPES.directoryUsers;
  return s.caller.fact("users.list", async () => {
    const listing: UserListing = { users: [] };
    let pageToken: string | undefined;
    do {
      const auth = await s.credentials.actingAs(s.adminEmail, scope, "tenant");
      const page = await s.caller.call({ operation: "users.list", scope, subject: s.adminEmail }, () =>
        s.clients.directory.users.list({
          auth, customer: s.customer, maxResults: 500, projection: "basic", fields: USER_FIELDS, ...(pageToken ? { pageToken } : {}),
        }), "tenant");
      for (const raw of page.data.users ?? []) {
        listing.users.push(parseUser(raw));
        listing.customerId ??= raw.customerId ?? undefined;
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    // The administrator the scan acts as is a user of the customer: an empty listing is not a company without users.
    if (listing.users.length === 0) throw new MalformedResponse("users.list returned no users, not even the administrator it acted as");
    return listing;
  });
}

/**
 * Every organizational unit, the top-level one included, as the administrator: the Policy API
 * names units by id only, and a unit without a policy of its own follows its parent's.
 */
export function listOrgUnits(s: GoogleSession): Promise<Fact<OrgUnit[]>> {
  const scope = GOOGLE_SCOPES.orgUnits;
  return s.caller.fact("orgunits.list", async () => {
    const auth = await s.credentials.actingAs(s.adminEmail, scope, "tenant");
    // orgunits.list is not paged: one answer holds every unit.
    const page = await s.caller.call({ operation: "orgunits.list", scope, subject: s.adminEmail }, () =>
      s.clients.directory.orgunits.list({
        auth, customerId: s.customer, type: "allIncludingParent", fields: "organizationUnits(orgUnitId,orgUnitPath)",
      }), "tenant");
    const units = (page.data.organizationUnits ?? []).map(parseOrgUnit);
    if (!units.some((u) => u.path === "/")) throw new MalformedResponse("orgunits.list returned no top-level organizational unit");
    return units;
  });
}
