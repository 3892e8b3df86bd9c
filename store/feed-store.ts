import type { PreviousFeed } from "../feed/build.ts";
import type { Feed } from "../feed/schema.ts";

/** Where feeds live: a data folder on a laptop, S3 + DynamoDB on Lambda. */
export interface FeedStore {
  /**
   * The latest feed of a tenant. One that is not a feed (damaged, another tenant's) is moved
   * aside and reported, never thrown: a broken previous feed must not stop the next scan.
   * One that could not be read (a passing file-system or network fault) throws after
   * retrying: set aside, a good feed would make every finding look new.
   */
  latest(tenantId: string): Promise<PreviousFeed>;
  /** Stores a feed as the latest and in the history; whole or not at all. */
  put(tenantId: string, feed: Feed): Promise<void>;
  /** Past feeds, newest first. */
  history(tenantId: string, limit?: number): Promise<Feed[]>;
}
