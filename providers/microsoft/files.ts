import { collected, failed, type Fact } from "../fact.ts";
import { malformed, type GraphCaller } from "./caller.ts";
import type { DeltaState, DriveState, StoredItem } from "./delta-state.ts";
import { GraphCallError, toCollectionError } from "./errors.ts";
import type { SharedFile, SharedFilesCrawl, SharingLink, SiteSummary, UnreadableDrive } from "./facts.ts";
import { dateOrNull, linkCanEdit, parseLinkScope, parseRoles } from "./parse.ts";

const DELTA_QUERY = "?$select=id,name,webUrl,root,deleted,shared,parentReference&$top=999";

/**
 * Without these, a change of sharing alone (a new "Anyone" link on an old file) need not
 * appear in delta. Microsoft documents `deltashowsharingchanges` as needing the other two;
 * with `hierarchicalsharing` only the items whose own sharing changed carry the `shared` facet.
 * https://learn.microsoft.com/graph/api/driveitem-delta#scanning-permissions-hierarchies
 */
export const DELTA_PREFER = "deltashowremovedasdeleted, deltatraversepermissiongaps, deltashowsharingchanges, hierarchicalsharing";

/**
 * A drive read only through delta for longer than this is read whole again. Microsoft asks for
 * Sites.FullControl.All to process sharing changes in delta "correctly", which a read-only
 * scanner does not hold: a full read a week bounds how long a missed change can keep a `pass`.
 */
export const FULL_RECHECK_DAYS = 7;

const DELTA_READ = { lane: "resource", headers: { Prefer: DELTA_PREFER }, check: checkDeltaPage } as const;

interface Source {
  /** `drives/{id}` or `sites/{id}/drive`: the drive's key in the delta state and its path under the version root. */
  key: string;
  location: string;
  webUrl: string;
}

export interface CrawlProgress {
  (done: number, total: number): void;
}

/**
 * Finds every file shared by its own link, in every OneDrive and document library, with as
 * few reads as Graph allows: one delta read per drive (20 to a `$batch`), a drive's listing
 * only for team sites (a OneDrive is addressed through its site), and permissions only for
 * items delta shows as shared and changed. Sites are crawled as the listing delivers them, and
 * a drive's changed permissions are read as soon as its delta is read, so the crawl never
 * waits for the listing's last page nor for the last drive. `state` is updated in place page
 * by page, so whatever happens it holds a consistent checkpoint to save. When `sites` fails,
 * the drives under way finish (their checkpoints stay good), nothing more starts, and the
 * listing's error is thrown.
 */
export async function crawlSharedFiles(
  caller: GraphCaller, sites: AsyncIterable<SiteSummary[]>, state: DeltaState, progress?: CrawlProgress, now: Date = new Date(),
): Promise<SharedFilesCrawl> {
  const unreadable: UnreadableDrive[] = [];
  const sources = new Set<string>();
  const siteKeys = new Set<string>();
  const stats = { drives: 0, incremental: 0, resynced: 0, interrupted: 0, rechecked: 0 };
  const read = new Set<string>();
  const linkFailures = new Map<string, Fact<never>>();
  // Twice what the caller sends at a time keeps every `$batch` full; starting all of a large
  // tenant's drives at once would only hold thousands of pending reads (and their answers) in
  // memory long enough to outlive the young generation.
  const jobs = new JobPool(2 * caller.capacity);
  // One string for every drive read whole in this scan, not one per drive.
  const startedAt = now.toISOString();
  let done = 0;

  const crawl = (source: Source) => {
    sources.add(source.key);
    stats.drives++;
    progress?.(done, stats.drives);
    jobs.add(async () => {
      const outcome = await crawlDrive(caller, source, state, now, startedAt);
      if (outcome.kind === "read") {
        read.add(source.key);
        if (outcome.incremental) stats.incremental++;
        if (outcome.resynced) stats.resynced++;
        if (outcome.rechecked) stats.rechecked++;
        for (const [itemId, item] of Object.entries(state.drives[source.key]?.items ?? {})) {
          // Ahead of the drives still waiting: a drive's answers are not kept longer than needed.
          if (item.links === null) jobs.addFirst(() => readPermissions(caller, state, source.key, itemId, item, linkFailures));
        }
      } else if (outcome.kind === "failed") {
        if (outcome.error.code === "Throttled") stats.interrupted++;
        unreadable.push({ key: source.key, location: source.location, webUrl: source.webUrl, error: outcome.error });
      }
      progress?.(++done, stats.drives);
    });
  };

  const discover = (site: SiteSummary) => {
    if (site.personal) {
      crawl({ key: `sites/${site.id}/drive`, location: site.displayName, webUrl: site.webUrl });
      return;
    }
    jobs.addFirst(async () => {
      try {
        const drives = await caller.list<{ id: string; name?: string; webUrl?: string }>("ListDrives", `/sites/${site.id}/drives?$select=id,name,webUrl`, "resource");
        for (const d of drives) {
          crawl({ key: `drives/${d.id}`, location: `${site.displayName} / ${d.name ?? d.id}`, webUrl: d.webUrl ?? site.webUrl });
        }
      } catch (err) {
        // The site's drives stay as they were saved; none of them is judged this time.
        for (const [key, drive] of Object.entries(state.drives)) if (drive.webUrl.startsWith(site.webUrl)) siteKeys.add(key);
        unreadable.push({ key: `sites/${site.id}`, location: site.displayName, webUrl: site.webUrl, error: caller.failure("ListDrives", err).error });
      }
    });
  };

  try {
    for await (const arrived of sites) arrived.forEach(discover);
  } catch (err) {
    jobs.clear();
    await jobs.drained();
    throw err;
  }
  await jobs.drained();

  // Drives gone from the tenant are forgotten; only a listing read to the end can tell.
  for (const key of Object.keys(state.drives)) if (!sources.has(key) && !siteKeys.has(key)) delete state.drives[key];

  const files: SharedFile[] = [];
  for (const key of read) {
    const drive = state.drives[key];
    if (!drive) continue;
    for (const [itemId, item] of Object.entries(drive.items)) {
      let links: Fact<SharingLink[]>;
      if (item.links !== null) {
        // Shared only through a parent folder: the folder is the one to judge.
        if (item.links.length === 0) continue;
        links = collected(item.links);
      } else {
        links = linkFailures.get(`${key}|${itemId}`) ?? failed({ operation: "ListItemPermissions", code: "NotRead", message: "the item's permissions were not read" });
      }
      files.push({ driveId: item.driveId, itemId, name: item.name, webUrl: item.webUrl, location: drive.location, links });
    }
  }
  return { files, unreadable, stats };
}

type DriveOutcome =
  | { kind: "read"; incremental: boolean; resynced: boolean; rechecked: boolean }
  | { kind: "gone" }
  | { kind: "failed"; error: ReturnType<typeof toCollectionError> };

/** Follows a drive's delta pages from its saved cursor (or from scratch), applying each page to the state as it comes. */
async function crawlDrive(caller: GraphCaller, source: Source, state: DeltaState, now: Date, startedAt: string): Promise<DriveOutcome> {
  const fresh = (cursor: string): DriveState =>
    ({ location: source.location, webUrl: source.webUrl, cursor, complete: false, fullCrawlAt: startedAt, items: {} });
  const saved = state.drives[source.key];
  const rechecked = saved?.complete === true && now.getTime() - Date.parse(saved.fullCrawlAt) > FULL_RECHECK_DAYS * 86_400_000;
  const incremental = saved?.complete === true && !rechecked;
  let drive: DriveState = saved && !rechecked ? saved : fresh(fullEnumeration(source));
  drive.location = source.location;
  drive.webUrl = source.webUrl;
  state.drives[source.key] = drive;
  let resynced = false;
  for (let url = drive.cursor; ;) {
    let page: DeltaPage;
    try {
      page = await caller.get<DeltaPage>("DriveDelta", url, DELTA_READ);
    } catch (err) {
      if (err instanceof GraphCallError && err.status === 410 && !resynced) {
        // The drive can no longer say what changed: read it whole again, from where Graph says.
        resynced = true;
        drive = fresh(err.location ? caller.relative("DriveDelta", err.location) : fullEnumeration(source));
        state.drives[source.key] = drive;
        url = drive.cursor;
        continue;
      }
      if (err instanceof GraphCallError && err.status === 404) {
        // A OneDrive that was never opened has no drive yet.
        delete state.drives[source.key];
        return { kind: "gone" };
      }
      return { kind: "failed", error: caller.failure("DriveDelta", err).error };
    }
    let known = hasItems(drive);
    for (const item of page.value ?? []) known = apply(drive, item, known);
    const next = page["@odata.nextLink"];
    drive.cursor = caller.relative("DriveDelta", next ?? page["@odata.deltaLink"]!);
    drive.complete = next === undefined;
    if (drive.complete) return { kind: "read", incremental: incremental && !resynced, resynced, rechecked };
    url = drive.cursor;
  }
}

/** Whether anything of the drive is kept (shared items, or items whose permissions are pending). */
function hasItems(drive: DriveState): boolean {
  for (const _ in drive.items) return true;
  return false;
}

/**
 * Where a drive with no saved cursor starts: its whole delta. Made when the drive's turn comes,
 * not kept for each of the thousands of drives still waiting.
 */
function fullEnumeration(source: Source): string {
  return `/${source.key}/root/delta${DELTA_QUERY}`;
}

/** A delta page carries its items and a way on; without one it was cut short. */
function checkDeltaPage(body: unknown): void {
  const page = body as DeltaPage;
  if (!Array.isArray(page.value) || (page["@odata.nextLink"] === undefined && page["@odata.deltaLink"] === undefined)) {
    throw malformed("DriveDelta", "a delta page without items or without nextLink and deltaLink");
  }
}

/**
 * The latest state of one item. With `hierarchicalsharing` only items whose own sharing is new
 * or changed carry `shared` (an empty one when their links were removed), so an item seen
 * without it is not thereby unshared: a known shared item that changed has its permissions
 * read again, and one Graph marks `sharedChanged` without `shared` now inherits its sharing.
 * `known`: whether the drive may hold items already; returns the same after this item.
 */
function apply(drive: DriveState, item: DeltaItem, known: boolean): boolean {
  if (item.root != null) return known;
  // Most items of a drive read whole are not shared: while nothing is kept for the drive there
  // is no earlier state for them to change, and their ids need not be looked up.
  if (!known && item.shared == null) return known;
  const previous = drive.items[item.id];
  if (item.deleted != null || (item.shared == null && item["@microsoft.graph.sharedChanged"] !== undefined && previous !== undefined)) {
    delete drive.items[item.id];
    return known;
  }
  if (item.shared == null && previous === undefined) return known;
  drive.items[item.id] = {
    driveId: item.parentReference?.driveId ?? previous?.driveId ?? "",
    name: item.name ?? previous?.name ?? item.id,
    webUrl: item.webUrl ?? previous?.webUrl ?? "",
    links: null,
  };
  return true;
}

/** Reads the permissions of an item whose sharing is new or changed; a failure stays with the item. */
async function readPermissions(
  caller: GraphCaller, state: DeltaState, key: string, itemId: string, item: StoredItem, failures: Map<string, Fact<never>>,
): Promise<void> {
  try {
    const permissions = await caller.list<GraphPermission>("ListItemPermissions", `/drives/${item.driveId}/items/${itemId}/permissions`, "resource");
    item.links = permissions.filter((p) => p.link != null && p.inheritedFrom == null).map(toLink);
  } catch (err) {
    if (err instanceof GraphCallError && err.status === 404) {
      delete state.drives[key]?.items[itemId];
      return;
    }
    failures.set(`${key}|${itemId}`, caller.failure("ListItemPermissions", err));
  }
}

type Job = () => Promise<void>;

/**
 * Runs jobs at most `limit` at once; a running job may add more. `addFirst` puts a job ahead
 * of those waiting. A job that throws fails `drained`, once every running job has ended.
 */
class JobPool {
  private readonly waiting: (Job | undefined)[] = [];
  private head = 0;
  private readonly first: Job[] = [];
  private running = 0;
  private error: { err: unknown } | undefined;
  private idle: (() => void) | undefined;

  constructor(private readonly limit: number) {}

  add(job: Job): void {
    this.waiting.push(job);
    this.next();
  }

  addFirst(job: Job): void {
    this.first.push(job);
    this.next();
  }

  /** Drops the jobs not started yet. */
  clear(): void {
    this.waiting.length = 0;
    this.head = 0;
    this.first.length = 0;
  }

  async drained(): Promise<void> {
    if (this.running > 0 || this.first.length > 0 || this.head < this.waiting.length) await new Promise<void>((resolve) => { this.idle = resolve; });
    if (this.error) throw this.error.err;
  }

  private next(): void {
    while (this.running < this.limit) {
      const job = this.first.pop() ?? this.take();
      if (!job) break;
      this.running++;
      job().catch((err: unknown) => { this.error ??= { err }; }).finally(() => {
        this.running--;
        this.next();
      });
    }
    if (this.running === 0 && this.idle) {
      const idle = this.idle;
      this.idle = undefined;
      idle();
    }
  }

  private take(): Job | undefined {
    if (this.head >= this.waiting.length) return undefined;
    const job = this.waiting[this.head];
    // Let a started job's closure go as soon as it ends.
    this.waiting[this.head++] = undefined;
    return job;
  }
}

/**
 * A link as cloud15 judges it. A scope it does not know fails the item (`error`, read again next
 * scan) rather than being guessed; an expiry that is Graph's "none" sentinel, or not a date, is
 * no expiry.
 */
function toLink(p: GraphPermission): SharingLink {
  const scope = parseLinkScope(p.link?.scope);
  if (scope === "unknown") {
    throw new GraphCallError("ListItemPermissions", 200, "UnknownValue", `a sharing link of scope '${String(p.link?.scope).slice(0, 40)}', which cloud15 does not know`);
  }
  const roles = parseRoles(p.roles);
  return {
    permissionId: p.id,
    scope,
    type: typeof p.link?.type === "string" ? p.link.type : "unknown",
    roles,
    canEdit: linkCanEdit(p.link?.type, roles),
    expirationDateTime: dateOrNull(p.expirationDateTime),
    hasPassword: p.hasPassword === true,
  };
}

interface DeltaPage {
  value?: DeltaItem[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

interface DeltaItem {
  id: string;
  name?: string;
  webUrl?: string;
  root?: object;
  deleted?: object;
  shared?: { scope?: string } | null;
  parentReference?: { driveId?: string };
  "@microsoft.graph.sharedChanged"?: string;
}

interface GraphPermission {
  id: string;
  roles?: unknown;
  link?: { scope?: unknown; type?: unknown } | null;
  expirationDateTime?: unknown;
  hasPassword?: boolean;
  inheritedFrom?: object | null;
}
