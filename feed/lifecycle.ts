import type { CheckMeta, CheckResult, Status } from "../checks/framework.ts";
import { fill, type Text } from "../checks/text.ts";
import { findingId } from "./finding-id.ts";
import type { FeedFinding } from "./schema.ts";

/** One check as it ran in this scan: its metadata and every result it gave. */
export interface CheckRun {
  meta: CheckMeta;
  results: readonly CheckResult[];
}

/**
 * When one check reports the same resource twice, the worse verdict stands: a finding id
 * must appear once, and a failure must never be hidden behind a pass.
 */
const PRECEDENCE: Record<Status, number> = { fail: 4, error: 3, pass: 2, skipped: 1, manual: 0 };

const NOT_RECHECKED: Text = {
  ja: "今回のスキャンでは確認できませんでした（{reason}）。前回 {lastSeen} に確認した問題として残しています。",
  en: "Could not be checked in this scan ({reason}); kept as the problem last seen on {lastSeen}.",
};

const RESOURCE_GONE: Text = {
  ja: "このリソースは見つからなくなりました（削除されたようです）。問題は解消済みとしました。",
  en: "This resource no longer exists (it seems to have been deleted), so the problem is resolved.",
};

const RESOURCE_GONE_NOTE = "resource no longer exists: the check ran without error and did not report it";

const UNKNOWN_REASON: Text = { ja: "理由不明", en: "reason unknown" };

/**
 * Turns this scan's results into findings, each with its lifecycle against the previous
 * feed (keyed by finding id):
 * - fail, not failing before → `new` (firstSeen now); fail, failing before → `open`;
 * - failing before, now any verdict other than fail or error → `resolved`;
 * - failing before, now `error` → still `fail`/`open` with lastSeen unchanged: an error
 *   means we could not look, which is no evidence of a fix (fail closed);
 * - failing before and absent now although its check ran cleanly → the resource is gone:
 *   `pass`/`resolved` with a note; if the check had any error, absence proves nothing and
 *   the finding is carried as above.
 * Findings of checks that did not run at all (their provider is no longer configured) are
 * dropped: nothing in this scan speaks about them.
 */
export function findingsAgainstPrevious(
  tenantId: string,
  runs: readonly CheckRun[],
  previous: readonly FeedFinding[],
  seenAt: string,
): FeedFinding[] {
  const before = new Map(previous.map((f) => [f.id, f]));
  const wasFailing = (id: string) => before.get(id)?.status === "fail";

  const current = new Map<string, { meta: CheckMeta; result: CheckResult }>();
  for (const { meta, results } of runs) {
    for (const result of results) {
      const id = findingId(tenantId, meta.id, result.resource.uid);
      const seen = current.get(id);
      if (!seen || PRECEDENCE[result.status] > PRECEDENCE[seen.result.status]) current.set(id, { meta, result });
    }
  }

  const findings: FeedFinding[] = [];
  for (const [id, { meta, result }] of current) {
    const prior = before.get(id);
    const finding = toFinding(id, meta, result, seenAt);
    if (result.status === "fail") {
      findings.push(wasFailing(id)
        ? { ...finding, state: "open", firstSeen: prior!.firstSeen }
        : { ...finding, state: "new", firstSeen: seenAt });
    } else if (wasFailing(id) && result.status === "error") {
      findings.push(carried(prior!, meta, result.reason, result.cause));
    } else if (wasFailing(id)) {
      findings.push({ ...finding, state: "resolved", firstSeen: prior!.firstSeen });
    } else {
      findings.push({ ...finding, firstSeen: prior?.firstSeen ?? seenAt });
    }
  }

  const metaById = new Map(runs.map((run) => [run.meta.id, run]));
  for (const prior of previous) {
    if (prior.status !== "fail" || current.has(prior.id)) continue;
    const run = metaById.get(prior.checkId);
    if (!run) continue;
    const checkError = run.results.find((r) => r.status === "error");
    findings.push(checkError
      ? carried(prior, run.meta, checkError.reason, checkError.cause)
      : vanished(prior, run.meta, seenAt));
  }
  return findings.sort(byImportance);
}

function toFinding(id: string, meta: CheckMeta, result: CheckResult, seenAt: string): FeedFinding {
  const { uid, name, type, region, consoleUrl } = result.resource;
  return withoutUndefined({
    id,
    ...fromMeta(meta),
    status: result.status,
    resource: withoutUndefined({ uid, name, type, region, consoleUrl }),
    message: result.message,
    reason: result.reason,
    cause: result.cause ? withoutUndefined({ ...result.cause }) : undefined,
    evidence: result.evidence,
    firstSeen: seenAt,
    lastSeen: seenAt,
  });
}

/** The texts come from the check as it is now, so a reworded remediation reaches old findings. */
export function fromMeta(meta: CheckMeta) {
  return {
    checkId: meta.id,
    provider: meta.provider,
    service: meta.service,
    severity: meta.severity,
    ipaItems: [...meta.ipaItems],
    ...(meta.group ? { group: meta.group } : {}),
    title: meta.title,
    detail: meta.detail,
    remediation: withoutUndefined({ ...meta.remediation }),
  };
}

function carried(prior: FeedFinding, meta: CheckMeta, reason: Text | undefined, cause: CheckResult["cause"]): FeedFinding {
  const why = reason ?? UNKNOWN_REASON;
  // The reason differs by language, so each language is filled from its own.
  const text = (lang: keyof Text) => fill(NOT_RECHECKED, { reason: why[lang], lastSeen: prior.lastSeen })[lang];
  return withoutUndefined({
    ...prior,
    ...fromMeta(meta),
    status: "fail",
    state: "open",
    reason: { ja: text("ja"), en: text("en") },
    cause: cause ? withoutUndefined({ ...cause }) : undefined,
  });
}

function vanished(prior: FeedFinding, meta: CheckMeta, seenAt: string): FeedFinding {
  const { reason: _reason, cause: _cause, ...rest } = prior;
  return {
    ...rest,
    ...fromMeta(meta),
    status: "pass",
    state: "resolved",
    message: RESOURCE_GONE,
    evidence: { note: RESOURCE_GONE_NOTE },
    lastSeen: seenAt,
  };
}

const STATUS_ORDER: Record<Status, number> = { fail: 0, error: 1, pass: 2, manual: 3, skipped: 4 };
const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/** Worst first, then a fixed order, so two scans of the same state give the same file. */
export function byImportance(a: FeedFinding, b: FeedFinding): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status]
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || compare(a.checkId, b.checkId)
    || compare(a.resource.name, b.resource.name)
    || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Optional schema fields must be absent, not `undefined`, for the feed to equal its JSON. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
