import type { TenantConfig } from "../config/schema.ts";
import type { SecretReader } from "../secrets/secret-ref.ts";
import { storedErrorText } from "./error-text.ts";
import { TrackerError, type TrackerHttpOptions } from "./http.ts";
import { alreadyShown, ticketMarker, type OutboxEntry } from "./outbox.ts";
import { findingsPageLink, ticketBody, ticketComment, ticketTitle, type StateChange } from "./render.ts";
import { nextAttemptDelayMs } from "./retry.ts";
import { resolveTarget, type ResolvedTarget, type TargetKind } from "./target-config.ts";
import type { TicketAdapter, TicketDelivery, TrackerTicket } from "./targets/adapter.ts";
import { createAdapter } from "./targets/index.ts";
import type { TicketStore } from "./ticket-store.ts";

export interface DeliverOptions {
  store: TicketStore;
  secrets: SecretReader;
  /** Base URL of the findings page, for the link in every ticket. */
  pageUrl?: string;
  now: () => Date;
  http?: TrackerHttpOptions;
  /** Give dead updates another round of attempts (`cloud15 tickets --retry-dead`). */
  retryDead?: boolean;
}

/** How one target's deliveries went in one run. */
export interface TargetReport {
  targetId: string;
  kind: TargetKind;
  /** Updates the tracker confirmed, or already showed, in this run. */
  delivered: number;
  /** Attempts that failed in this run. */
  failed: number;
  /** Left in the outbox for a later run. */
  waiting: number;
  /** Given up; in the feed until retried with --retry-dead. */
  dead: number;
  /** Why attempts failed in this run (first few); secrets never appear. */
  problems: string[];
}

export interface DeliveryReport {
  tenantId: string;
  targets: TargetReport[];
  /** Entries for targets no longer in the config: kept, never sent. */
  orphaned: number;
}

const MAX_PROBLEMS = 3;

/**
 * Delivers a tenant's outbox: targets side by side, each target's updates one after another,
 * oldest first. An entry leaves the outbox only after the tracker confirmed it and its ticket
 * key is recorded. When a tracker is down or asks to slow down, its remaining updates wait for
 * the next run instead of each burning an attempt.
 */
export async function deliverTickets(tenant: TenantConfig, opts: DeliverOptions): Promise<DeliveryReport> {
  const entries = await opts.store.outbox(tenant.id);
  const targets = (tenant.tickets ?? []).map((t) => resolveTarget(t, tenant.language));
  const known = new Set(targets.map((t) => t.id));
  const reports = await Promise.all(targets.map((target) =>
    deliverTarget(tenant, target, entries.filter((e) => e.targetId === target.id), opts)));
  return { tenantId: tenant.id, targets: reports, orphaned: entries.filter((e) => !known.has(e.targetId)).length };
}

async function deliverTarget(tenant: TenantConfig, target: ResolvedTarget, entries: OutboxEntry[], opts: DeliverOptions): Promise<TargetReport> {
  const report: TargetReport = { targetId: target.id, kind: target.kind, delivered: 0, failed: 0, waiting: 0, dead: 0, problems: [] };
  let mine = entries;
  if (opts.retryDead) {
    const revived = mine.filter((e) => e.dead).map(({ dead: _dead, nextAttemptAt: _next, ...e }) => ({ ...e, attempts: 0 }));
    await opts.store.putEntries(tenant.id, revived);
    mine = [...mine.filter((e) => !e.dead), ...revived];
  }
  const now = opts.now().getTime();
  const due = mine
    .filter((e) => !e.dead && (e.nextAttemptAt === undefined || Date.parse(e.nextAttemptAt) <= now))
    .sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt) || a.id.localeCompare(b.id));

  if (due.length > 0) {
    let adapter: TicketAdapter | undefined;
    try {
      adapter = await createAdapter(target.config, opts.secrets, opts.http ?? {});
    } catch (err) {
      // No credential, no delivery: every due update records the failure, so a missing
      // secret ends in dead updates the feed shows rather than in silence.
      for (const entry of due) await recordFailure(tenant, target, entry, err, opts, report);
    }
    if (adapter) {
      for (const entry of due) {
        try {
          await deliverEntry(tenant, target, adapter, entry, opts);
          report.delivered += 1;
        } catch (err) {
          await recordFailure(tenant, target, entry, err, opts, report);
          if (err instanceof TrackerError && err.transient) break;
        }
      }
    }
  }

  const left = (await opts.store.outbox(tenant.id)).filter((e) => e.targetId === target.id);
  report.waiting = left.filter((e) => !e.dead).length;
  report.dead = left.filter((e) => e.dead).length;
  return report;
}

/**
 * Brings the group's ticket to what the update says. With no record of a ticket it looks one
 * up by marker first, so a ticket created just before a crash is found, not doubled. A state
 * change happens only when cloud15's own view changed: a ticket a person closed while the
 * problem persists is commented on, not reopened behind their back.
 */
async function deliverEntry(tenant: TenantConfig, target: ResolvedTarget, adapter: TicketAdapter, entry: OutboxEntry, opts: DeliverOptions): Promise<void> {
  const { update } = entry;
  const record = (await opts.store.targetTickets(tenant.id, target.id))?.tickets[update.groupId];
  if (record && (record.deliveryId === entry.deliveryId || alreadyShown(record, update))) {
    await opts.store.removeEntry(tenant.id, entry.id);
    return;
  }
  const wantOpen = update.affected.length > 0;
  const marker = ticketMarker(update.groupId);
  const lang = target.language;
  const pageLink = findingsPageLink(opts.pageUrl, tenant.id);
  const delivery = (state: StateChange): TicketDelivery => ({
    update,
    deliveryId: entry.deliveryId,
    marker,
    title: ticketTitle(update, lang),
    body: ticketBody(update, lang, pageLink),
    comment: ticketComment(update, lang, state),
    state,
    severity: update.check.severity,
    language: lang,
    ...(pageLink ? { pageLink } : {}),
  });

  let ticket: TrackerTicket | undefined = record ? { key: record.key, open: record.open, ...(record.url ? { url: record.url } : {}) } : await adapter.find(marker);
  if (ticket) {
    const state: StateChange = wantOpen === ticket.open ? undefined : wantOpen ? "reopen" : "close";
    await adapter.update(ticket, delivery(state));
  } else if (wantOpen) {
    ticket = await adapter.create(delivery(undefined));
  }
  if (ticket) {
    await opts.store.putTicket(tenant.id, target.id, update.groupId, {
      key: ticket.key,
      ...(ticket.url ? { url: ticket.url } : {}),
      open: wantOpen,
      findings: update.affected.map((f) => f.id).sort(),
      unverified: update.affected.filter((f) => f.unverified).map((f) => f.id).sort(),
      deliveryId: entry.deliveryId,
      updatedAt: opts.now().toISOString(),
    });
  }
  // No ticket and nothing failing: opened and fixed between two deliveries, nothing to tell.
  await opts.store.removeEntry(tenant.id, entry.id);
}

async function recordFailure(
  tenant: TenantConfig, target: ResolvedTarget, entry: OutboxEntry, err: unknown, opts: DeliverOptions, report: TargetReport,
): Promise<void> {
  const message = storedErrorText(err);
  const attempts = entry.attempts + 1;
  const now = opts.now();
  const retryAfterMs = err instanceof TrackerError ? err.retryAfterMs : undefined;
  const { nextAttemptAt: _next, ...rest } = entry;
  await opts.store.putEntries(tenant.id, [{
    ...rest,
    attempts,
    lastAttemptAt: now.toISOString(),
    lastError: message,
    ...(attempts >= target.maxAttempts
      ? { dead: true as const }
      : { nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts, retryAfterMs)).toISOString() }),
  }]);
  report.failed += 1;
  if (report.problems.length < MAX_PROBLEMS && !report.problems.includes(message)) report.problems.push(message);
}
