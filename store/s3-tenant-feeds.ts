import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { TENANT_ID } from "../page/auth.ts";
import { scorePoint, TREND_LENGTH, type ScorePoint, type TenantFeeds } from "../page/feeds.ts";
import { listKeys } from "./s3-feed-store.ts";
import { historyPrefix, latestKey, S3_PREFIX } from "./s3-layout.ts";
import { readObjectText } from "./s3-objects.ts";

/**
 * What the page and feed functions read from S3FeedStore's layout; read-only, like
 * FsTenantFeeds. History objects never change once written, so each is read once per
 * Lambda container: a warm container answers the trend with a single listing.
 */
export class S3TenantFeeds implements TenantFeeds {
  private readonly points = new Map<string, ScorePoint | undefined>();

  constructor(private readonly s3: S3Client, private readonly bucket: string) {}

  async tenantIds(): Promise<string[]> {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3.send(new ListObjectsV2Command({
        Bucket: this.bucket, Prefix: S3_PREFIX.latest, Delimiter: "/", ...(token ? { ContinuationToken: token } : {}),
      }));
      for (const p of page.CommonPrefixes ?? []) {
        const id = p.Prefix!.slice(S3_PREFIX.latest.length, -1);
        if (TENANT_ID.test(id)) ids.push(id);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return ids.sort();
  }

  latestJson(tenantId: string): Promise<string | undefined> {
    return readObjectText(this.s3, this.bucket, latestKey(tenantId));
  }

  async scoreTrend(tenantId: string): Promise<ScorePoint[]> {
    const recent = (await listKeys(this.s3, this.bucket, historyPrefix(tenantId))).slice(-TREND_LENGTH);
    const points = (await Promise.all(recent.map((key) => this.historyPoint(key)))).filter((p) => p !== undefined);
    // The store writes the history copy first, so the latest is normally there already.
    const latest = await this.latestJson(tenantId);
    const latestPoint = latest === undefined ? undefined : scorePoint(latest);
    if (latestPoint && !points.some((p) => p.scanId === latestPoint.scanId)) points.push(latestPoint);
    return points.sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt)).slice(-TREND_LENGTH);
  }

  private async historyPoint(key: string): Promise<ScorePoint | undefined> {
    if (!this.points.has(key)) {
      const text = await readObjectText(this.s3, this.bucket, key);
      // An object that expired between listing and reading is a gap, and is not remembered.
      if (text === undefined) return undefined;
      this.points.set(key, scorePoint(text));
    }
    return this.points.get(key);
  }
}
