import { randomUUID } from "node:crypto";
import {
  ConditionalCheckFailedException, GetItemCommand, PutItemCommand, UpdateItemCommand,
  type AttributeValue, type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { DeleteObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { Provider } from "../checks/framework.ts";
import type { Claim, ClaimedProvider, ClaimRequest, RoundAssembly, ScanCheckpoints, StoredProviderRun } from "../scan/checkpoint.ts";
import { SORT_KEY, tenantPartition } from "./dynamo-keys.ts";
import { checkpointKey } from "./s3-layout.ts";
import { readObjectText, writeJsonObject } from "./s3-objects.ts";

/** DynamoDB deletes a round's item after this; the bucket's lifecycle rule expires its objects. */
const ITEM_TTL_SECONDS = 2 * 24 * 60 * 60;

/** Claims that lost a race look again this often before giving up as busy. */
const CLAIM_ATTEMPTS = 3;
/** The item's lease ends: one per provider's scan, one for building the feed. */
const LEASES = [...(["aws", "microsoft", "google", "site"] satisfies Provider[]).map((p) => `until_${p}`), "assemblyUntil"];

/** Whether an invocation still holds a lease of the round the item keeps. */
function running(item: Record<string, AttributeValue>, now: number): boolean {
  return LEASES.some((name) => Number(item[name]?.N ?? 0) > now);
}

/**
 * One item per tenant (`sk = scan`) holds the tenant's latest scan round: its providers, per
 * provider the invocation scanning it (`lease_<provider>`), until when (`until_<provider>`,
 * ms) and how many invocations it took, where each finished provider's results are (`done`),
 * who builds the feed (`assembler`, `assemblyUntil`) and whether it is stored (`finished`).
 * The results go to S3 (`checkpoints/…`): a provider's results for a large account are
 * megabytes, far over DynamoDB's 400 KB item limit. Every change after a claim is conditional
 * on its lease, so an invocation that lost its provider (or its round) cannot change it.
 * A finished round's item stays until its TTL, so a late redelivery of one of its messages
 * finds it finished instead of starting it again.
 */
export class DynamoScanCheckpoints implements ScanCheckpoints {
  constructor(private readonly opts: { ddb: DynamoDBClient; table: string; s3: S3Client; bucket: string }) {}

  private key(tenantId: string): Record<string, AttributeValue> {
    return { pk: { S: tenantPartition(tenantId) }, sk: { S: SORT_KEY.scan } };
  }

  private async current(tenantId: string): Promise<Record<string, AttributeValue> | undefined> {
    return (await this.opts.ddb.send(new GetItemCommand({ TableName: this.opts.table, Key: this.key(tenantId), ConsistentRead: true }))).Item;
  }

  async claim(request: ClaimRequest): Promise<Claim> {
    const { ddb, table } = this.opts;
    const { round, provider } = request;
    const key = this.key(request.tenantId);
    const now = request.now.getTime();
    const leaseId = randomUUID();
    const names = { "#lease": `lease_${provider}`, "#until": `until_${provider}`, "#inv": `invocations_${provider}` };

    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const current = await this.current(request.tenantId);
      if (current?.scanId?.S !== round.scanId) {
        // A message of an older round than the one kept (or of a round already replaced).
        if (current && Date.parse(current.startedAt!.S!) >= round.startedAt.getTime()) return { outcome: "superseded" };
        // The shop's hourly round never replaces an unfinished round of the clouds: that
        // night's scan would be lost. It gives way; its next round comes within the hour.
        if (current && !current.finished?.BOOL && shopOnly(round.providers) && !shopOnly(keptProviders(current))) return { outcome: "deferred" };
        // One round of a tenant at a time: while an invocation of the older one still scans a
        // cloud or builds its feed, the newer round waits for the queue's retry, so a customer's
        // API never serves two crawls of one tenant and two feeds are never built at once.
        if (current && running(current, now)) {
          throw new Error(`tenant ${request.tenantId}: scan ${current.scanId!.S} is still running; scan ${round.scanId} waits for the queue's retry`);
        }
        const item: Record<string, AttributeValue> = {
          ...key,
          scanId: { S: round.scanId },
          startedAt: { S: round.startedAt.toISOString() },
          providers: { L: round.providers.map((p) => ({ S: p })) },
          done: { M: {} },
          [names["#lease"]]: { S: leaseId },
          [names["#until"]]: { N: String(request.leaseUntil.getTime()) },
          [names["#inv"]]: { N: "1" },
          expiresAt: { N: String(Math.floor(now / 1000) + ITEM_TTL_SECONDS) },
        };
        const won = await conditional(() => ddb.send(new PutItemCommand({
          TableName: table,
          Item: item,
          // The older round is replaced only as it was read, and only while nothing of it runs.
          ...(current
            ? {
              ConditionExpression: `scanId = :old AND ${LEASES.map((l) => `(attribute_not_exists(${l}) OR ${l} <= :now)`).join(" AND ")}`,
              ExpressionAttributeValues: { ":old": current.scanId!, ":now": { N: String(now) } },
            }
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        })));
        if (won) return { outcome: "claimed", scan: this.claimed(request, leaseId, 1, false) };
        continue;
      }
      if (current.finished?.BOOL) return { outcome: "superseded" };
      if (current.done?.M?.[provider]) {
        return { outcome: "claimed", scan: this.claimed(request, leaseId, Number(current[names["#inv"]]?.N ?? 1), true) };
      }
      if (Number(current[names["#until"]]?.N ?? 0) > now) return { outcome: "busy" };
      const updated = await conditional(() => ddb.send(new UpdateItemCommand({
        TableName: table,
        Key: key,
        UpdateExpression: "SET #lease = :lease, #until = :until, #inv = if_not_exists(#inv, :zero) + :one",
        ConditionExpression: "scanId = :round AND attribute_not_exists(finished) AND attribute_not_exists(done.#provider) AND (attribute_not_exists(#until) OR #until <= :now)",
        ExpressionAttributeNames: { ...names, "#provider": provider },
        ExpressionAttributeValues: {
          ":lease": { S: leaseId }, ":until": { N: String(request.leaseUntil.getTime()) }, ":zero": { N: "0" }, ":one": { N: "1" },
          ":round": { S: round.scanId }, ":now": { N: String(now) },
        },
        ReturnValues: "ALL_NEW",
      })));
      if (updated) return { outcome: "claimed", scan: this.claimed(request, leaseId, Number(updated.Attributes![names["#inv"]]!.N), false) };
    }
    return { outcome: "busy" };
  }

  /** Whether an invocation scans a provider of the tenant, or builds its feed, right now (the ticket delivery keeps out of its way). */
  async held(tenantId: string, now: Date): Promise<boolean> {
    const item = await this.current(tenantId);
    return item !== undefined && running(item, now.getTime());
  }

  private claimed(request: ClaimRequest, leaseId: string, invocation: number, finished: boolean): ClaimedProvider {
    const { ddb, table, s3, bucket } = this.opts;
    const { tenantId, round, provider } = request;
    const key = this.key(tenantId);
    const mine = {
      ConditionExpression: "#lease = :mine",
      ExpressionAttributeNames: { "#lease": `lease_${provider}`, "#until": `until_${provider}` },
      ExpressionAttributeValues: { ":mine": { S: leaseId }, ":zero": { N: "0" } },
    };
    const current = () => this.current(tenantId);
    const readRuns = async (done: Record<string, AttributeValue>) => {
      const runs = new Map<Provider, StoredProviderRun>();
      for (const [name, value] of Object.entries(done)) {
        const text = await readObjectText(s3, bucket, value.S!);
        if (text !== undefined) runs.set(name as Provider, JSON.parse(text) as StoredProviderRun);
      }
      return runs;
    };
    return {
      invocation,
      finished,
      async saveRun(run) {
        const objectKey = checkpointKey(tenantId, round.scanId, provider);
        await writeJsonObject(s3, bucket, objectKey, JSON.stringify(run));
        // Its own lease, or, should the lease have gone (it ran out, or the item was written
        // over), a provider nobody else holds or has saved: results in hand are not thrown away.
        const saved = await conditional(() => ddb.send(new UpdateItemCommand({
          TableName: table,
          Key: key,
          UpdateExpression: "SET done.#provider = :key, #until = :zero",
          ConditionExpression: "scanId = :round AND attribute_not_exists(finished) AND "
            + "(#lease = :mine OR (attribute_not_exists(done.#provider) AND (attribute_not_exists(#until) OR #until <= :now)))",
          ExpressionAttributeNames: { ...mine.ExpressionAttributeNames, "#provider": provider },
          ExpressionAttributeValues: {
            ...mine.ExpressionAttributeValues, ":key": { S: objectKey }, ":round": { S: round.scanId }, ":now": { N: String(Date.now()) },
          },
        })));
        if (saved) return "saved";
        const item = await current();
        // Another invocation holds this provider, or saved it: it builds the feed if it is last.
        return item?.scanId?.S === round.scanId && !item.finished?.BOOL ? "busy" : "superseded";
      },
      async release() {
        await conditional(() => ddb.send(new UpdateItemCommand({ TableName: table, Key: key, UpdateExpression: "SET #until = :zero", ...mine })));
      },
      async handBack() {
        // Only a claim that took the lease counted an invocation (one of a provider already saved took none).
        await conditional(() => ddb.send(new UpdateItemCommand({
          TableName: table, Key: key, UpdateExpression: "SET #until = :zero, #inv = #inv - :one",
          ...mine,
          ExpressionAttributeNames: { ...mine.ExpressionAttributeNames, "#inv": `invocations_${provider}` },
          ExpressionAttributeValues: { ...mine.ExpressionAttributeValues, ":one": { N: "1" } },
        })));
      },
      async assemble(leaseUntil) {
        const assemblerId = randomUUID();
        const providers = Object.fromEntries(round.providers.map((p, i) => [`#p${i}`, p]));
        const updated = await conditional(() => ddb.send(new UpdateItemCommand({
          TableName: table,
          Key: key,
          UpdateExpression: "SET assembler = :me, assemblyUntil = :until",
          ConditionExpression: [
            "scanId = :round AND attribute_not_exists(finished) AND (attribute_not_exists(assemblyUntil) OR assemblyUntil <= :now)",
            ...Object.keys(providers).map((name) => `attribute_exists(done.${name})`),
          ].join(" AND "),
          ExpressionAttributeNames: providers,
          ExpressionAttributeValues: {
            ":me": { S: assemblerId }, ":until": { N: String(leaseUntil.getTime()) },
            ":round": { S: round.scanId }, ":now": { N: String(Date.now()) },
          },
          ReturnValues: "ALL_NEW",
        })));
        if (!updated) return undefined;
        const assembler = { ConditionExpression: "assembler = :me", ExpressionAttributeValues: { ":me": { S: assemblerId } } };
        const assembly: RoundAssembly = {
          runs: await readRuns(updated.Attributes!.done!.M!),
          async complete() {
            // Only this assembler's round: if it lost the assembly, the new holder's stays.
            const marked = await conditional(() => ddb.send(new UpdateItemCommand({
              TableName: table, Key: key, UpdateExpression: "SET finished = :true, assemblyUntil = :zero REMOVE done",
              ...assembler, ExpressionAttributeValues: { ...assembler.ExpressionAttributeValues, ":true": { BOOL: true }, ":zero": { N: "0" } },
            })));
            if (!marked) return;
            // Tidiness only: the lifecycle rule on checkpoints/ would expire them anyway.
            await Promise.all(round.providers.map((p) =>
              s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkpointKey(tenantId, round.scanId, p) }))));
          },
          async release() {
            await conditional(() => ddb.send(new UpdateItemCommand({
              TableName: table, Key: key, UpdateExpression: "SET assemblyUntil = :zero",
              ...assembler, ExpressionAttributeValues: { ...assembler.ExpressionAttributeValues, ":zero": { N: "0" } },
            })));
          },
        };
        return assembly;
      },
    };
  }
}

const shopOnly = (providers: readonly Provider[]) => providers.every((p) => p === "site");
const keptProviders = (item: Record<string, AttributeValue>) => (item.providers?.L ?? []).map((p) => p.S as Provider);

/** The call's answer, or undefined when its condition did not hold (someone else got there first). */
async function conditional<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return undefined;
    throw err;
  }
}
