import { readdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { PreviousFeed } from "../feed/build.ts";
import { isHistoryPoint } from "../feed/history-point.ts";
import type { Feed } from "../feed/schema.ts";
import { feedProblems } from "../feed/validate.ts";
import { copyFileAtomic, removeAbandonedTemps, writeFileAtomic } from "./atomic-write.ts";
import type { FeedStore } from "./feed-store.ts";
import { prettyJsonChunks } from "./json-chunks.ts";
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
    const parsed = parseFeed(text, tenantId);
    return "problem" in parsed ? this.setAside(tenantId, parsed.problem) : parsed;
  }

  async put(tenantId: string, feed: Feed): Promise<void> {
    const folder = this.folder(tenantId);
    if (feed.tenant.id !== tenantId) throw new Error(`feed of tenant ${feed.tenant.id} cannot be stored as ${tenantId}`);
    if (!SCAN_ID.test(feed.scan.id)) throw new Error(`scan id ${JSON.stringify(feed.scan.id)} is not safe in a file name`);
    // Refuse to write what the next scan would have to set aside.
    const problems = feedProblems(feed);
    if (problems.length > 0) throw new Error(`refusing to store an invalid feed: ${problems.join("; ")}`);

    await privateFolder(folder);
    await privateFolder(join(folder, HISTORY));
    // History first: if the process dies in between, the latest is still the previous scan.
    // The text is written as it is made and the latest copied from the history file: a
    // feed's text is never held whole (store/json-chunks.ts).
    if (isHistoryPoint(feed)) {
      const historyFile = join(folder, HISTORY, `${fileTime(feed.scan.startedAt)}-${feed.scan.id}.json`);
      await writeFileAtomic(historyFile, feedText(feed));
      await copyFileAtomic(historyFile, join(folder, LATEST));
    } else {
      await writeFileAtomic(join(folder, LATEST), feedText(feed));
    }
    await this.pruneHistory(tenantId, new Date(feed.scan.startedAt));
    await removeAbandonedTemps(folder);
    await removeAbandonedTemps(join(folder, HISTORY));
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
      const parsed = parseFeed(text, tenantId);
      if ("feed" in parsed) feeds.push(parsed.feed);
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

/**
 * A stored text as this tenant's feed, or why it is not one. S3FeedStore judges by the same
 * rule. Parsed once: the text of a large feed and its object are held together only here.
 */
export function parseFeed(text: string, tenantId: string): { feed: Feed } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { problem: `not valid JSON: ${errorMessage(err)}` };
  }
  const problems = feedProblems(value);
  if (problems.length > 0) return { problem: `not a valid feed: ${problems.join("; ")}` };
  const owner = (value as Feed).tenant.id;
  return owner === tenantId ? { feed: value as Feed } : { problem: `belongs to tenant ${owner}, not ${tenantId}` };
}

/** The stored form of a feed, `JSON.stringify(feed, null, 2)` and a newline, in pieces. */
function* feedText(feed: Feed): Generator<string> {
  yield* prettyJsonChunks(feed);
  yield "\n";
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
