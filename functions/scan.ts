import type { Context, SQSEvent } from "aws-lambda";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Client } from "@aws-sdk/client-s3";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ProviderScanner } from "../scan/provider-scanner.ts";
import { SecretReader } from "../secrets/secret-ref.ts";
import { resumableScan, type ResumableScanOutcome } from "../scan/resumable-scan.ts";
import { TicketSync } from "../tickets/sync.ts";
import { DynamoAnswerStore } from "../store/dynamo-answer-store.ts";
import { DynamoFindingState } from "../store/dynamo-finding-state.ts";
import { DynamoScanCheckpoints } from "../store/dynamo-scan-checkpoints.ts";
import { DynamoTicketStore } from "../store/dynamo-ticket-store.ts";
import { S3FeedStore } from "../store/s3-feed-store.ts";
import { S3ProviderStateStore } from "../store/s3-provider-state.ts";
import { lambdaTenantProblem, loadCloudConfig } from "./cloud-config.ts";
import { s3Client, dynamoClient, sqsClient, lambdaEnvironment, lazy } from "./environment.ts";
import { log, logDeliveryReport } from "./log.ts";
import { parseScanMessage, type ScanMessage } from "./scan-message.ts";

export interface ScanDeps {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  bucket: string;
  table: string;
  scanQueueUrl: string;
  /** Tests narrow or stand in for providers; all of them otherwise. */
  scanners?: readonly ProviderScanner<any>[];
  reserveMs?: number;
  maxInvocations?: number;
}

/** What a direct invoke answers; the queue ignores it. */
export type ScanSummary =
  | { tenantId: string; outcome: "stored"; scanId: string; score: number; new: number; resolved: number; invocation: number }
  | { tenantId: string; outcome: "suspended"; scanId: string; pending: string[] }
  | { tenantId: string; outcome: "busy" | "dropped"; reason: string };

/**
 * One tenant per invocation, from the scan queue (batch size 1) or a direct invoke
 * (`{"tenantId": "..."}`). A scan that nears the 15-minute limit is checkpointed and sent
 * back to the queue as a continuation; a failure throws, so the queue retries the message
 * and, after the third attempt, parks it in the dead-letter queue.
 */
export function createScanHandler(deps: ScanDeps) {
  const store = new S3FeedStore({ s3: deps.s3, bucket: deps.bucket, findingState: new DynamoFindingState(deps.dynamodb, deps.table) });
  const answers = new DynamoAnswerStore(deps.dynamodb, deps.table);
  const ticketStore = new DynamoTicketStore(deps.dynamodb, deps.table);
  // One reader per container: each secret is fetched from SSM once, then served from memory.
  const secrets = new SecretReader();
  const checkpoints = new DynamoScanCheckpoints({ ddb: deps.dynamodb, table: deps.table, s3: deps.s3, bucket: deps.bucket });

  async function scanOne(body: unknown, context: Pick<Context, "getRemainingTimeInMillis">): Promise<ScanSummary> {
    const message = parseScanMessage(body);
    if (typeof message === "string") {
      log("error", "scan message dropped", { problem: message });
      return { tenantId: "", outcome: "dropped", reason: message };
    }
    const { tenantId } = message;
    const config = await loadCloudConfig(deps.s3, deps.bucket);
    const tenant = config.tenants.find((t) => t.id === tenantId);
    // Permanent problems are logged once and dropped: a retry would fail the same way.
    if (!tenant) return dropped(tenantId, "no such tenant in the config (removed since it was queued?)");
    const problem = lambdaTenantProblem(tenant);
    if (problem) return dropped(tenantId, problem);

    const outcome = await resumableScan({
      tenant,
      store,
      answers,
      checkpoints,
      state: new S3ProviderStateStore(deps.s3, deps.bucket, tenantId),
      tickets: new TicketSync({
        store: ticketStore,
        secrets,
        ...(config.pageUrl ? { pageUrl: config.pageUrl } : {}),
        onReport: logDeliveryReport,
      }),
      ...(message.scanId ? { scanId: message.scanId } : {}),
      remainingMs: () => context.getRemainingTimeInMillis(),
      ...(deps.scanners ? { scanners: deps.scanners } : {}),
      ...(deps.reserveMs !== undefined ? { reserveMs: deps.reserveMs } : {}),
      ...(deps.maxInvocations !== undefined ? { maxInvocations: deps.maxInvocations } : {}),
    });
    return report(tenantId, outcome);
  }

  async function report(tenantId: string, outcome: ResumableScanOutcome): Promise<ScanSummary> {
    switch (outcome.outcome) {
      case "stored": {
        const { feed } = outcome;
        const summary = {
          tenantId, outcome: "stored" as const, scanId: feed.scan.id, score: feed.summary.score,
          new: feed.summary.new, resolved: feed.summary.resolved, invocation: outcome.invocation,
        };
        log("info", "feed stored", { ...summary, durationMs: feed.scan.durationMs, resumed: outcome.resumed, providers: feed.scan.providers.map((p) => `${p.provider}:${p.status}`) });
        return summary;
      }
      case "suspended": {
        const continuation: ScanMessage = { tenantId, scanId: outcome.scanId };
        await deps.sqs.send(new SendMessageCommand({ QueueUrl: deps.scanQueueUrl, MessageBody: JSON.stringify(continuation) }));
        log("warn", "scan continues in a new invocation", { tenantId, scanId: outcome.scanId, invocation: outcome.invocation, pending: outcome.pending });
        return { tenantId, outcome: "suspended", scanId: outcome.scanId, pending: outcome.pending };
      }
      case "busy":
        log("info", "scan already in progress or finished", { tenantId });
        return { tenantId, outcome: "busy", reason: "another invocation holds this tenant's scan, or the continuation is stale" };
    }
  }

  function dropped(tenantId: string, reason: string): ScanSummary {
    log("error", "scan dropped", { tenantId, reason });
    return { tenantId, outcome: "dropped", reason };
  }

  return async (event: SQSEvent | ScanMessage, context: Pick<Context, "getRemainingTimeInMillis">): Promise<ScanSummary[]> => {
    if (!("Records" in event)) return [await scanOne(event, context)];
    const summaries: ScanSummary[] = [];
    // Batch size 1 in serverless.yml; with more, a failure would retry the whole batch.
    for (const record of event.Records) summaries.push(await scanOne(parseJson(record.body), context));
    return summaries;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const handler = lazy(() => {
  const env = lambdaEnvironment();
  return createScanHandler({
    s3: s3Client(), dynamodb: dynamoClient(), sqs: sqsClient(),
    bucket: env.bucket, table: env.table, scanQueueUrl: env.scanQueueUrl,
  });
});
