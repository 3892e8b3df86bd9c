import { readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { PreviousFeed } from "../feed/build.ts";
import { isHistoryPoint } from "../feed/history-point.ts";
import type { Feed } from "../feed/schema.ts";
import { feedProblems } from "../feed/validate.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import type { FeedStore } from "./feed-store.ts";
import { privateFolder } from "./private-folder.ts";
import { assertTenantId } from "./tenant-id.ts";

const LATEST = "feed.json";
const HISTORY = "history";
/** Scan ids become part of a file name; ours are UUIDs, anything else must still be safe. */
const SCAN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** The scan time a history file's name starts with (`fileTime`). */
const HISTORY_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2}(\.\d+)?Z)-/;
/** As long as the S3 bucket's lifecycle rule keeps history (serverless.yml, custom.historyDays). */
export const DEFAULT_HISTORY_DAYS = 400;
/**
 * Waits before each new attempt at reading the latest feed. Too many open files (EMFILE), a
 * file another program holds (EBUSY, EACCES from a virus scanner or a backup) pass; a feed
 * that still cannot be read after these is an error, never a corrupt feed.
 */
const READ_RETRY_DELAYS_MS = [100, 500, 2_000];

export interface FsFeedStoreOptions {
  /** Past feeds older than this many days before the scan being stored are deleted as it is stored. */
  historyDays?: number;
  readRetryDelaysMs?: readonly number[];
}

/** The latest feed exists but could not be read; it is left where it is, and the scan stops before writing. */
export class FeedReadError extends Error {
  override name = "FeedReadError";
}

/**
 * Feeds in a data folder: `DATA/<tenant>/feed.json` is the latest,
 * `DATA/<tenant>/history/<scan time>-<scan id>.json` keeps each scan for `historyDays`.
 * Folders are 0700 and files 0600: only the user running cloud15 reads a tenant's data.
 */
export class FsFeedStore implements FeedStore {
  private readonly historyDays: number;
  private readonly readRetryDelaysMs: readonly number[];

  constructor(readonly dataDir: string, private readonly clock: () => Date = () => new Date(), opts: FsFeedStoreOptions = {}) {
    this.historyDays = opts.historyDays ?? DEFAULT_HISTORY_DAYS;
    this.readRetryDelaysMs = opts.readRetryDelaysMs ?? READ_RETRY_DELAYS_MS;
  }

  /**
   * Only a feed that was read and is not one (not JSON, not the schema, another tenant's) is
   * set aside. One that could not be read is tried again, then throws: setting a good feed
   * aside over a passing fault would make the next scan call every finding new.
   */
  async latest(tenantId: string): Promise<PreviousFeed> {
    const text = await this.readLatest(join(this.folder(tenantId), LATEST));
    if (text === undefined) return { missing: true };
    const problem = feedProblem(text, tenantId);
    return problem ? this.setAside(tenantId, problem) : { feed: JSON.parse(text) as Feed };
  }

  async put(tenantId: string, feed: Feed): Promise<void> {
    const folder = this.folder(tenantId);
    if (feed.tenant.id !== tenantId) throw new Error(`feed of tenant ${feed.tenant.id} cannot be stored as ${tenantId}`);
    if (!SCAN_ID.test(feed.scan.id)) throw new Error(`scan id ${JSON.stringify(feed.scan.id)} is not safe in a file name`);
    // Refuse to write what the next scan would have to set aside.
    const problems = feedProblems(feed);
    if (problems.length > 0) throw new Error(`refusing to store an invalid feed: ${problems.join("; ")}`);

    const text = `${JSON.stringify(feed, null, 2)}\n`;
    await privateFolder(folder);
    await privateFolder(join(folder, HISTORY));
    // History first: if the process dies in between, the latest is still the previous scan.
    if (isHistoryPoint(feed)) await writeFileAtomic(join(folder, HISTORY, `${fileTime(feed.scan.startedAt)}-${feed.scan.id}.json`), text);
    await writeFileAtomic(join(folder, LATEST), text);
    await this.pruneHistory(tenantId, new Date(feed.scan.startedAt));
  }

  async history(tenantId: string, limit = 20): Promise<Feed[]> {
    const dir = join(this.folder(tenantId), HISTORY);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if (isCode(err, "ENOENT")) return [];
      throw err;
    }
    // Names start with the scan time in a sortable form, so the name order is the time order.
    const files = names.filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort().reverse();
    const feeds: Feed[] = [];
    for (const name of files) {
      if (feeds.length >= limit) break;
      const text = await readFile(join(dir, name), "utf8");
      // A damaged history entry is skipped: history informs, it never decides a scan.
      if (feedProblem(text, tenantId) === undefined) feeds.push(JSON.parse(text) as Feed);
    }
    return feeds;
  }

  /**
   * Deletes history older than `historyDays` before `now`, judged by the scan time in each
   * name, as the S3 lifecycle rule does by object age. The scan just stored is never older.
   */
  private async pruneHistory(tenantId: string, now: Date): Promise<void> {
    const dir = join(this.folder(tenantId), HISTORY);
    const cutoff = now.getTime() - this.historyDays * 86_400_000;
    for (const name of await readdir(dir)) {
      const m = HISTORY_TIME.exec(name);
      if (m && name.endsWith(".json") && Date.parse(`${m[1]}:${m[2]}:${m[3]}`) < cutoff) await rm(join(dir, name), { force: true });
    }
  }

  private async readLatest(path: string): Promise<string | undefined> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await readFile(path, "utf8");
      } catch (err) {
        if (isCode(err, "ENOENT")) return undefined;
        const wait = this.readRetryDelaysMs[attempt];
        if (wait === undefined) {
          throw new FeedReadError(
            `the previous feed ${path} could not be read after ${attempt + 1} attempts (${errorMessage(err)}); ` +
            "it was left as it is and nothing was stored: fix the file's access and scan again",
          );
        }
        await sleep(wait);
      }
    }
  }

  private folder(tenantId: string): string {
    return join(this.dataDir, assertTenantId(tenantId));
  }

  private async setAside(tenantId: string, problem: string): Promise<PreviousFeed> {
    const name = `${LATEST}.corrupt-${fileTime(this.clock().toISOString())}`;
    await rename(join(this.folder(tenantId), LATEST), join(this.folder(tenantId), name));
    return { problem, setAsideTo: `${tenantId}/${name}` };
  }
}

/** Why a stored text is not a usable feed of this tenant, or undefined when it is one. S3FeedStore judges by the same rule. */
export function feedProblem(text: string, tenantId: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `not valid JSON: ${errorMessage(err)}`;
  }
  const problems = feedProblems(value);
  if (problems.length > 0) return `not a valid feed: ${problems.join("; ")}`;
  const owner = (value as Feed).tenant.id;
  return owner === tenantId ? undefined : `belongs to tenant ${owner}, not ${tenantId}`;
}

/** An ISO time without colons (not allowed in Windows file names), still sortable. */
function fileTime(iso: string): string {
  return iso.replace(/:/g, "-");
}

function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
