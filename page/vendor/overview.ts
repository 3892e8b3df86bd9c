import { createHash } from "node:crypto";
import PQueue from "p-queue";
import type { StoredAnswer } from "../../feed/answers.ts";
import { feedWithRecordedAnswers } from "../../feed/owner-view.ts";
import type { Feed } from "../../feed/schema.ts";
import type { AnswerStore } from "../../store/answer-store.ts";
import type { ScorePoint, TenantFeeds } from "../feeds.ts";

/** Tenants read at once: a vendor with 500 clients on S3 waits for 500 ÷ 16 round trips, not 500. */
const READ_CONCURRENCY = 16;

/**
 * Every tenant with a feed, most urgent first. The owner's answers given since the scan are
 * applied as on the owner's page, so both show the same numbers.
 *
 * A vendor's folder holds hundreds of feeds of up to megabytes each, and parsing them is most
 * of the cost; a tenant's row is kept until its feed's bytes or its answers change (a new scan
 * also brings the new trend point), so a reload parses only what changed.
 */
export class VendorOverview {
  private readonly rows = new Map<string, { key: string; row: TenantOverview }>();

  constructor(private readonly feeds: TenantFeeds, private readonly answers: AnswerStore | undefined) {}

  async list(): Promise<TenantOverview[]> {
    const queue = new PQueue({ concurrency: READ_CONCURRENCY });
    const ids = await this.feeds.tenantIds();
    const rows = await Promise.all(ids.map((id) => queue.add(() => this.row(id))));
    for (const id of this.rows.keys()) if (!ids.includes(id)) this.rows.delete(id);
    return rows.filter((r) => r !== undefined).sort(byUrgency);
  }

  private async row(id: string): Promise<TenantOverview> {
    const [version, recorded] = await Promise.all([this.feeds.latestVersion?.(id), this.answers ? this.answers.list(id) : []]);
    const answered = `${recorded.length} ${recorded.at(-1)?.id ?? ""}`;
    const kept = this.rows.get(id);
    if (version !== undefined && kept?.key === `${version} ${answered}`) return kept.row;
    const json = await this.feeds.latestJson(id);
    // Without a cheap version (S3), the feed's own bytes tell whether it changed.
    const key = `${version ?? createHash("sha256").update(json ?? "").digest("base64url")} ${answered}`;
    if (kept?.key === key) return kept.row;
    const row = await this.build(id, json, recorded);
    this.rows.set(id, { key, row });
    return row;
  }

  private async build(id: string, json: string | undefined, recorded: readonly StoredAnswer[]): Promise<TenantOverview> {
    let feed: Feed;
    try {
      feed = JSON.parse(json ?? "") as Feed;
      if (typeof feed.summary?.failBySeverity?.critical !== "number" || !Array.isArray(feed.scan?.providers)) return unreadableOverview(id);
    } catch {
      return unreadableOverview(id);
    }
    const shown = recorded.length === 0 ? feed : feedWithRecordedAnswers(feed, recorded, new Date());
    return tenantOverview(id, shown, await this.feeds.scoreTrend(id));
  }
}

/**
 * What the IT vendor sees of one tenant: the headline the owner sees (critical problems
 * first, the score second), how the score moved, when it was last scanned, and which clouds
 * could not be checked. Numbers and dates only, no finding text: the vendor reads the
 * details on the tenant's own page.
 */
export interface TenantOverview {
  id: string;
  name: string;
  /** Failing critical findings: the owner's 緊急. */
  critical: number;
  high: number;
  /** Undefined when the feed could not be read. */
  score?: number;
  /** Scores of the recent scans, oldest first (the tenant page's trend). */
  trend: number[];
  lastScanAt?: string;
  /** Clouds this tenant's last scan could not fully check. */
  scanProblems: ScanProblem[];
  /** The stored feed is not a feed: it needs a person, so it sorts as urgent as it gets. */
  unreadable?: true;
}

export type CloudName = "aws" | "microsoft" | "google" | "site";

export interface ScanProblem {
  provider: CloudName;
  /** partial: some facts could not be read; error: none; unreachable: the cloud did not answer. */
  status: "partial" | "error" | "unreachable";
  /** How many reads failed. */
  errors: number;
  /** The first failure, for the engineers' disclosure. */
  firstError?: { operation: string; code: string; message: string };
  /** The results shown are older ones, kept from this scan on (feed schema 1.1). */
  staleSince?: string;
}

/** Read loosely: feeds of schema 1.1 add `unreachable` and `stale`, and this view must not break on either. */
type ProviderScanLike = Feed["scan"]["providers"][number] & { status: string; stale?: { since?: unknown } };

export function tenantOverview(tenantId: string, feed: Feed, trend: readonly ScorePoint[]): TenantOverview {
  const scanProblems: ScanProblem[] = [];
  for (const p of feed.scan.providers as ProviderScanLike[]) {
    const stale = typeof p.stale?.since === "string" ? p.stale.since : undefined;
    if (p.status === "ok" && !stale) continue;
    const status = p.status === "partial" || p.status === "error" ? p.status : "unreachable";
    const first = p.errors[0];
    scanProblems.push({
      provider: p.provider,
      status,
      errors: p.errors.length,
      ...(first ? { firstError: { operation: first.operation, code: first.code, message: first.message } } : {}),
      ...(stale ? { staleSince: stale } : {}),
    });
  }
  return {
    id: tenantId,
    name: feed.tenant.name,
    critical: feed.summary.failBySeverity.critical,
    high: feed.summary.failBySeverity.high,
    score: feed.summary.score,
    trend: trend.map((p) => p.score),
    lastScanAt: feed.scan.finishedAt,
    scanProblems,
  };
}

export function unreadableOverview(tenantId: string): TenantOverview {
  return { id: tenantId, name: tenantId, critical: 0, high: 0, trend: [], scanProblems: [], unreadable: true };
}

/**
 * Most urgent first: a feed nobody can read, then more critical problems, then a scan that
 * could not look everywhere (its zero may hide something), then more high ones, then the
 * lower score. Ties by id, so the order is stable between loads.
 */
export function byUrgency(a: TenantOverview, b: TenantOverview): number {
  return Number(Boolean(b.unreadable)) - Number(Boolean(a.unreadable))
    || b.critical - a.critical
    || Number(b.scanProblems.length > 0) - Number(a.scanProblems.length > 0)
    || b.high - a.high
    || (a.score ?? 0) - (b.score ?? 0)
    || a.id.localeCompare(b.id);
}
