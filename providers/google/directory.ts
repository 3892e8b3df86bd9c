import type { admin_directory_v1 } from "@googleapis/admin";
import type { Fact } from "../fact.ts";
import type { WorkspaceUser } from "./facts.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import { MalformedResponse, type GoogleSession } from "./session.ts";

/** Only what the checks read; a mask without nextPageToken would end the listing after one page. */
const USER_FIELDS = "nextPageToken,users(id,primaryEmail,customerId,isAdmin,isDelegatedAdmin,isEnrolledIn2Sv," +
  "isEnforcedIn2Sv,suspended,archived,lastLoginTime,creationTime,orgUnitPath)";
/** Directory's lastLoginTime for an account that never signed in. */
const NEVER = Date.UTC(1970, 0, 1);

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
        listing.users.push(toUser(raw));
        listing.customerId ??= raw.customerId ?? undefined;
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    return listing;
  });
}

function toUser(u: admin_directory_v1.Schema$User): WorkspaceUser {
  if (!u.id || !u.primaryEmail) throw new MalformedResponse("users.list returned a user without id or primaryEmail");
  const lastLogin = u.lastLoginTime ? Date.parse(u.lastLoginTime) : NaN;
  return {
    id: u.id,
    primaryEmail: u.primaryEmail,
    isAdmin: u.isAdmin === true,
    isDelegatedAdmin: u.isDelegatedAdmin === true,
    isEnrolledIn2Sv: u.isEnrolledIn2Sv === true,
    isEnforcedIn2Sv: u.isEnforcedIn2Sv === true,
    suspended: u.suspended === true,
    archived: u.archived === true,
    lastLoginTime: Number.isNaN(lastLogin) || lastLogin <= NEVER ? null : u.lastLoginTime!,
    creationTime: u.creationTime ?? "",
    orgUnitPath: u.orgUnitPath ?? "/",
  };
}
