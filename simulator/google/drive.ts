import { parseDriveQuery, type QueryTarget } from "./drive-query.ts";
import { select } from "./fields.ts";
import { permissionId, type SimFile, type SimPermission, type SimSharedDrive, type SimUser, type SimWorkspace } from "./model.ts";
import { requireScope } from "./token.ts";
import { boolParam, GoogleError, intParam, invalidValue, json, pageOf, type Caller, type SimRequest, type SimResponse } from "./wire.ts";

const DRIVE = "https://www.googleapis.com/auth/drive";
const DRIVE_READONLY = "https://www.googleapis.com/auth/drive.readonly";
const METADATA = "https://www.googleapis.com/auth/drive.metadata";
const METADATA_READONLY = "https://www.googleapis.com/auth/drive.metadata.readonly";
const SERVICE = "drive.googleapis.com";

/** A file with where it lives: a user's My Drive or a shared drive. */
interface Located {
  file: SimFile;
  owner?: SimUser;
  drive?: SimSharedDrive;
}

/** Drive API v3 `files.list` (GET /drive/v3/files). */
export function listFiles(req: SimRequest, caller: Caller, ws: SimWorkspace, pageSizeCap: number): SimResponse {
  requireScope(caller, [DRIVE, DRIVE_READONLY, METADATA, METADATA_READONLY], SERVICE, "google.apps.drive.v3.DriveFiles.List");
  const q = req.query;
  const pageSize = intParam(q, "pageSize", { min: 1, max: 1000 }) ?? 100;
  const corpora = q.get("corpora") ?? "user";
  const driveId = q.get("driveId");
  const allDrives = boolParam(q, "includeItemsFromAllDrives");
  if (allDrives && !boolParam(q, "supportsAllDrives")) {
    throw new GoogleError(400, "badRequest", "The includeItemsFromAllDrives parameter can only be set to true when supportsAllDrives is true.");
  }
  if ((corpora === "drive") !== (driveId !== null)) {
    throw new GoogleError(400, "badRequest", "The driveId parameter must be specified if and only if corpora is set to drive.");
  }
  if (driveId !== null && !allDrives) {
    throw new GoogleError(400, "badRequest", "The includeItemsFromAllDrives parameter must be set to true when driveId is set.");
  }
  const me = ws.users.find((u) => u.primaryEmail === caller.subject);
  const query = q.get("q") ? parseDriveQuery(q.get("q")!) : undefined;

  let candidates: Located[];
  if (corpora === "drive") {
    const drive = ws.sharedDrives.find((d) => d.id === driveId);
    if (!drive || !isMember(drive, caller.subject)) {
      throw new GoogleError(404, "notFound", `Shared drive not found: ${driveId}`, { location: "driveId" });
    }
    candidates = drive.files.map((file) => ({ file, drive }));
  } else if (corpora === "user" || corpora === "allDrives") {
    candidates = me ? visibleTo(me, ws, query?.owner, allDrives) : [];
  } else {
    throw invalidValue("corpora");
  }
  const requester = caller.subject ?? "";
  const matching = query
    ? candidates.filter((c) => query.test({ file: c.file, requester, ...(c.owner ? { owner: c.owner.primaryEmail } : {}) } satisfies QueryTarget))
    : candidates;
  const boundTo = [corpora, driveId, q.get("q"), allDrives].join("|");
  const page = pageOf(matching, q.get("pageToken"), Math.min(pageSize, pageSizeCap), boundTo, () => invalidValue("pageToken"));
  const response = {
    kind: "drive#fileList",
    incompleteSearch: false,
    files: page.items.map((c) => fileResource(c, requester)),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)"));
}

/** Drive API v3 `drives.list` (GET /drive/v3/drives). */
export function listDrives(req: SimRequest, caller: Caller, ws: SimWorkspace, pageSizeCap: number): SimResponse {
  requireScope(caller, [DRIVE, DRIVE_READONLY], SERVICE, "google.apps.drive.v3.DriveDrives.List");
  const q = req.query;
  const pageSize = intParam(q, "pageSize", { min: 1, max: 100 }) ?? 10;
  if (q.get("q")) throw invalidValue("q");
  const asAdmin = boolParam(q, "useDomainAdminAccess");
  if (asAdmin && !isAdmin(ws, caller.subject)) {
    throw new GoogleError(403, "forbidden", "The authenticated user is not an administrator of the domain.");
  }
  const drives = asAdmin ? ws.sharedDrives : ws.sharedDrives.filter((d) => isMember(d, caller.subject));
  const page = pageOf(drives, q.get("pageToken"), Math.min(pageSize, pageSizeCap), String(asAdmin), () => invalidValue("pageToken"));
  const response = {
    kind: "drive#driveList",
    drives: page.items.map((d) => ({
      kind: "drive#drive",
      id: d.id,
      name: d.name,
      createdTime: d.createdTime,
      hidden: false,
      restrictions: {
        adminManagedRestrictions: d.domainUsersOnly,
        copyRequiresWriterPermission: false,
        domainUsersOnly: d.domainUsersOnly,
        driveMembersOnly: false,
        sharingFoldersRequiresOrganizerPermission: false,
      },
    })),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "kind,nextPageToken,drives(kind,id,name)"));
}

/** Drive API v3 `permissions.list` (GET /drive/v3/files/{fileId}/permissions). */
export function listPermissions(req: SimRequest, caller: Caller, ws: SimWorkspace, fileId: string, pageSizeCap: number): SimResponse {
  requireScope(caller, [DRIVE, DRIVE_READONLY, METADATA, METADATA_READONLY], SERVICE, "google.apps.drive.v3.DrivePermissions.List");
  const q = req.query;
  const pageSize = intParam(q, "pageSize", { min: 1, max: 100 }) ?? 100;
  const allDrives = boolParam(q, "supportsAllDrives");
  const notFound = () => new GoogleError(404, "notFound", `File not found: ${fileId}.`, { location: "fileId" });

  let permissions: SimPermission[];
  let inSharedDrive = true;
  const drive = ws.sharedDrives.find((d) => d.id === fileId);
  if (drive) {
    // Without supportsAllDrives Drive pretends shared drives and their items do not exist.
    const asAdmin = boolParam(q, "useDomainAdminAccess") && isAdmin(ws, caller.subject);
    if (!allDrives || !(asAdmin || isMember(drive, caller.subject))) throw notFound();
    permissions = drive.members;
  } else {
    const found = locate(ws, fileId);
    if (!found) throw notFound();
    if (found.drive) {
      if (!allDrives || !isMember(found.drive, caller.subject)) throw notFound();
      permissions = [...found.drive.members, ...found.file.permissions];
    } else {
      inSharedDrive = false;
      const owner = found.owner!;
      const canSee = owner.primaryEmail === caller.subject || found.file.permissions.some((p) => p.emailAddress === caller.subject);
      if (!canSee) throw notFound();
      permissions = [{ type: "user", role: "owner", emailAddress: owner.primaryEmail }, ...found.file.permissions];
    }
  }
  const page = pageOf(permissions, q.get("pageToken"), Math.min(pageSize, pageSizeCap), fileId, () => invalidValue("pageToken"));
  const response = {
    kind: "drive#permissionList",
    permissions: page.items.map((p) => permissionResource(p, inSharedDrive)),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "kind,nextPageToken,permissions(kind,id,type,role)"));
}

/**
 * What `corpora=user` covers for one user: their own files, files shared with them, and with
 * includeItemsFromAllDrives the items of their shared drives. A query pinned to one owner
 * reads that owner's files only, which keeps the large benchmark tenant fast.
 */
function visibleTo(me: SimUser, ws: SimWorkspace, owner: string | undefined, allDrives: boolean): Located[] {
  const ownerEmail = owner === "me" ? me.primaryEmail : owner;
  const owners = ownerEmail === undefined ? ws.users : ws.users.filter((u) => u.primaryEmail === ownerEmail);
  const located: Located[] = [];
  for (const u of owners) {
    for (const file of u.files) {
      if (u === me || file.permissions.some((p) => p.emailAddress === me.primaryEmail)) located.push({ file, owner: u });
    }
  }
  if (allDrives && ownerEmail === undefined) {
    for (const drive of ws.sharedDrives) {
      if (isMember(drive, me.primaryEmail)) located.push(...drive.files.map((file) => ({ file, drive })));
    }
  }
  return located;
}

function locate(ws: SimWorkspace, fileId: string): Located | undefined {
  for (const drive of ws.sharedDrives) {
    const file = drive.files.find((f) => f.id === fileId);
    if (file) return { file, drive };
  }
  for (const owner of ws.users) {
    const file = owner.files.find((f) => f.id === fileId);
    if (file) return { file, owner };
  }
  return undefined;
}

function isMember(drive: SimSharedDrive, subject: string | undefined): boolean {
  return subject !== undefined && drive.members.some((m) => m.type === "user" && m.emailAddress === subject);
}

function isAdmin(ws: SimWorkspace, subject: string | undefined): boolean {
  return ws.users.some((u) => u.primaryEmail === subject && u.isAdmin);
}

const GOOGLE_TYPES: Record<string, string> = {
  "application/vnd.google-apps.document": "document",
  "application/vnd.google-apps.spreadsheet": "spreadsheets",
  "application/vnd.google-apps.presentation": "presentation",
};

function fileResource({ file, owner, drive }: Located, requester: string) {
  const kind = GOOGLE_TYPES[file.mimeType];
  const webViewLink = kind
    ? `https://docs.google.com/${kind}/d/${file.id}/edit?usp=drivesdk`
    : `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
  const own: SimPermission[] = owner ? [{ type: "user", role: "owner", emailAddress: owner.primaryEmail }] : [];
  const permissions = [...own, ...file.permissions];
  return {
    kind: "drive#file",
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    starred: false,
    trashed: file.trashed === true,
    explicitlyTrashed: file.trashed === true,
    spaces: ["drive"],
    webViewLink,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    shared: file.permissions.length > 0,
    ownedByMe: owner?.primaryEmail === requester,
    ...(owner ? {
      owners: [{
        kind: "drive#user",
        displayName: `${owner.givenName} ${owner.familyName}`,
        emailAddress: owner.primaryEmail,
        me: owner.primaryEmail === requester,
        permissionId: permissionId(own[0]!),
      }],
      // Drive leaves `permissions` out for shared-drive items: they need permissions.list.
      permissions: permissions.map((p) => permissionResource(p)),
    } : { driveId: drive!.id }),
    permissionIds: permissions.map(permissionId),
  };
}

function permissionResource(p: SimPermission, inSharedDrive = false) {
  return {
    kind: "drive#permission",
    id: permissionId(p),
    type: p.type,
    role: p.role,
    ...(p.emailAddress ? { emailAddress: p.emailAddress } : {}),
    ...(p.domain ? { domain: p.domain } : {}),
    ...(p.type === "anyone" || p.type === "domain" ? { allowFileDiscovery: p.allowFileDiscovery === true } : {}),
    ...(p.view ? { view: p.view } : {}),
    // Documented for user and group grantees only (and pendingOwner for users only).
    ...(p.type === "user" || p.type === "group" ? { deleted: false } : {}),
    ...(p.type === "user" && !inSharedDrive ? { pendingOwner: false } : {}),
  };
}
