import type { RegionBackup } from "./facts.ts";

// Pure, and apart from backup.ts, so that checks can use it without loading the Backup SDK client.

/**
 * Whether a recovery point or a backup selection covers the bucket; "needs-tags" when only
 * the bucket's tags can tell. Selections match by ARN (with `*`) or by tag, as AWS Backup's
 * Resources and ListOfTags do; NotResources excludes.
 */
export function backupCovers(backup: RegionBackup, bucketArn: string, tags: Record<string, string> | undefined): "covered" | "not-covered" | "needs-tags" {
  if (backup.protectedResourceArns.includes(bucketArn)) return "covered";
  let needsTags = false;
  for (const s of backup.selections) {
    if (s.notResources.some((pattern) => arnMatches(pattern, bucketArn))) continue;
    if (s.resources.some((pattern) => arnMatches(pattern, bucketArn))) {
      if (s.tags.length === 0) return "covered";
    }
    if (s.tags.length > 0 && (s.resources.length === 0 || s.resources.some((p) => arnMatches(p, bucketArn)))) {
      if (!tags) needsTags = true;
      else if (s.tags.some((t) => tags[t.key] === t.value)) return "covered";
    }
  }
  return needsTags ? "needs-tags" : "not-covered";
}

/** Backup selection ARNs may use `*` wildcards (e.g. `arn:aws:s3:::*`). */
function arnMatches(pattern: string, arn: string): boolean {
  if (pattern === "*") return true;
  const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return regex.test(arn);
}
