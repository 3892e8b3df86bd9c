import { CopyObjectCommand, DeleteObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { PreviousFeed } from "../feed/build.ts";
import { isHistoryPoint } from "../feed/history-point.ts";
import type { Feed } from "../feed/schema.ts";
import { feedProblems } from "../feed/validate.ts";
import type { FeedStore } from "./feed-store.ts";
import { parseFeed } from "./fs-feed-store.ts";
import { historyKey, historyPrefix, latestKey, setAsideKey } from "./s3-layout.ts";
import { gzipJson, readObjectText, writeJsonObject } from "./s3-objects.ts";

/** Keeps the state of every finding that has a lifecycle, for tickets and queries (store/dynamo-finding-state.ts). */
export interface FindingStateRecorder {
  record(feed: Feed): Promise<void>;
}

export interface S3FeedStoreOptions {
  s3: S3Client;
  bucket: string;
  findingState: FindingStateRecorder;
  clock?: () => Date;
}

/**
 * Feeds in S3, laid out as in the data folder but under per-kind prefixes (store/s3-layout.ts):
 * `latest/<tenant>/feed.json` and `history/<tenant>/<scan time>-<scan id>.json`.
 * The bucket is versioned, so even an overwritten latest feed can be recovered.
 */
export class S3FeedStore implements FeedStore {
  private readonly s3: S3Client;
  private readonly bucket: string;
  private readonly findingState: FindingStateRecorder;
  private readonly clock: () => Date;

  constructor(opts: S3FeedStoreOptions) {
    this.s3 = opts.s3;
    this.bucket = opts.bucket;
    this.findingState = opts.findingState;
    this.clock = opts.clock ?? (() => new Date());
  }

  async latest(tenantId: string): Promise<PreviousFeed> {
    const key = latestKey(tenantId);
    const text = await readObjectText(this.s3, this.bucket, key);
    if (text === undefined) return { missing: true };
    const parsed = parseFeed(text, tenantId);
    if ("feed" in parsed) return parsed;
    const { problem } = parsed;
    // Moved aside, not deleted: the owner's last good state may be worth recovering by hand.
    const aside = setAsideKey(tenantId, this.clock());
    await this.s3.send(new CopyObjectCommand({ Bucket: this.bucket, Key: aside, CopySource: `${this.bucket}/${key}` }));
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return { problem, setAsideTo: aside };
  }

  /**
   * The history entry and the finding state (at once: neither reads the other), then the
   * latest feed: the latest is the commit point. If anything before it fails, the previous
   * feed is still the latest and a retried scan judges new and open findings against it, as
   * if this attempt never happened.
   */
  async put(tenantId: string, feed: Feed): Promise<void> {
    if (feed.tenant.id !== tenantId) throw new Error(`feed of tenant ${feed.tenant.id} cannot be stored as ${tenantId}`);
    const problems = feedProblems(feed);
    if (problems.length > 0) throw new Error(`refusing to store an invalid feed: ${problems.join("; ")}`);
    // Compressed once for both objects: gzip was most of a tiny tenant's feed-writing CPU.
    const json = gzipJson(`${JSON.stringify(feed, null, 2)}\n`);
    // Settled, not raced: when one fails, the other is over too before the caller hears of it.
    const before = await Promise.allSettled([
      isHistoryPoint(feed) ? writeJsonObject(this.s3, this.bucket, historyKey(tenantId, feed.scan.startedAt, feed.scan.id), json) : undefined,
      this.findingState.record(feed),
    ]);
    for (const write of before) if (write.status === "rejected") throw write.reason;
    await writeJsonObject(this.s3, this.bucket, latestKey(tenantId), json);
  }

  async history(tenantId: string, limit = 20): Promise<Feed[]> {
    const keys = (await listKeys(this.s3, this.bucket, historyPrefix(tenantId))).reverse();
    const feeds: Feed[] = [];
    for (const key of keys) {
      if (feeds.length >= limit) break;
      const text = await readObjectText(this.s3, this.bucket, key);
      // A damaged (or meanwhile expired) history entry is skipped: history informs, it never decides a scan.
      const parsed = text === undefined ? undefined : parseFeed(text, tenantId);
      if (parsed && "feed" in parsed) feeds.push(parsed.feed);
    }
    return feeds;
  }
}

/** Every key under a prefix, in S3's order (ascending by UTF-8 bytes: for history names, by time). */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    for (const object of page.Contents ?? []) if (object.Key?.endsWith(".json")) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}
