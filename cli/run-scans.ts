import type { Severity } from "../checks/framework.ts";
import type { Language } from "../checks/text.ts";
import { SEVERITIES } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { Feed } from "../feed/schema.ts";
import type { ScanCredentials } from "../scan/provider-scanner.ts";
import { scanTenant } from "../scan/scan-tenant.ts";
import type { AnswerStore } from "../store/answer-store.ts";
import type { FeedStore } from "../store/feed-store.ts";
import type { TicketSync } from "../tickets/sync.ts";
import { EXIT } from "./exit-codes.ts";
import { progressReporter } from "./progress.ts";
import { formatSummary } from "./summary.ts";

export interface RunScansOptions {
  tenants: readonly TenantConfig[];
  store: FeedStore;
  answers?: AnswerStore;
  credentials?: ScanCredentials;
  concurrency?: number;
  failOn?: Severity;
  /** The language of the summary and the progress lines. */
  lang: Language;
  /** Ticket sync after each scan; it reports deliveries on stderr itself. */
  tickets?: TicketSync;
}

/**
 * Scans tenants one after another (each scan is concurrent inside), prints each summary on
 * stdout and problems on stderr, and returns the exit code for the lot.
 */
export async function runScans(opts: RunScansOptions): Promise<number> {
  let couldNotRun = false;
  let failsAtThreshold = false;
  const progress = progressReporter(opts.lang);
  for (const tenant of opts.tenants) {
    let feed: Feed;
    const started = Date.now();
    try {
      feed = await scanTenant({
        tenant,
        store: opts.store,
        ...(opts.answers ? { answers: opts.answers } : {}),
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        ...(opts.tickets ? { tickets: opts.tickets } : {}),
        onProgress: (e) => progress.onProgress(e),
      });
    } catch (err) {
      progress.done();
      process.stderr.write(`${tenant.id}: the scan could not run: ${(err as Error).message}\n`);
      couldNotRun = true;
      continue;
    }
    progress.done();
    progress.completed(tenant.id, Date.now() - started);
    process.stdout.write(`${formatSummary(feed, opts.lang)}\n\n`);
    if (nothingReached(feed)) {
      const reasons = feed.scan.providers.flatMap((p) => p.errors.slice(0, 1).map((e) => `${p.provider}: ${e.operation} ${e.code}: ${e.message}`));
      process.stderr.write(`${tenant.id}: no provider could be reached (${reasons.join("; ")})\n`);
      couldNotRun = true;
    }
    if (opts.failOn && hasFailAtOrAbove(feed, opts.failOn)) failsAtThreshold = true;
  }
  if (couldNotRun) return EXIT.scanFailed;
  return failsAtThreshold ? EXIT.findings : EXIT.ok;
}

/** Every configured provider ended in `error`: the feed was written, but it saw nothing. */
function nothingReached(feed: Feed): boolean {
  return feed.scan.providers.length > 0 && feed.scan.providers.every((p) => p.status === "error");
}

function hasFailAtOrAbove(feed: Feed, threshold: Severity): boolean {
  const limit = SEVERITIES.indexOf(threshold);
  return feed.findings.some((f) => f.status === "fail" && SEVERITIES.indexOf(f.severity) <= limit);
}
