import { mkdir, readdir, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { PreviousFeed } from "../feed/build.ts";
import type { Feed } from "../feed/schema.ts";
import { feedProblems } from "../feed/validate.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import type { FeedStore } from "./feed-store.ts";
import { assertTenantId } from "./tenant-id.ts";

const LATEST = "feed.json";
const HISTORY = "history";
/** Scan ids become part of a file name; ours are UUIDs, anything else must still be safe. */
const SCAN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Feeds in a data folder: `DATA/<tenant>/feed.json` is the latest,
 * `DATA/<tenant>/history/<scan time>-<scan id>.json` keeps each scan.
 */
export class FsFeedStore implements FeedStore {
  constructor(readonly dataDir: string, private readonly clock: () => Date = () => new Date()) {}

  async latest(tenantId: string): Promise<PreviousFeed> {
    const folder = this.folder(tenantId);
    const path = join(folder, LATEST);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      if (isCode(err, "ENOENT")) return { missing: true };
      return this.setAside(tenantId, `could not be read: ${errorMessage(err)}`);
    }
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
    await mkdir(join(folder, HISTORY), { recursive: true });
    // History first: if the process dies in between, the latest is still the previous scan.
    await writeFileAtomic(join(folder, HISTORY, `${fileTime(feed.scan.startedAt)}-${feed.scan.id}.json`), text);
    await writeFileAtomic(join(folder, LATEST), text);
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
