import { select } from "./fields.ts";
import type { SimOrgUnit, SimUser, SimWorkspace } from "./model.ts";
import { requireScope } from "./token.ts";
import { GoogleError, intParam, json, pageOf, type Caller, type SimRequest, type SimResponse } from "./wire.ts";

const SCOPES = [
  "https://www.googleapis.com/auth/admin.directory.user",
  "https://www.googleapis.com/auth/admin.directory.user.readonly",
  "https://www.googleapis.com/auth/cloud-platform",
];
/** Directory's answer for 1970-01-01: the user never signed in. */
const NEVER = "1970-01-01T00:00:00.000Z";

/** Admin SDK Directory API `users.list` (GET /admin/directory/v1/users). */
export function listUsers(req: SimRequest, caller: Caller, ws: SimWorkspace, pageSizeCap: number): SimResponse {
  requireScope(caller, SCOPES, "admin.googleapis.com", "ccc.hosted.frontend.directory.v1.DirectoryUsers.List");
  const q = req.query;
  const customer = q.get("customer");
  const domain = q.get("domain");
  if (customer === null && domain === null) throw new GoogleError(400, "badRequest", "Bad Request");
  const ours = (customer === null || customer === "my_customer" || customer === ws.customerId) && (domain === null || domain === ws.domain);
  const admin = ws.users.find((u) => u.primaryEmail === caller.subject);
  const viewType = q.get("viewType") ?? "admin_view";
  if (!ours || (viewType === "admin_view" && !(admin?.isAdmin || admin?.isDelegatedAdmin))) {
    throw new GoogleError(403, "forbidden", "Not Authorized to access this resource/api");
  }
  const projection = q.get("projection") ?? "basic";
  if (!["basic", "full", "custom"].includes(projection)) {
    throw new GoogleError(400, "invalidParameter", `Invalid value '${projection}'. Values must be one of: basic, custom, full`, { location: "projection" });
  }
  if (projection === "custom" && !q.get("customFieldMask")) throw new GoogleError(400, "invalid", "Invalid Input: custom field mask");
  const maxResults = intParam(q, "maxResults", { min: 1, max: 500 }) ?? 100;

  const users = ws.users.filter(queryFilter(q.get("query")));
  const boundTo = [customer, domain, q.get("query"), projection].join("|");
  const page = pageOf(users, q.get("pageToken"), Math.min(maxResults, pageSizeCap), boundTo,
    () => new GoogleError(400, "invalid", "Invalid Input: pageToken", { location: "pageToken" }));
  const response = {
    kind: "admin#directory#users",
    etag: '"sim-etag"',
    ...(page.items.length > 0 ? { users: page.items.map((u) => userResource(u, ws)) } : {}),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "*"));
}

function userResource(u: SimUser, ws: SimWorkspace) {
  const resource: Record<string, unknown> = {
    kind: "admin#directory#user",
    id: u.id,
    etag: `"sim-${u.id}"`,
    primaryEmail: u.primaryEmail,
    name: { givenName: u.givenName, familyName: u.familyName, fullName: `${u.givenName} ${u.familyName}` },
    isAdmin: u.isAdmin,
    isDelegatedAdmin: u.isDelegatedAdmin,
    lastLoginTime: u.lastLoginTime ?? NEVER,
    creationTime: u.creationTime,
    agreedToTerms: u.lastLoginTime !== undefined,
    suspended: u.suspended,
    ...(u.suspended ? { suspensionReason: "ADMIN" } : {}),
    archived: u.archived,
    changePasswordAtNextLogin: false,
    ipWhitelisted: false,
    emails: [{ address: u.primaryEmail, primary: true }],
    customerId: ws.customerId,
    orgUnitPath: u.orgUnitPath,
    isMailboxSetup: true,
    isEnrolledIn2Sv: u.isEnrolledIn2Sv,
    isEnforcedIn2Sv: u.isEnforcedIn2Sv,
    includeInGlobalAddressList: true,
    ...(u.recoveryEmail !== undefined ? { recoveryEmail: u.recoveryEmail } : {}),
    ...(u.recoveryPhone !== undefined ? { recoveryPhone: u.recoveryPhone } : {}),
  };
  for (const field of u.absentFields ?? []) delete resource[field];
  return resource;
}

const ORGUNIT_SCOPES = [
  "https://www.googleapis.com/auth/admin.directory.orgunit",
  "https://www.googleapis.com/auth/admin.directory.orgunit.readonly",
  "https://www.googleapis.com/auth/cloud-platform",
];

/** Admin SDK Directory API `orgunits.list` (GET /admin/directory/v1/customer/{customerId}/orgunits): not paged. */
export function listOrgUnits(req: SimRequest, caller: Caller, ws: SimWorkspace, customerId: string): SimResponse {
  requireScope(caller, ORGUNIT_SCOPES, "admin.googleapis.com", "ccc.hosted.frontend.directory.v1.DirectoryOrgunits.List");
  const admin = ws.users.find((u) => u.primaryEmail === caller.subject);
  if (!(customerId === "my_customer" || customerId === ws.customerId) || !(admin?.isAdmin || admin?.isDelegatedAdmin)) {
    throw new GoogleError(403, "forbidden", "Not Authorized to access this resource/api");
  }
  const q = req.query;
  const type = q.get("type") ?? "children";
  if (!["all", "children", "allIncludingParent"].includes(type)) {
    throw new GoogleError(400, "invalidParameter", `Invalid value '${type}'. Values must be one of: all, allIncludingParent, children`, { location: "type" });
  }
  const under = q.get("orgUnitPath") ?? "/";
  const parent = ws.orgUnits.find((o) => o.path === under || `id:${o.id}` === under);
  if (!parent) throw new GoogleError(400, "invalid", "Invalid Input: INVALID_OU_ID", { location: "orgUnitPath" });
  const below = (o: SimOrgUnit) => o !== parent && (parent.path === "/" ? true : o.path.startsWith(`${parent.path}/`));
  const units = ws.orgUnits.filter((o) =>
    (type === "allIncludingParent" && o === parent) || (below(o) && (type !== "children" || parentPath(o.path) === parent.path)));
  const response = {
    kind: "admin#directory#orgUnits",
    etag: '"sim-etag"',
    ...(units.length > 0 ? { organizationUnits: units.map((o) => orgUnitResource(o, ws)) } : {}),
  };
  return json(200, select(response, q.get("fields"), "*"));
}

function parentPath(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

function orgUnitResource(o: SimOrgUnit, ws: SimWorkspace) {
  const root = o.path === "/";
  const parent = root ? undefined : ws.orgUnits.find((p) => p.path === parentPath(o.path));
  return {
    kind: "admin#directory#orgUnit",
    etag: `"sim-${o.id}"`,
    name: root ? ws.domain : o.path.slice(o.path.lastIndexOf("/") + 1),
    description: "",
    orgUnitPath: o.path,
    orgUnitId: `id:${o.id}`,
    ...(parent ? { parentOrgUnitPath: parent.path, parentOrgUnitId: `id:${parent.id}` } : {}),
    blockInheritance: false,
  };
}

/** The `query` terms the simulator knows: `orgUnitPath='/Sales'` and `isSuspended=true|false`. */
function queryFilter(query: string | null): (u: SimUser) => boolean {
  if (!query) return () => true;
  const terms = query.trim().split(/\s+/).map((term) => {
    const m = /^(orgUnitPath|isSuspended)=(?:'([^']*)'|(\S+))$/.exec(term);
    if (!m) throw new GoogleError(400, "invalid", "Invalid Input", { location: "query" });
    const value = m[2] ?? m[3]!;
    return m[1] === "orgUnitPath"
      ? (u: SimUser) => u.orgUnitPath === value || u.orgUnitPath.startsWith(`${value}/`)
      : (u: SimUser) => u.suspended === (value === "true");
  });
  return (u) => terms.every((t) => t(u));
}
