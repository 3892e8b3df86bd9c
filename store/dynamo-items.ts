import { BatchWriteItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from "@aws-sdk/client-dynamodb";
import { setTimeout as sleep } from "node:timers/promises";

/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;
/** Attempts for the requests DynamoDB hands back unprocessed under throttling. */
const UNPROCESSED_ATTEMPTS = 8;

/**
 * Puts and deletes in batches of 25. DynamoDB may leave part of a batch unprocessed when
 * throttled; those are retried with backoff, and if they still will not go in, this throws
 * rather than report success for writes that did not happen.
 */
export async function batchWrite(ddb: DynamoDBClient, table: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH) {
    let pending = requests.slice(i, i + BATCH);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > UNPROCESSED_ATTEMPTS) throw new Error(`DynamoDB left ${pending.length} writes to ${table} unprocessed after ${UNPROCESSED_ATTEMPTS} attempts`);
      if (attempt > 1) await sleep(Math.min(2000, 50 * 2 ** attempt));
      const out = await ddb.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table] ?? [];
    }
  }
}

/** Every item of a tenant's partition whose sort key starts with `prefix`, in sort key order. */
export async function queryPrefix(
  ddb: DynamoDBClient,
  table: string,
  pk: string,
  prefix: string,
  projection?: string,
): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": { S: pk }, ":prefix": { S: prefix } },
      // Strongly consistent: a delivery or a scan must see the write made just before it.
      ConsistentRead: true,
      ...(projection ? { ProjectionExpression: projection } : {}),
      ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
