import { assertTenantId } from "./tenant-id.ts";

/**
 * One table for everything the Lambda keeps between runs, partitioned by tenant: a tenant's
 * finding state, its scan checkpoint, the owner's answers and the ticket outbox are read together and never
 * across tenants. `pk` and `sk` are the table's key in serverless.yml.
 */
export function tenantPartition(tenantId: string): string {
  return `tenant#${assertTenantId(tenantId)}`;
}

export const SORT_KEY = {
  findingPrefix: "finding#",
  /** The feed the finding state is as of: its scan and the time its findings were seen. */
  findingStateAsOf: "finding-state",
  /** `answer#<at>#<id>`: the sort order is the order the answers were given. */
  answerPrefix: "answer#",
  scan: "scan",
  /** `outbox#<entry id>`: ticket updates waiting for a tracker. */
  outboxPrefix: "outbox#",
  /** `target#<target id>`: a ticket target's enrolment. */
  targetPrefix: "target#",
  /** `ticket#<target id>#<group id>`: the tracker's key for one ticket. */
  ticketPrefix: "ticket#",
} as const;
