import { createHash, randomUUID } from "node:crypto";
import { SEVERITIES, type Severity } from "../checks/framework.ts";
import type { Text } from "../checks/text.ts";
import type { Feed, FeedFinding } from "../feed/schema.ts";
import { unverified, type FindingChange } from "./events.ts";
import type { Grouping, ResolvedTarget } from "./target-config.ts";

/** The check a ticket is about, with the texts the owner and the vendor read. */
export interface TicketCheck {
  id: string;
  provider: string;
  severity: Severity;
  ipaItems: number[];
  title: Text;
  detail: Text;
  remediation: FeedFinding["remediation"];
}

/** A finding a ticket lists as failing. */
export interface AffectedFinding {
  id: string;
  resource: FeedFinding["resource"];
  message?: Text;
  /** Set when the latest scan could not look at it: why. Still counted as failing. */
  unverified?: Text;
}

/**
 * What one ticket (a group: one check, or one finding) should say after a scan: the changes
 * that led here and the findings failing now. Each update is complete in itself, so delivering
 * it twice, or after a lost confirmation, brings the ticket to the same state.
 */
export interface GroupUpdate {
  groupId: string;
  grouping: Grouping;
  tenant: { id: string; name: string };
  check: TicketCheck;
  /** Oldest first; several scans' worth when deliveries were missed. */
  changes: FindingChange[];
  /** Failing after the latest scan, at or above the target's threshold; empty: the ticket closes. */
  affected: AffectedFinding[];
  scan: { id: string; at: string };
}

/** An update waiting for a tracker's confirmation. One per target and group: later scans merge in. */
export interface OutboxEntry {
  /** `<target id>/<group id>`. */
  id: string;
  targetId: string;
  /** New whenever the content changes: the webhook's idempotency key, and how a repeat is recognised. */
  deliveryId: string;
  update: GroupUpdate;
  /** Failed deliveries so far. */
  attempts: number;
  enqueuedAt: string;
  nextAttemptAt?: string;
  lastAttemptAt?: string;
  lastError?: string;
  /** Given up after the target's maxAttempts: shown in the feed, retried only on request. */
  dead?: true;
}

/** What a tracker was last told about a group, keyed by target and group id. */
export interface TicketRecord {
  /** The tracker's key: Redmine and GitHub issue number, Jira and Backlog issue key; the group id for a webhook. */
  key: string;
  url?: string;
  /** The state cloud15 last set. A person may have changed it since; cloud15 changes it only when its own view changes. */
  open: boolean;
  /** Failing findings as last delivered, sorted. */
  findings: string[];
  /** Of those, the ones the scan could not look at. */
  unverified: string[];
  deliveryId: string;
  updatedAt: string;
}

/** The marker a ticket carries so a later run can find it without cloud15's records. */
export function ticketMarker(groupId: string): string {
  return `cloud15-${groupId}`;
}

/**
 * Per-check tickets are keyed by (tenant, check): several tenants may share one tracker
 * project. Per-finding tickets use the finding id, which already includes the tenant.
 */
export function groupIdOf(tenantId: string, grouping: Grouping, finding: { id: string; checkId: string }): string {
  if (grouping === "finding") return finding.id;
  return createHash("sha256").update(["cloud15-ticket-group", tenantId, finding.checkId].join("\u0000"), "utf8").digest("hex").slice(0, 24);
}

function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/**
 * The updates one target gets from a scan: the changes at or above its threshold, grouped
 * its way, each with the group's failing findings as the feed now has them.
 */
export function groupUpdates(target: ResolvedTarget, changes: readonly FindingChange[], feed: Feed): GroupUpdate[] {
  const findings = new Map(feed.findings.map((f) => [f.id, f]));
  const groups = new Map<string, GroupUpdate>();
  for (const change of changes) {
    const finding = findings.get(change.findingId);
    if (!finding || !atOrAbove(finding.severity, target.minSeverity)) continue;
    const groupId = groupIdOf(feed.tenant.id, target.grouping, finding);
    let group = groups.get(groupId);
    if (!group) {
      const members = target.grouping === "finding" ? [finding] : feed.findings.filter((f) => f.checkId === finding.checkId);
      group = {
        groupId,
        grouping: target.grouping,
        tenant: { ...feed.tenant },
        check: checkOf(finding),
        changes: [],
        affected: members.filter((f) => f.status === "fail" && atOrAbove(f.severity, target.minSeverity)).map(affected),
        scan: { id: feed.scan.id, at: feed.scan.startedAt },
      };
      groups.set(groupId, group);
    }
    group.changes.push(change);
  }
  return [...groups.values()];
}

function checkOf(f: FeedFinding): TicketCheck {
  return {
    id: f.checkId, provider: f.provider, severity: f.severity, ipaItems: [...f.ipaItems],
    title: f.title, detail: f.detail, remediation: f.remediation,
  };
}

function affected(f: FeedFinding): AffectedFinding {
  return {
    id: f.id,
    resource: f.resource,
    ...(f.message ? { message: f.message } : {}),
    ...(unverified(f) ? { unverified: f.reason! } : {}),
  };
}

/**
 * The entry for an update: new, or merged into the one still waiting for the same ticket.
 * The latest scan's view wins and the changes add up. A dead entry comes back to life with a
 * fresh count — a new scan has something new to say, and the tracker may work again; a live
 * one keeps its count and its wait, so a tracker that stays down still ends up dead.
 */
export function enqueued(existing: OutboxEntry | undefined, targetId: string, update: GroupUpdate, now: Date): OutboxEntry {
  const id = `${targetId}/${update.groupId}`;
  if (!existing) return { id, targetId, deliveryId: randomUUID(), update, attempts: 0, enqueuedAt: now.toISOString() };
  // A scan re-run after a crash derives the same change again: said once. A finding that
  // really went back and forth (opened, resolved, opened) keeps every step.
  const last = new Map(existing.update.changes.map((c) => [c.findingId, c.kind]));
  const { dead, nextAttemptAt, ...rest } = existing;
  return {
    ...rest,
    deliveryId: randomUUID(),
    update: { ...update, changes: [...existing.update.changes, ...update.changes.filter((c) => last.get(c.findingId) !== c.kind)] },
    ...(dead ? { attempts: 0 } : nextAttemptAt ? { nextAttemptAt } : {}),
  };
}

/** Whether the tracker already shows what the update says: same state, same failing findings. */
export function alreadyShown(record: TicketRecord, update: GroupUpdate): boolean {
  const ids = update.affected.map((f) => f.id).sort();
  const unchecked = update.affected.filter((f) => f.unverified).map((f) => f.id).sort();
  return record.open === (ids.length > 0) && sameList(record.findings, ids) && sameList(record.unverified, unchecked);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
