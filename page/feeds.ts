import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { TENANT_ID } from "./auth.ts";

/** One scan on the score trend. */
export interface ScorePoint {
  scanId: string;
  finishedAt: string;
  score: number;
  /** Open critical and high problems after that scan (0 for a feed that predates the counts). */
  critical: number;
  high: number;
  /** What was failing then: the page compares it with today for "fixed since last month". */
  failing: FailingFinding[];
}

/** A failing finding of an earlier scan, as much as the page needs to name it. */
export interface FailingFinding {
  id: string;
  checkId: string;
  severity: string;
  name: string;
  /** The resource's type, so the page can say its name in plain words. */
  type: string;
  title: { ja: string; en: string };
}

/**
 * The scan to compare today with: the latest at least four weeks older than the newest, or
 * the oldest there is when the history is shorter. Undefined with a single scan.
 */
export function monthAgo(points: readonly ScorePoint[]): ScorePoint | undefined {
  const newest = points.at(-1);
  if (!newest || points.length < 2) return undefined;
  const cutoff = Date.parse(newest.finishedAt) - 28 * 24 * 60 * 60 * 1000;
  return [...points].reverse().find((p) => Date.parse(p.finishedAt) <= cutoff) ?? points[0];
}

/** What the page reads from the feed store. A Lambda implements it over S3. */
export interface TenantFeeds {
  /** Tenants that have a feed. */
  tenantIds(): Promise<string[]>;
  /** The latest feed as stored (served byte for byte), or undefined before the first scan. */
  latestJson(tenantId: string): Promise<string | undefined>;
  /** Scores of the latest feed and the most recent older ones, oldest first. */
  scoreTrend(tenantId: string): Promise<ScorePoint[]>;
  /**
   * Something that changes whenever the latest feed does, cheaper than reading it; undefined
   * when there is no feed. Lets the vendor's overview skip feeds it has already read.
   */
  latestVersion?(tenantId: string): Promise<string | undefined>;
}

/** How many scans the trend shows: about a month of nightly scans. */
export const TREND_LENGTH = 30;

/**
 * Reads the layout FsFeedStore writes: `DATA/<tenant>/feed.json`, and
 * `DATA/<tenant>/history/<scan time>-<scan id>.json`, whose names sort in time order. It reads
 * only and never moves a damaged file aside: that is the scan's job, not the page's.
 * A history file is written once and never changed, so each is parsed once per process: a
 * year of nightly feeds is too much to parse on every page load.
 */
export class FsTenantFeeds implements TenantFeeds {
  private readonly points = new Map<string, ScorePoint | undefined>();

  constructor(private readonly dataDir: string) {}

  async tenantIds(): Promise<string[]> {
    const entries = await readdir(this.dataDir, { withFileTypes: true });
    const ids: string[] = [];
    for (const entry of entries) {
      if (entry.isDirectory() && TENANT_ID.test(entry.name) && (await exists(join(this.dataDir, entry.name, "feed.json")))) {
        ids.push(entry.name);
      }
    }
    return ids.sort();
  }

  async latestJson(tenantId: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.dataDir, tenantId, "feed.json"), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** The store replaces feed.json by rename, so a new feed is a new inode with a new mtime. */
  async latestVersion(tenantId: string): Promise<string | undefined> {
    try {
      const info = await stat(join(this.dataDir, tenantId, "feed.json"), { bigint: true });
      return `${info.ino}:${info.mtimeNs}:${info.size}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async scoreTrend(tenantId: string): Promise<ScorePoint[]> {
    const historyDir = join(this.dataDir, tenantId, "history");
    let names: string[];
    try {
      names = await readdir(historyDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      names = [];
    }
    const recent = names.filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort().slice(-TREND_LENGTH);
    const points: ScorePoint[] = [];
    for (const name of recent) {
      const point = await this.historyPoint(join(historyDir, name));
      if (point) points.push(point);
    }
    // The store writes the history copy first, so the latest is normally there already.
    const latest = await this.latestJson(tenantId);
    const latestPoint = latest === undefined ? undefined : scorePoint(latest);
    if (latestPoint && !points.some((p) => p.scanId === latestPoint.scanId)) points.push(latestPoint);
    return points.sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt)).slice(-TREND_LENGTH);
  }

  private async historyPoint(path: string): Promise<ScorePoint | undefined> {
    if (!this.points.has(path)) this.points.set(path, scorePoint(await readFile(path, "utf8")));
    return this.points.get(path);
  }
}

/** A damaged or foreign history file leaves a gap in the trend instead of breaking the page. S3TenantFeeds reads the same way. */
export function scorePoint(json: string): ScorePoint | undefined {
  try {
    const feed = JSON.parse(json) as {
      scan?: { id?: unknown; finishedAt?: unknown };
      summary?: { score?: unknown; failBySeverity?: { critical?: unknown; high?: unknown } };
      findings?: unknown;
    };
    const { id, finishedAt } = feed.scan ?? {};
    const score = feed.summary?.score;
    if (typeof id === "string" && typeof finishedAt === "string" && typeof score === "number") {
      const count = (n: unknown) => (typeof n === "number" ? n : 0);
      return {
        scanId: id, finishedAt, score,
        critical: count(feed.summary?.failBySeverity?.critical),
        high: count(feed.summary?.failBySeverity?.high),
        failing: failingOf(feed.findings),
      };
    }
  } catch {
    // not JSON: a gap, see above
  }
  return undefined;
}

function failingOf(findings: unknown): FailingFinding[] {
  if (!Array.isArray(findings)) return [];
  return findings.flatMap((f: Record<string, unknown>) => {
    const resource = f.resource as { name?: unknown; type?: unknown } | undefined;
    const title = f.title as { ja?: unknown; en?: unknown } | undefined;
    if (f.status !== "fail" || typeof f.id !== "string" || typeof f.checkId !== "string" || typeof f.severity !== "string"
      || typeof resource?.name !== "string" || typeof title?.ja !== "string" || typeof title.en !== "string") return [];
    const type = typeof resource.type === "string" ? resource.type : "";
    return [{ id: f.id, checkId: f.checkId, severity: f.severity, name: resource.name, type, title: { ja: title.ja, en: title.en } }];
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
