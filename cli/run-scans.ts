import type { Severity } from "../checks/framework.ts";
import type { Language } from "../checks/text.ts";
import { SEVERITIES } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { Feed } from "../feed/schema.ts";
import { redactedMessage } from "../providers/redact-secrets.ts";
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
 * stdout and problems on stderr, and returns the exit code for the lot: a tenant the scan saw
 * nothing of outweighs findings at the threshold, which outweigh a scan that missed a part.
 */
export async function runScans(opts: RunScansOptions): Promise<number> {
  let couldNotRun = false;
  let failsAtThreshold = false;
  let incomplete = false;
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
      process.stderr.write(`${tenant.id}: the scan could not run: ${redactedMessage(err)}\n`);
      couldNotRun = true;
      continue;
    }
    progress.done();
    progress.completed(tenant.id, Date.now() - started);
    process.stdout.write(`${formatSummary(feed, opts.lang)}\n\n`);
    const missed = feed.scan.providers.filter((p) => p.status !== "ok");
    const reasons = missed.flatMap((p) => p.errors.slice(0, 1).map((e) => `${p.provider} ${p.status}: ${e.operation} ${e.code}: ${e.message}`));
    if (missed.length > 0 && missed.length === feed.scan.providers.length && missed.every((p) => p.status === "unreachable")) {
      const kept = missed.some((p) => p.stale) ? "; the previous results are kept, marked stale" : "";
      process.stderr.write(`${tenant.id}: no provider could be reached (${reasons.join("; ")})${kept}\n`);
      couldNotRun = true;
    } else if (missed.length > 0) {
      process.stderr.write(`${tenant.id}: not everything could be read (${reasons.join("; ")})\n`);
      incomplete = true;
    }
    if (opts.failOn && hasFailAtOrAbove(feed, opts.failOn)) failsAtThreshold = true;
  }
  if (couldNotRun) return EXIT.scanFailed;
  if (failsAtThreshold) return EXIT.findings;
  return incomplete ? EXIT.incomplete : EXIT.ok;
}

function hasFailAtOrAbove(feed: Feed, threshold: Severity): boolean {
  const limit = SEVERITIES.indexOf(threshold);
  return feed.findings.some((f) => f.status === "fail" && SEVERITIES.indexOf(f.severity) <= limit);
}
