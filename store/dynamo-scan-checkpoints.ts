import { randomUUID } from "node:crypto";
import {
  ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand,
  type AttributeValue, type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Provider } from "../checks/framework.ts";
import type { ClaimedScan, ClaimRequest, ScanCheckpoints, StoredProviderRun } from "../scan/checkpoint.ts";
import { SORT_KEY, tenantPartition } from "./dynamo-keys.ts";
import { checkpointKey } from "./s3-layout.ts";
import { readObjectText, writeJsonObject } from "./s3-objects.ts";

/** DynamoDB deletes a forgotten checkpoint item after this; the bucket's lifecycle rule expires its objects. */
const ITEM_TTL_SECONDS = 2 * 24 * 60 * 60;

/**
 * One item per tenant (`sk = scan`) says which scan is in progress, which invocation holds
 * it (`leaseId`) and until when (`leaseUntil`, ms), and where each finished provider's results
 * are. The results go to S3 (`checkpoints/…`): a provider's results for a large account are
 * megabytes, far over DynamoDB's 400 KB item limit. Every change after the claim is
 * conditional on the lease, so an invocation that lost the scan cannot change it.
 */
export class DynamoScanCheckpoints implements ScanCheckpoints {
  constructor(private readonly opts: { ddb: DynamoDBClient; table: string; s3: S3Client; bucket: string }) {}

  async claim(request: ClaimRequest): Promise<ClaimedScan | undefined> {
    const { ddb, table } = this.opts;
    const key = { pk: { S: tenantPartition(request.tenantId) }, sk: { S: SORT_KEY.scan } };
    const current = (await ddb.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
    const leaseId = randomUUID();
    const leaseUntil = request.leaseUntil.getTime();

    if (current && Number(current.leaseUntil!.N) > request.now.getTime()) return undefined;
    if (request.scanId !== undefined && current?.scanId?.S !== request.scanId) return undefined;

    const fresh = !current || request.now.getTime() - Date.parse(current.startedAt!.S!) > request.maxAgeMs;
    if (fresh) {
      const scanId = randomUUID();
      const startedAt = request.now;
      const item: Record<string, AttributeValue> = {
        ...key,
        scanId: { S: scanId },
        startedAt: { S: startedAt.toISOString() },
        invocation: { N: "1" },
        leaseId: { S: leaseId },
        leaseUntil: { N: String(leaseUntil) },
        done: { M: {} },
        expiresAt: { N: String(Math.floor(startedAt.getTime() / 1000) + ITEM_TTL_SECONDS) },
      };
      const won = await conditional(() => ddb.send(new PutItemCommand({
        TableName: table,
        Item: item,
        // Replacing a stale checkpoint only if nobody claimed it since it was read.
        ...(current
          ? { ConditionExpression: "leaseId = :old", ExpressionAttributeValues: { ":old": current.leaseId! } }
          : { ConditionExpression: "attribute_not_exists(pk)" }),
      })));
      return won ? this.claimed(request.tenantId, key, leaseId, scanId, startedAt, 1, new Map()) : undefined;
    }

    const updated = await conditional(() => ddb.send(new UpdateItemCommand({
      TableName: table,
      Key: key,
      UpdateExpression: "SET leaseId = :lease, leaseUntil = :until, invocation = invocation + :one",
      ConditionExpression: "leaseId = :old AND leaseUntil <= :now",
      ExpressionAttributeValues: {
        ":lease": { S: leaseId }, ":until": { N: String(leaseUntil) }, ":one": { N: "1" },
        ":old": current!.leaseId!, ":now": { N: String(request.now.getTime()) },
      },
      ReturnValues: "ALL_NEW",
    })));
    if (!updated) return undefined;
    const item = updated.Attributes!;
    const done = new Map<Provider, StoredProviderRun>();
    for (const [provider, value] of Object.entries(item.done?.M ?? {})) {
      const text = await readObjectText(this.opts.s3, this.opts.bucket, value.S!);
      // An expired or missing result is not fatal: that provider is simply scanned again.
      if (text !== undefined) done.set(provider as Provider, JSON.parse(text) as StoredProviderRun);
    }
    return this.claimed(request.tenantId, key, leaseId, item.scanId!.S!, new Date(item.startedAt!.S!), Number(item.invocation!.N), done);
  }

  /** Whether an invocation holds the tenant's scan right now (the ticket delivery keeps out of its way). */
  async held(tenantId: string, now: Date): Promise<boolean> {
    const item = (await this.opts.ddb.send(new GetItemCommand({
      TableName: this.opts.table,
      Key: { pk: { S: tenantPartition(tenantId) }, sk: { S: SORT_KEY.scan } },
      ConsistentRead: true,
    }))).Item;
    return item !== undefined && Number(item.leaseUntil!.N) > now.getTime();
  }

  private claimed(
    tenantId: string,
    key: Record<string, AttributeValue>,
    leaseId: string,
    scanId: string,
    startedAt: Date,
    invocation: number,
    done: Map<Provider, StoredProviderRun>,
  ): ClaimedScan {
    const { ddb, table, s3, bucket } = this.opts;
    const stored = new Set<string>(done.keys());
    const mine = { ConditionExpression: "leaseId = :mine", ExpressionAttributeValues: { ":mine": { S: leaseId } } };
    return {
      scanId,
      startedAt,
      invocation,
      done,
      async saveRun(provider, run) {
        const objectKey = checkpointKey(tenantId, scanId, provider);
        await writeJsonObject(s3, bucket, objectKey, JSON.stringify(run));
        stored.add(provider);
        await ddb.send(new UpdateItemCommand({
          TableName: table,
          Key: key,
          UpdateExpression: "SET done.#provider = :key",
          ExpressionAttributeNames: { "#provider": provider },
          ConditionExpression: mine.ConditionExpression,
          ExpressionAttributeValues: { ...mine.ExpressionAttributeValues, ":key": { S: objectKey } },
        }));
      },
      async release() {
        await conditional(() => ddb.send(new UpdateItemCommand({
          TableName: table,
          Key: key,
          UpdateExpression: "SET leaseUntil = :zero",
          ConditionExpression: mine.ConditionExpression,
          ExpressionAttributeValues: { ...mine.ExpressionAttributeValues, ":zero": { N: "0" } },
        })));
      },
      async complete() {
        // Only this invocation's checkpoint: if the lease was lost, the new holder's stays.
        if (!(await conditional(() => ddb.send(new DeleteItemCommand({ TableName: table, Key: key, ...mine }))))) return;
        // Tidiness only: the lifecycle rule on checkpoints/ would expire them anyway.
        await Promise.all([...stored].map((provider) =>
          s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkpointKey(tenantId, scanId, provider) }))));
      },
    };
  }
}

/** The call's answer, or undefined when its condition did not hold (someone else got there first). */
async function conditional<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return undefined;
    throw err;
  }
}
