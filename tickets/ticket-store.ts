import type { OutboxEntry, TicketRecord } from "./outbox.ts";

/** The tickets one target has had: enrolled once its first scan's updates were stored. */
export interface TargetTickets {
  enrolledAt: string;
  /** By group id. */
  tickets: Record<string, TicketRecord>;
}

/**
 * Where the outbox and the finding → ticket keys live: the data folder on a laptop
 * (FsTicketStore), DynamoDB on Lambda. Every write is durable when the promise resolves;
 * deliveries rely on that order (record the key, then remove the entry).
 */
export interface TicketStore {
  /** Every entry of the tenant, oldest first. */
  outbox(tenantId: string): Promise<OutboxEntry[]>;
  /** Adds entries or replaces those with the same id. */
  putEntries(tenantId: string, entries: readonly OutboxEntry[]): Promise<void>;
  removeEntry(tenantId: string, entryId: string): Promise<void>;
  /** Undefined until the target is enrolled: it has never been given a scan's updates. */
  targetTickets(tenantId: string, targetId: string): Promise<TargetTickets | undefined>;
  enroll(tenantId: string, targetId: string, at: string): Promise<void>;
  putTicket(tenantId: string, targetId: string, groupId: string, record: TicketRecord): Promise<void>;
}
