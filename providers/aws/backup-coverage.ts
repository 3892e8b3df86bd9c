import type { BackupCondition, BackupSelection, RegionBackup } from "./facts.ts";
import { wildcardMatches } from "./parse.ts";

// Pure, and apart from backup.ts, so that checks can use it without loading the Backup SDK client.

/**
 * A recovery point counts on its own only when it is this recent. 35 days is the retention of
 * AWS Backup's own daily template and longer than a monthly schedule's interval: a point older
 * than that is not being renewed by any schedule, so it is a leftover, not a backup.
 */
export const RECENT_RECOVERY_POINT_DAYS = 35;

export type Coverage =
  | { covered: true; by: { selection: string; plan: string } | { recoveryPoint: string } }
  | { covered: false; needsTags: boolean; staleRecoveryPoint?: string | null };

/**
 * Whether AWS Backup protects the bucket: a plan's selection selects it, or it has a recovery
 * point within RECENT_RECOVERY_POINT_DAYS of `now`. `tags` undefined means "not read": a
 * selection that would decide by tag then says `needsTags`.
 */
export function backupCoverage(backup: RegionBackup, bucketArn: string, tags: Record<string, string> | undefined, now: Date): Coverage {
  let needsTags = false;
  for (const s of backup.selections) {
    const verdict = selects(s, bucketArn, tags);
    if (verdict === "needs-tags") needsTags = true;
    if (verdict === true) {
      return { covered: true, by: { selection: s.name, plan: backup.plans.find((p) => p.id === s.planId)?.name ?? s.planId } };
    }
  }
  const point = backup.recoveryPoints.find((p) => p.arn === bucketArn);
  if (point?.lastBackupTime && now.getTime() - Date.parse(point.lastBackupTime) <= RECENT_RECOVERY_POINT_DAYS * 86_400_000) {
    return { covered: true, by: { recoveryPoint: point.lastBackupTime } };
  }
  return { covered: false, needsTags, ...(point ? { staleRecoveryPoint: point.lastBackupTime } : {}) };
}

/**
 * AWS Backup's selection logic (BackupSelection and "Assign resources with AWS CLI"):
 * Resources are OR'ed, NotResources exclude, ListOfTags entries are OR'ed, Conditions are all
 * AND'ed, and the parts combine with AND. A selection with neither ARNs nor tags selects every
 * opted-in resource; whether S3 is opted in is not read, so such a selection is not counted.
 */
export function selects(s: BackupSelection, arn: string, tags: Record<string, string> | undefined): boolean | "needs-tags" {
  if (s.notResources.some((p) => wildcardMatches(p, arn, true))) return false;
  if (s.resources.length > 0 && !s.resources.some((p) => wildcardMatches(p, arn, true))) return false;
  const byTag = s.listOfTags.length > 0 || s.conditions.length > 0;
  if (!byTag) return s.resources.length > 0;
  if (tags === undefined) return "needs-tags";
  const listed = s.listOfTags.length === 0 || s.listOfTags.some((t) => tags[t.key] === t.value);
  return listed && s.conditions.every((c) => holds(c, tags));
}

/**
 * Condition operators are case sensitive. A tag the resource does not have fails the
 * positive operators and satisfies the negated ones, as in IAM: "everything except
 * backup=false" selects untagged buckets.
 */
function holds(c: BackupCondition, tags: Record<string, string>): boolean {
  const value = tags[c.key];
  switch (c.operator) {
    case "StringEquals": return value === c.value;
    case "StringNotEquals": return value !== c.value;
    case "StringLike": return value !== undefined && wildcardMatches(c.value, value, true);
    case "StringNotLike": return value === undefined || !wildcardMatches(c.value, value, true);
  }
}

/** Whether any selection in the region decides by tag (then bucket tags must be read). */
export function selectsByTag(backup: RegionBackup): boolean {
  return backup.selections.some((s) => s.listOfTags.length > 0 || s.conditions.length > 0);
}
