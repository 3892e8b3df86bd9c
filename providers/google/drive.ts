import type { drive_v3 } from "@googleapis/drive";
import type { Fact } from "../fact.ts";
import type { CallLane } from "./caller.ts";
import type { DelegatedJwt } from "./clients.ts";
import { CollectionErrorCarrier } from "./caller.ts";
import type { PublicFile, SharedDriveScan } from "./facts.ts";
import { drivePublicLinksBlocked, linkAccess, MalformedResponse, roleRank, searchComplete } from "./parse.ts";
import { GOOGLE_SCOPES } from "./scopes.ts";
import type { GoogleSession } from "./session.ts";

/** Drive filters on the server: only files shared with anyone come back, not the whole Drive. */
const PUBLIC = "visibility = 'anyoneWithLink' or visibility = 'anyoneCanFind'";
const OWNED_PUBLIC = `'me' in owners and (${PUBLIC})`;
const FILE_FIELDS = "id,name,mimeType,webViewLink,trashed";
/** Without a mask files.list sends only id, name and mimeType; without nextPageToken, no next page. */
const MY_DRIVE_FIELDS = `nextPageToken,incompleteSearch,files(${FILE_FIELDS},owners(emailAddress),permissions(type,role,allowFileDiscovery))`;
const SHARED_DRIVE_FIELDS = `nextPageToken,incompleteSearch,files(${FILE_FIELDS})`;

export interface ListedSharedDrive {
  id: string;
  name: string;
  domainUsersOnly: boolean;
}

/** The files `email` owns that anyone can open, read as that user; pages are reduced as they arrive. */
export function listUserPublicFiles(s: GoogleSession, email: string): Promise<Fact<PublicFile[]>> {
  const scope = GOOGLE_SCOPES.driveMetadata;
  return s.caller.fact("files.list", async () => {
    const auth = await s.credentials.actingAs(email, scope, "user");
    return searchPublic(s, auth, email, { q: OWNED_PUBLIC, fields: MY_DRIVE_FIELDS });
  });
}

/** Every shared drive of the customer, as the administrator (useDomainAdminAccess needs drive.readonly). */
export function listSharedDrives(s: GoogleSession): Promise<Fact<ListedSharedDrive[]>> {
  const scope = GOOGLE_SCOPES.driveReadonly;
  return s.caller.fact("drives.list", async () => {
    const drives: ListedSharedDrive[] = [];
    let pageToken: string | undefined;
    do {
      const auth = await s.credentials.actingAs(s.adminEmail, scope, "tenant");
      const page = await s.caller.call({ operation: "drives.list", scope, subject: s.adminEmail }, () =>
        s.clients.drive.drives.list({
          auth, useDomainAdminAccess: true, pageSize: 100, fields: "nextPageToken,drives(id,name,restrictions(domainUsersOnly))",
          ...(pageToken ? { pageToken } : {}),
        }), "tenant");
      for (const d of page.data.drives ?? []) {
        if (!d.id) throw new MalformedResponse("drives.list returned a drive without id");
        drives.push({ id: d.id, name: d.name ?? d.id, domainUsersOnly: drivePublicLinksBlocked(d) });
      }
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    return drives;
  });
}

/**
 * A shared drive's items that anyone can open. The administrator can list a drive's members
 * but not its items, so the search runs as an active member; items carry no `permissions`
 * in a listing, so each public one gets a permissions.list for its link role.
 */
export async function scanSharedDrive(s: GoogleSession, drive: ListedSharedDrive, active: ReadonlySet<string>): Promise<SharedDriveScan> {
  const base = { id: drive.id, name: drive.name, domainUsersOnly: drive.domainUsersOnly };
  if (drive.domainUsersOnly) return base;
  const publicFiles = await s.caller.fact("files.list", async () => {
    const member = await readableMember(s, drive, active);
    const auth = await s.credentials.actingAs(member, GOOGLE_SCOPES.driveMetadata, "user");
    return searchPublic(s, auth, member, {
      q: PUBLIC, fields: SHARED_DRIVE_FIELDS, corpora: "drive", driveId: drive.id, includeItemsFromAllDrives: true, supportsAllDrives: true,
    }, { id: drive.id, name: drive.name });
  });
  return { ...base, publicFiles };
}

/** An active member to act as, organizers first; without one the drive cannot be searched. */
async function readableMember(s: GoogleSession, drive: ListedSharedDrive, active: ReadonlySet<string>): Promise<string> {
  const scope = GOOGLE_SCOPES.driveReadonly;
  const members: { email: string; rank: number }[] = [];
  for await (const p of permissionPages(s, s.adminEmail, scope, "tenant", drive.id, { useDomainAdminAccess: true }, "type,role,emailAddress")) {
    if (p.type === "user" && p.emailAddress && active.has(p.emailAddress)) members.push({ email: p.emailAddress, rank: roleRank(p.role) });
  }
  const best = members.sort((a, b) => b.rank - a.rank)[0];
  if (!best) {
    throw new CollectionErrorCarrier({
      operation: "files.list",
      code: "NoActiveMember",
      message: `no active user of the company is a member of shared drive "${drive.name}", so it cannot be searched; add a member in Admin console > Apps > Google Workspace > Drive and Docs > Manage shared drives`,
    });
  }
  return best.email;
}

async function searchPublic(
  s: GoogleSession,
  auth: DelegatedJwt,
  subject: string,
  params: Omit<drive_v3.Params$Resource$Files$List, "auth">,
  sharedDrive?: { id: string; name: string },
): Promise<PublicFile[]> {
  const scope = GOOGLE_SCOPES.driveMetadata;
  const found: PublicFile[] = [];
  let pageToken: string | undefined;
  do {
    const page = await s.caller.call({ operation: "files.list", scope, subject }, () =>
      s.clients.drive.files.list({ auth, pageSize: 1000, ...params, ...(pageToken ? { pageToken } : {}) }), "user");
    searchComplete(page.data);
    for (const f of page.data.files ?? []) {
      if (!f.id) throw new MalformedResponse("files.list returned a file without id");
      const permissions = f.permissions ?? await listItemPermissions(s, auth, subject, f.id);
      const link = linkAccess(permissions);
      // Drive's visibility filter said public; a permission list saying otherwise has changed since.
      if (!link) continue;
      found.push({
        id: f.id,
        name: f.name ?? f.id,
        mimeType: f.mimeType ?? "",
        ...(f.owners?.[0]?.emailAddress ? { owner: f.owners[0].emailAddress } : {}),
        ...(sharedDrive ? { sharedDrive } : {}),
        ...link,
        trashed: f.trashed === true,
        ...(f.webViewLink ? { webViewLink: f.webViewLink } : {}),
      });
    }
    pageToken = page.data.nextPageToken ?? undefined;
  } while (pageToken);
  return found;
}

async function listItemPermissions(s: GoogleSession, auth: DelegatedJwt, subject: string, fileId: string): Promise<drive_v3.Schema$Permission[]> {
  const all: drive_v3.Schema$Permission[] = [];
  for await (const p of permissionPages(s, subject, GOOGLE_SCOPES.driveMetadata, "user", fileId, {}, "type,role,allowFileDiscovery", auth)) all.push(p);
  return all;
}

async function* permissionPages(
  s: GoogleSession,
  subject: string,
  scope: typeof GOOGLE_SCOPES.driveMetadata | typeof GOOGLE_SCOPES.driveReadonly,
  lane: CallLane,
  fileId: string,
  extra: { useDomainAdminAccess?: boolean },
  fields: string,
  given?: DelegatedJwt,
): AsyncGenerator<drive_v3.Schema$Permission> {
  let pageToken: string | undefined;
  do {
    const auth = given ?? await s.credentials.actingAs(subject, scope, lane);
    const page = await s.caller.call({ operation: "permissions.list", scope, subject }, () =>
      s.clients.drive.permissions.list({
        auth, fileId, supportsAllDrives: true, pageSize: 100, fields: `nextPageToken,permissions(${fields})`, ...extra,
        ...(pageToken ? { pageToken } : {}),
      }), lane);
    yield* page.data.permissions ?? [];
    pageToken = page.data.nextPageToken ?? undefined;
  } while (pageToken);
}
