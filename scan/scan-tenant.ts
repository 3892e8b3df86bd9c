import { randomUUID } from "node:crypto";
import type { TenantConfig } from "../config/schema.ts";
import type { Feed } from "../feed/schema.ts";
import type { AnswerStore } from "../store/answer-store.ts";
import type { FeedStore } from "../store/feed-store.ts";
import { FsFeedStore } from "../store/fs-feed-store.ts";
import type { TicketSync } from "../tickets/sync.ts";
import { awsScanner } from "./aws-scanner.ts";
import { FsProviderStateStore } from "./fs-provider-state.ts";
import { googleScanner } from "./google-scanner.ts";
import { microsoftScanner } from "./microsoft-scanner.ts";
import type { ProviderScanner, ProviderStateStore, ScanCredentials } from "./provider-scanner.ts";
import { scanProvider, storeScan, type ScanProgress } from "./scan-steps.ts";
import { siteScanner } from "./site-scanner.ts";

/** Every cloud cloud15 knows. Each scanner pairs its own fact type with its checks, hence `any` here. */
const PROVIDER_SCANNERS: readonly ProviderScanner<any>[] = [awsScanner, microsoftScanner, googleScanner, siteScanner];

export interface ScanTenantOptions {
  tenant: TenantConfig;
  store: FeedStore;
  /** The owner's answers from the page; without it only the config's attestations count. */
  answers?: AnswerStore;
  credentials?: ScanCredentials;
  /** Calls in flight at once per provider. */
  concurrency?: number;
  now?: () => Date;
  onProgress?: (event: ScanProgress) => void;
  /** The clouds to scan; all of them unless a test narrows it. */
  scanners?: readonly ProviderScanner<any>[];
  /** Turns the scan's changes into tickets for the tenant's ticket targets. */
  tickets?: TicketSync;
  /** The tenant's provider state (delta tokens); by default next to the feeds when they are in a data folder. */
  state?: ProviderStateStore;
}

/**
 * One scan of one tenant, the same for the CLI and the Lambda: collect each configured
 * provider's facts, run every one of its checks, build the feed against the previous one,
 * store it, return it. Collection problems end up in the feed; only a store failure throws.
 * The Lambda runs the same two steps, `scanProvider` and `storeScan` (scan/scan-steps.ts),
 * one provider per function and over invocations (scan/resumable-scan.ts).
 */
export async function scanTenant(opts: ScanTenantOptions): Promise<Feed> {
  const { tenant } = opts;
  const now = opts.now ?? (() => new Date());
  const startedAt = now();
  const scanners = (opts.scanners ?? PROVIDER_SCANNERS).filter((s) => s.configured(tenant));
  const state = opts.state ?? (opts.store instanceof FsFeedStore ? new FsProviderStateStore(opts.store.dataDir, tenant.id) : undefined);
  const runs = await Promise.all(scanners.map((scanner) => scanProvider(scanner, tenant, startedAt, { ...opts, ...(state ? { state } : {}) })));
  return storeScan({
    tenant, store: opts.store, ...(opts.answers ? { answers: opts.answers } : {}), scanId: randomUUID(), startedAt, finishedAt: now(), runs,
    ...(opts.tickets ? { tickets: opts.tickets } : {}),
  });
}
