import { createHash } from "node:crypto";

/**
 * NUL cannot occur in a tenant id (config pattern) nor in a check id, so joining on it
 * leaves exactly one way to split the input back: ("a", "b\0c") and ("a\0b", "c") cannot
 * both arrive here, and the resource uid, which is last, may contain anything.
 */
const SEPARATOR = "\u0000";

/**
 * A finding's identity: the same problem on the same resource keeps its id across scans,
 * so diffs and tickets never duplicate (DESIGN rule 3). Never change this function without
 * a migration: every open ticket refers to these ids.
 */
export function findingId(tenantId: string, checkId: string, resourceUid: string): string {
  if (tenantId.includes(SEPARATOR) || checkId.includes(SEPARATOR)) {
    throw new Error("tenant and check ids must not contain NUL");
  }
  return createHash("sha256")
    .update([tenantId, checkId, resourceUid].join(SEPARATOR), "utf8")
    .digest("hex")
    .slice(0, 24);
}
