import { gunzipSync, gzipSync } from "node:zlib";
import {
  ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import type { OutboxEntry, TicketRecord } from "../tickets/outbox.ts";
import type { TargetTickets, TicketStore } from "../tickets/ticket-store.ts";
import { batchWrite, queryPrefix } from "./dynamo-items.ts";
import { SORT_KEY, tenantPartition } from "./dynamo-keys.ts";

/**
 * The ticket outbox and the trackers' ticket keys on Lambda, one item each, so two targets
 * delivering side by side never rewrite each other's state (the data folder serialises whole
 * files for that). An outbox entry lists every failing resource of its check: for a large
 * account that is hundreds of kilobytes of JSON, so it is stored gzipped, well under the
 * 400 KB item limit.
 */
export class DynamoTicketStore implements TicketStore {
  constructor(private readonly ddb: DynamoDBClient, private readonly table: string) {}

  async outbox(tenantId: string): Promise<OutboxEntry[]> {
    const items = await queryPrefix(this.ddb, this.table, tenantPartition(tenantId), SORT_KEY.outboxPrefix);
    const entries = items.map((item) => JSON.parse(gunzipSync(item.entry!.B!).toString("utf8")) as OutboxEntry);
    // Oldest first, as the data folder keeps them (the key order is the id order).
    return entries.sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt) || a.id.localeCompare(b.id));
  }

  async putEntries(tenantId: string, entries: readonly OutboxEntry[]): Promise<void> {
    const pk = tenantPartition(tenantId);
    await batchWrite(this.ddb, this.table, entries.map((entry) => ({
      PutRequest: { Item: { pk: { S: pk }, sk: { S: SORT_KEY.outboxPrefix + entry.id }, entry: { B: gzipSync(JSON.stringify(entry)) } } },
    })));
  }

  async removeEntry(tenantId: string, entryId: string): Promise<void> {
    await this.ddb.send(new DeleteItemCommand({ TableName: this.table, Key: this.key(tenantId, SORT_KEY.outboxPrefix + entryId) }));
  }

  async targetTickets(tenantId: string, targetId: string): Promise<TargetTickets | undefined> {
    const enrolment = (await this.ddb.send(new GetItemCommand({
      TableName: this.table, Key: this.key(tenantId, SORT_KEY.targetPrefix + targetId), ConsistentRead: true,
    }))).Item;
    if (!enrolment) return undefined;
    const prefix = `${SORT_KEY.ticketPrefix}${targetId}#`;
    const items = await queryPrefix(this.ddb, this.table, tenantPartition(tenantId), prefix);
    const tickets: Record<string, TicketRecord> = {};
    for (const item of items) tickets[item.sk!.S!.slice(prefix.length)] = JSON.parse(item.record!.S!) as TicketRecord;
    return { enrolledAt: enrolment.enrolledAt!.S!, tickets };
  }

  async enroll(tenantId: string, targetId: string, at: string): Promise<void> {
    try {
      // The first enrolment stands: it says since when the target hears about changes.
      await this.ddb.send(new PutItemCommand({
        TableName: this.table,
        Item: { ...this.key(tenantId, SORT_KEY.targetPrefix + targetId), enrolledAt: { S: at } },
        ConditionExpression: "attribute_not_exists(sk)",
      }));
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async putTicket(tenantId: string, targetId: string, groupId: string, record: TicketRecord): Promise<void> {
    // A ticket implies its target is enrolled (as in the data folder's keys file).
    await this.enroll(tenantId, targetId, record.updatedAt);
    await this.ddb.send(new PutItemCommand({
      TableName: this.table,
      Item: { ...this.key(tenantId, `${SORT_KEY.ticketPrefix}${targetId}#${groupId}`), record: { S: JSON.stringify(record) } },
    }));
  }

  private key(tenantId: string, sk: string): Record<string, AttributeValue> {
    return { pk: { S: tenantPartition(tenantId) }, sk: { S: sk } };
  }
}
