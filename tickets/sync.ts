import type { TenantConfig } from "../config/schema.ts";
import type { PreviousFeed } from "../feed/build.ts";
import type { Feed, FeedTicketStatus } from "../feed/schema.ts";
import type { SecretReader } from "../secrets/secret-ref.ts";
import { deliverTickets, type DeliveryReport } from "./deliver.ts";
import { errorText, storedErrorText } from "./error-text.ts";
import { findingChanges } from "./events.ts";
import type { TrackerHttpOptions } from "./http.ts";
import { enqueued, groupUpdates, type OutboxEntry } from "./outbox.ts";
import { resolveTarget } from "./target-config.ts";
import type { TicketStore } from "./ticket-store.ts";

export interface TicketSyncOptions {
  store: TicketStore;
  secrets: SecretReader;
  /** Base URL of the findings page (`pageUrl` in the config), linked from every ticket. */
  pageUrl?: string;
  now?: () => Date;
  http?: TrackerHttpOptions;
  /** Hears how each tenant's delivery went (the CLI prints it). */
  onReport?: (report: DeliveryReport) => void;
}

/**
 * The ticket step of a scan, in two halves around storing the feed:
 * 1. `prepare`, before: the scan's changes go into the outbox, so a crash before the feed is
 *    stored leaves the previous feed in place and the next scan derives the same changes
 *    (merged, said once); the feed gets the outbox's state (`tickets`).
 *    An outbox that cannot be read or written makes `prepare` throw, and the scan with it:
 *    storing the feed anyway would drop the scan's changes for good.
 * 2. `deliver`, after: the outbox goes to the trackers.
 * `cloud15 tickets` and the Lambda's tickets function run `deliver` alone.
 */
export class TicketSync {
  private readonly now: () => Date;

  constructor(private readonly opts: TicketSyncOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  async prepare(tenant: TenantConfig, previous: PreviousFeed, feed: Feed): Promise<Feed> {
    const targets = (tenant.tickets ?? []).map((t) => resolveTarget(t, tenant.language));
    if (targets.length === 0) return feed;
    const { store } = this.opts;
    const now = this.now();
    const previousFindings = "feed" in previous ? previous.feed.findings : [];
    const waiting = new Map((await store.outbox(tenant.id)).map((e) => [e.id, e]));

    const entries: OutboxEntry[] = [];
    const newcomers: string[] = [];
    for (const target of targets) {
      // A target added to the config since the last scan hears about every current problem.
      const enrolled = (await store.targetTickets(tenant.id, target.id)) !== undefined;
      const changes = findingChanges(enrolled ? previousFindings : [], feed.findings, feed.scan.startedAt);
      for (const update of groupUpdates(target, changes, feed)) {
        entries.push(enqueued(waiting.get(`${target.id}/${update.groupId}`), target.id, update, now));
      }
      if (!enrolled) newcomers.push(target.id);
    }
    await store.putEntries(tenant.id, entries);
    for (const id of newcomers) await store.enroll(tenant.id, id, now.toISOString());
    return { ...feed, tickets: ticketStatus(await store.outbox(tenant.id)) };
  }

  /** Never throws: a tracker or store problem is in the report, and the outbox keeps the updates. */
  async deliver(tenant: TenantConfig, opts: { retryDead?: boolean } = {}): Promise<DeliveryReport> {
    let report: DeliveryReport;
    try {
      report = await deliverTickets(tenant, {
        store: this.opts.store,
        secrets: this.opts.secrets,
        now: this.now,
        ...(this.opts.pageUrl ? { pageUrl: this.opts.pageUrl } : {}),
        ...(this.opts.http ? { http: this.opts.http } : {}),
        ...(opts.retryDead ? { retryDead: true } : {}),
      });
    } catch (err) {
      report = {
        tenantId: tenant.id,
        orphaned: 0,
        targets: (tenant.tickets ?? []).map((t) => {
          const r = resolveTarget(t, tenant.language);
          return { targetId: r.id, kind: r.kind, delivered: 0, failed: 0, waiting: 0, dead: 0, problems: [`the outbox could not be read or written: ${storedErrorText(err)}`] };
        }),
      };
    }
    this.opts.onReport?.(report);
    return report;
  }
}

/** What the feed says about ticket delivery: updates being retried, and those given up. */
function ticketStatus(entries: readonly OutboxEntry[]): FeedTicketStatus {
  return {
    retrying: entries.filter((e) => !e.dead && e.attempts > 0).length,
    dead: entries.filter((e) => e.dead).map((e) => ({
      target: e.targetId,
      group: e.update.groupId,
      checkId: e.update.check.id,
      findings: [...new Set([...e.update.changes.map((c) => c.findingId), ...e.update.affected.map((f) => f.id)])].sort(),
      attempts: e.attempts,
      since: e.enqueuedAt,
      ...(e.lastAttemptAt ? { lastAttemptAt: e.lastAttemptAt } : {}),
      // Bounded again here: an outbox written by an older cloud15 may hold a whole response body.
      lastError: errorText(e.lastError ?? ""),
    })),
  };
}
