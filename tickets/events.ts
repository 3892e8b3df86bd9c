import type { Text } from "../checks/text.ts";
import type { FeedFinding } from "../feed/schema.ts";

/**
 * What happened to one finding between two scans, as a tracker needs to hear it:
 * - `opened`: failing now, not before (new, or back after a fix);
 * - `resolved`: failing before, not now (fixed, or the resource is gone);
 * - `error`: failing before, and this scan could not look (a permission, a timeout). Kept
 *   apart from `resolved` on purpose: not being able to look is no evidence of a fix;
 * - `error_cleared`: looked at again after an `error`, and still failing.
 */
export type ChangeKind = "opened" | "resolved" | "error" | "error_cleared";

export interface FindingChange {
  kind: ChangeKind;
  findingId: string;
  checkId: string;
  resource: { uid: string; name: string; type: string; region?: string };
  /** The scan that saw it. */
  at: string;
  /** `error`: why the scan could not look; `resolved`: what changed, when the feed says (resource gone). */
  note?: Text;
}

/**
 * A failing finding this scan could not look at: the lifecycle carries it as `fail` with the
 * reason it could not be re-checked (feed/lifecycle.ts `carried`). A real failure has no reason.
 */
export function unverified(finding: FeedFinding): boolean {
  return finding.status === "fail" && finding.reason !== undefined;
}

/**
 * The changes between the findings of two scans, keyed by finding id. Findings that are
 * neither failing now nor failing before (passes, errors on resources never found failing,
 * manual items) are no tracker's business.
 */
export function findingChanges(previous: readonly FeedFinding[], current: readonly FeedFinding[], at: string): FindingChange[] {
  const before = new Map(previous.map((f) => [f.id, f]));
  const changes: FindingChange[] = [];
  for (const now of current) {
    const prior = before.get(now.id);
    const wasFailing = prior?.status === "fail";
    const change = (kind: ChangeKind, note?: Text): FindingChange => ({
      kind,
      findingId: now.id,
      checkId: now.checkId,
      resource: withoutUndefined({ uid: now.resource.uid, name: now.resource.name, type: now.resource.type, region: now.resource.region }),
      at,
      ...(note ? { note } : {}),
    });
    if (now.status === "fail") {
      if (!wasFailing) changes.push(change("opened"));
      else if (unverified(now) && !unverified(prior)) changes.push(change("error", now.reason));
      else if (!unverified(now) && unverified(prior)) changes.push(change("error_cleared"));
    } else if (wasFailing) {
      changes.push(change("resolved", now.message));
    }
  }
  return changes;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
