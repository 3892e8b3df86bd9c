import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TenantConfig } from "../../config/schema.ts";
import type { CheckRun } from "../../feed/lifecycle.ts";
import type { Feed, FeedProviderScan } from "../../feed/schema.ts";
import { SecretReader } from "../../secrets/secret-ref.ts";
import type { DeliveryReport } from "../../tickets/deliver.ts";
import { FsTicketStore } from "../../tickets/fs-ticket-store.ts";
import type { RetryPolicy } from "../../tickets/retry.ts";
import { TicketSync } from "../../tickets/sync.ts";
import type { TicketTarget } from "../../tickets/target-config.ts";
import { bucket, feedAt, meta, result, run } from "../feed/fixtures.ts";

export const PAGE_URL = "https://cloud15.example.jp";
export const DAY = 86_400_000;

/** Checks of three severities; feeds are built from them with the feed's own code. */
export const PUBLIC = meta("aws.s3.bucket_public", "critical");
export const VERSIONING = meta("aws.s3.bucket_versioning", "medium");
export const KEYS = meta("aws.iam.access_key_rotation", "low");

export const fail = (m: ReturnType<typeof meta>, ...names: string[]) => run(m, ...names.map((n) => result("fail", bucket(n))));
export const pass = (m: ReturnType<typeof meta>, ...names: string[]) => run(m, ...names.map((n) => result("pass", bucket(n))));
export { result, run, bucket };

/** Fast retries: the behaviour is the production policy's, the waits are not. */
export const TEST_RETRY: RetryPolicy = { retries: 2, minTimeoutMs: 5, maxTimeoutMs: 20, maxWaitMs: 3_000 };

/**
 * One tenant with one ticket target, scanned day after day: each `scan` builds the next feed
 * against the previous one (feed/build.ts), runs the ticket step as a scan does (prepare, then
 * deliver) and returns the feed as stored and the delivery report.
 */
export async function ticketHarness(target: TicketTarget, secrets: Record<string, string>, opts: { retry?: RetryPolicy; language?: "ja" | "en" } = {}) {
  const data = await mkdtemp(join(tmpdir(), "cloud15-tickets-"));
  const store = new FsTicketStore(data);
  let clock = Date.parse("2026-11-01T00:00:00.000Z");
  let previous: Feed | undefined;
  const tenant: TenantConfig = { id: "example-co", name: "Example Co.", language: opts.language ?? "en", tickets: [target] };
  const sync = new TicketSync({
    store,
    secrets: new SecretReader({ env: secrets }),
    pageUrl: PAGE_URL,
    now: () => new Date(clock),
    http: { retry: opts.retry ?? TEST_RETRY, timeoutMs: 5_000 },
  });
  return {
    data,
    store,
    tenant,
    now: () => new Date(clock),
    scan(...runs: CheckRun[]): Promise<{ feed: Feed; report: DeliveryReport }> {
      return this.scanAs([], ...runs);
    },
    /** A scan that reports how each provider went (an unreachable one carries its last findings). */
    async scanAs(providers: FeedProviderScan[], ...runs: CheckRun[]): Promise<{ feed: Feed; report: DeliveryReport }> {
      clock += DAY;
      const built = feedAt(new Date(clock).toISOString(), runs, previous, { providers });
      const feed = await sync.prepare(tenant, previous ? { feed: previous } : { missing: true }, built);
      previous = feed;
      return { feed, report: await sync.deliver(tenant) };
    },
    deliver: (o: { retryDead?: boolean } = {}) => sync.deliver(tenant, o),
    advance(ms: number) {
      clock += ms;
    },
    outbox: () => store.outbox("example-co"),
    dispose: () => rm(data, { recursive: true, force: true }),
  };
}
