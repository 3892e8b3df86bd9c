import { userById, type SimDrive, type SimItem, type SimMicrosoftTenant, type SimPermission, type SimSite } from "./model.ts";
import { graphError, type GraphAnswer } from "./wire.ts";

/**
 * OneDrive and SharePoint content as Graph shows it: drives, `root/delta` with next and delta
 * links, 410 Gone for a token the drive no longer honours, and item permissions.
 */

const DELTA_PAGE = 200;

/** What a delta or next link carries; opaque to clients. */
interface DeltaToken {
  /** The drive's epoch when issued: a later epoch makes the token answer 410. */
  e: number;
  /** Changes after this change number (0: enumerate everything). */
  s: number;
  /** Up to this change number: later changes wait for the next round. */
  v: number;
  /** Keyset position inside the round: (changedAt, id) of the last item sent. */
  a?: [number, string];
  sel?: string;
  top?: number;
}

export function siteJson(site: SimSite, host: string): Record<string, unknown> {
  return {
    id: site.id,
    name: site.name,
    displayName: site.displayName,
    webUrl: site.webUrl,
    createdDateTime: site.createdDateTime,
    isPersonalSite: site.personal,
    root: {},
    siteCollection: {
      hostname: site.personal ? host.replace(".sharepoint.com", "-my.sharepoint.com") : host,
      ...(site.dataLocationCode ? { dataLocationCode: site.dataLocationCode } : {}),
    },
  };
}

export function driveJson(drive: SimDrive, tenant: SimMicrosoftTenant): Record<string, unknown> {
  const owner = drive.ownerUserId ? userById(tenant, drive.ownerUserId) : undefined;
  return {
    id: drive.id,
    name: drive.name,
    driveType: drive.driveType,
    webUrl: drive.webUrl,
    createdDateTime: drive.items[0]?.createdDateTime,
    owner: owner ? { user: { id: owner.id, displayName: owner.displayName, email: owner.userPrincipalName } } : { group: { displayName: drive.name } },
  };
}

export function findDrive(tenant: SimMicrosoftTenant, driveId: string): SimDrive | undefined {
  const at = placeOf(tenant, "drives", driveId, (p) => tenant.sites[p.site]?.drives[p.drive]?.id === driveId);
  return at && tenant.sites[at.site]!.drives[at.drive];
}

export function findSite(tenant: SimMicrosoftTenant, siteId: string): SimSite | undefined {
  const at = placeOf(tenant, "sites", siteId, (p) => tenant.sites[p.site]?.id === siteId);
  return at && tenant.sites[at.site];
}

interface Place {
  site: number;
  drive: number;
}

type SiteIndex = Record<"sites" | "drives", Map<string, Place>>;

/**
 * Where each site and drive sits in the tenant, so a tenant of thousands answers each read
 * without a search. Tests change the tenant between reads, so a place is used only while the
 * tenant still holds that id there; otherwise the index is built again from the tenant as it is.
 */
const indexes = new WeakMap<SimMicrosoftTenant, SiteIndex>();

function placeOf(tenant: SimMicrosoftTenant, kind: keyof SiteIndex, id: string, holds: (at: Place) => boolean): Place | undefined {
  const known = indexes.get(tenant)?.[kind].get(id);
  if (known && holds(known)) return known;
  const index: SiteIndex = { sites: new Map(), drives: new Map() };
  tenant.sites.forEach((site, s) => {
    if (!index.sites.has(site.id)) index.sites.set(site.id, { site: s, drive: 0 });
    site.drives.forEach((drive, d) => {
      if (!index.drives.has(drive.id)) index.drives.set(drive.id, { site: s, drive: d });
    });
  });
  indexes.set(tenant, index);
  return index[kind].get(id);
}

/** What the request's `Prefer` header asks of delta. */
interface DeltaPreferences {
  /** A change of sharing alone shows, marked `@microsoft.graph.sharedChanged`; Graph needs all three preferences for it. */
  sharingChanges: boolean;
  /** `shared` only on items whose own sharing is new or changed in this round (an empty one when removed). */
  hierarchical: boolean;
}

function deltaPreferences(prefer: Set<string>): DeltaPreferences {
  return {
    sharingChanges: ["deltashowsharingchanges", "deltashowremovedasdeleted", "deltatraversepermissiongaps"].every((p) => prefer.has(p)),
    hierarchical: prefer.has("hierarchicalsharing"),
  };
}

/**
 * `GET /drives/{id}/root/delta[?token=…]`, the same for `/sites/{id}/drive/root/delta`.
 * Without `Prefer: deltashowsharingchanges` a change of sharing alone does not appear.
 */
export function delta(drive: SimDrive, tenant: SimMicrosoftTenant, query: URLSearchParams, linkRoot: string, maxPage: number, prefer: Set<string> = new Set()): GraphAnswer {
  const wants = deltaPreferences(prefer);
  const changedAt = (i: SimItem) => wants.sharingChanges ? Math.max(i.changedAt, i.sharingChangedAt ?? 0) : i.changedAt;
  const given = query.get("token");
  let token: DeltaToken;
  if (given === null) {
    const top = Number(query.get("$top") ?? DELTA_PAGE);
    token = { e: drive.epoch, s: 0, v: drive.seq, sel: query.get("$select") ?? undefined, top: Number.isFinite(top) ? top : DELTA_PAGE };
  } else if (given === "latest") {
    return { status: 200, body: { value: [], "@odata.deltaLink": link(linkRoot, drive, { e: drive.epoch, s: drive.seq, v: drive.seq }) } };
  } else {
    const parsed = parseToken(given);
    if (parsed === undefined) return graphError(400, "invalidRequest", "Invalid delta token.");
    if (parsed.e !== drive.epoch) {
      return graphError(410, "resyncRequired",
        "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.",
        { location: link(linkRoot, drive, { e: drive.epoch, s: 0, v: drive.seq, sel: parsed.sel, top: parsed.top }) },
        { code: "resyncChangesApplyDifferences" });
    }
    // A delta link starts a new round up to now; a next link continues its round.
    token = parsed.v === parsed.s && parsed.a === undefined ? { ...parsed, v: drive.seq } : parsed;
  }

  const top = Math.min(Math.max(1, token.top ?? DELTA_PAGE), maxPage);
  const after = token.a;
  const round = drive.items
    .filter((i) => changedAt(i) > token.s && changedAt(i) <= token.v && (token.s > 0 || !i.deleted))
    .filter((i) => after === undefined || changedAt(i) > after[0] || (changedAt(i) === after[0] && i.id > after[1]))
    .sort((x, y) => changedAt(x) - changedAt(y) || (x.id < y.id ? -1 : 1));
  const page = round.slice(0, top);
  const select = token.sel?.split(",").map((s) => s.trim()).filter(Boolean);
  const paths = pathsOf(drive);
  const sharingInRound = (i: SimItem) => wants.sharingChanges && (i.sharingChangedAt ?? 0) > token.s && (i.sharingChangedAt ?? 0) <= token.v;
  const value = page.map((i) => {
    const sharing = wants.hierarchical ? { shown: token.s === 0 || sharingInRound(i), emptyWhenRemoved: true } : { shown: true, emptyWhenRemoved: false };
    const json = project(itemJson(drive, i, tenant, paths, sharing), select);
    return sharingInRound(i) ? { ...json, "@microsoft.graph.sharedChanged": "True" } : json;
  });
  const last = page.at(-1);
  const body: Record<string, unknown> = { "@odata.context": `${linkRoot}/$metadata#Collection(driveItem)`, value };
  if (round.length > page.length && last) body["@odata.nextLink"] = link(linkRoot, drive, { ...token, a: [changedAt(last), last.id] });
  else body["@odata.deltaLink"] = link(linkRoot, drive, { e: drive.epoch, s: token.v, v: token.v, sel: token.sel, top: token.top });
  return { status: 200, body };
}

/** `GET /drives/{id}/items/{item}/permissions`. */
export function permissions(drive: SimDrive, itemId: string, tenant: SimMicrosoftTenant): GraphAnswer {
  const item = drive.items.find((i) => i.id === itemId && !i.deleted);
  if (!item) return graphError(404, "itemNotFound", "The resource could not be found.");
  const owner = drive.ownerUserId ? userById(tenant, drive.ownerUserId) : undefined;
  const ownerPermission = {
    id: "aTowIy5mfG1lbWJlcnNoaXB8b3duZXI",
    roles: ["owner"],
    grantedToV2: owner
      ? { user: { id: owner.id, displayName: owner.displayName, email: owner.userPrincipalName } }
      : { siteGroup: { displayName: `${drive.name} Owners`, id: "3" } },
  };
  return { status: 200, body: { value: [ownerPermission, ...item.permissions.map((p) => permissionJson(p, drive, item, tenant))] } };
}

function permissionJson(p: SimPermission, drive: SimDrive, item: SimItem, tenant: SimMicrosoftTenant): Record<string, unknown> {
  const json: Record<string, unknown> = { id: p.id, roles: p.roles, shareId: `s!${p.id}` };
  if (p.link) {
    const kind = item.folder ? "f" : "w";
    json.link = {
      scope: p.link.scope,
      type: p.link.type,
      webUrl: `${drive.webUrl.replace(/\/[^/]*$/, "")}/:${kind}:/g/${p.id}`,
      preventsDownload: false,
    };
    json.hasPassword = p.hasPassword ?? false;
    json.grantedToIdentitiesV2 = [];
  }
  if (p.grantedToUserId) {
    const user = userById(tenant, p.grantedToUserId);
    json.grantedToV2 = { user: { id: p.grantedToUserId, displayName: user?.displayName, email: user?.userPrincipalName } };
  }
  if (p.expirationDateTime) json.expirationDateTime = p.expirationDateTime;
  return json;
}

/**
 * `sharing.shown`: whether this answer carries the item's sharing (with `hierarchicalsharing`,
 * only where it is new or changed); `emptyWhenRemoved`: an item whose own links were all
 * removed then says so with an empty facet.
 */
function itemJson(
  drive: SimDrive, item: SimItem, tenant: SimMicrosoftTenant, paths: Map<string, string>, sharing: { shown: boolean; emptyWhenRemoved: boolean },
): Record<string, unknown> {
  const isRoot = item.parentId === undefined;
  const parentReference = { driveId: drive.id, driveType: drive.driveType, ...(item.parentId ? { id: item.parentId } : {}) };
  if (item.deleted) return { id: item.id, parentReference, deleted: { state: "deleted" } };
  const json: Record<string, unknown> = {
    id: item.id,
    name: isRoot ? "root" : item.name,
    webUrl: isRoot ? drive.webUrl : `${drive.webUrl}/${paths.get(item.id) ?? encodeURIComponent(item.name)}`,
    createdDateTime: item.createdDateTime,
    lastModifiedDateTime: item.lastModifiedDateTime,
    size: item.size,
    parentReference,
  };
  if (isRoot) json.root = {};
  if (item.folder) json.folder = { childCount: drive.items.filter((i) => i.parentId === item.id && !i.deleted).length };
  else json.file = { mimeType: mimeType(item.name) };
  if (sharing.shown) {
    const shared = sharedFacet(item, drive, tenant) ?? (sharing.emptyWhenRemoved && item.sharingChangedAt !== undefined ? {} : undefined);
    if (shared) json.shared = shared;
  }
  return json;
}

/** Present when the item has its own sharing beyond its owner; the scope is the widest of its links. */
function sharedFacet(item: SimItem, drive: SimDrive, tenant: SimMicrosoftTenant): Record<string, unknown> | undefined {
  if (item.permissions.length === 0) return undefined;
  const scopes = item.permissions.map((p) => p.link?.scope ?? "users");
  const scope = scopes.includes("anonymous") ? "anonymous" : scopes.includes("organization") ? "organization" : "users";
  const owner = drive.ownerUserId ? userById(tenant, drive.ownerUserId) : undefined;
  return { scope, ...(owner ? { owner: { user: { id: owner.id, displayName: owner.displayName } } } : {}) };
}

function pathsOf(drive: SimDrive): Map<string, string> {
  const byId = new Map(drive.items.map((i) => [i.id, i]));
  const paths = new Map<string, string>();
  const pathOf = (item: SimItem): string => {
    const known = paths.get(item.id);
    if (known !== undefined) return known;
    const parent = item.parentId ? byId.get(item.parentId) : undefined;
    const own = encodeURIComponent(item.name);
    const path = parent && parent.parentId !== undefined ? `${pathOf(parent)}/${own}` : own;
    paths.set(item.id, path);
    return path;
  };
  for (const item of drive.items) if (item.parentId !== undefined) pathOf(item);
  return paths;
}

const MIME_TYPES: Record<string, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  pdf: "application/pdf",
  jpg: "image/jpeg",
  png: "image/png",
};

function mimeType(name: string): string {
  const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  return MIME_TYPES[ext] ?? "application/octet-stream";
}

export function project(json: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> {
  if (!select || select.length === 0) return json;
  const out: Record<string, unknown> = { id: json.id };
  for (const key of select) if (key in json) out[key] = json[key];
  return out;
}

function link(root: string, drive: SimDrive, token: DeltaToken): string {
  return `${root}/drives/${drive.id}/root/delta?token=${Buffer.from(JSON.stringify(token)).toString("base64url")}`;
}

function parseToken(text: string): DeltaToken | undefined {
  try {
    const t = JSON.parse(Buffer.from(text.replace(/^'|'$/g, ""), "base64url").toString()) as DeltaToken;
    return typeof t.e === "number" && typeof t.s === "number" && typeof t.v === "number" ? t : undefined;
  } catch {
    return undefined;
  }
}
