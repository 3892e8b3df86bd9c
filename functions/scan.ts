import type { Context, SQSEvent, SQSRecord } from "aws-lambda";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Client } from "@aws-sdk/client-s3";
import { SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { redactedMessage } from "../providers/redact-secrets.ts";
import type { ProviderScanner } from "../scan/provider-scanner.ts";
import { SecretReader } from "../secrets/secret-ref.ts";
import { resumableScan, type ResumableScanOutcome, type RoundSetup } from "../scan/resumable-scan.ts";
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

/**
 * Deliveries of one message before its queue parks it in the dead-letter queue: each scan
 * queue's `maxReceiveCount` in serverless.yml (test/deploy/package.test.ts holds them equal).
 */
export const SCAN_MAX_RECEIVES = 3;

export interface ScanDeps {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  bucket: string;
  table: string;
  /** This provider's scan queue, for continuations. */
  scanQueueUrl: string;
  reserveMs?: number;
  maxInvocations?: number;
}

/** What a direct invoke answers; the queue ignores it. */
export type ScanSummary =
  | { tenantId: string; outcome: "stored"; scanId: string; score: number; new: number; resolved: number; invocation: number }
  | { tenantId: string; outcome: "saved" | "suspended"; scanId: string; invocation: number }
  | { tenantId: string; outcome: "busy" | "superseded" | "deferred" | "dropped"; reason: string };

/**
 * One provider's part of one tenant's scan round per invocation, from that provider's scan
 * queue (batch size 1) or a direct invoke (the message itself). Each provider has its own
 * function, so a bundle carries only its own provider's SDK. A scan that nears the 15-minute
 * limit is checkpointed and sent back to the queue as a continuation; a failure throws, so
 * the queue retries the message; on its last delivery the provider is saved as `unreachable`
 * instead, so that the round's feed is still built and says so.
 */
export function createScanHandler(scanner: ProviderScanner<any>, deps: ScanDeps) {
  const store = new S3FeedStore({ s3: deps.s3, bucket: deps.bucket, findingState: new DynamoFindingState(deps.dynamodb, deps.table) });
  const answers = new DynamoAnswerStore(deps.dynamodb, deps.table);
  const ticketStore = new DynamoTicketStore(deps.dynamodb, deps.table);
  // One reader per container: each secret is fetched from SSM once, then served from memory.
  const secrets = new SecretReader();
  const checkpoints = new DynamoScanCheckpoints({ ddb: deps.dynamodb, table: deps.table, s3: deps.s3, bucket: deps.bucket });
  const { provider } = scanner;

  async function scanOne(body: unknown, lastAttempt: boolean, context: Pick<Context, "getRemainingTimeInMillis">): Promise<ScanSummary> {
    const message = parseScanMessage(body);
    if (typeof message === "string") {
      log("error", "scan message dropped", { provider, problem: message });
      return { tenantId: "", outcome: "dropped", reason: message };
    }
    const { tenantId } = message;
    // Permanent problems are logged once and dropped: a retry would fail the same way.
    if (!message.providers.includes(provider)) return dropped(tenantId, `the round does not include ${provider}`);
    // Read while resumableScan claims the provider: a tenant removed since it was queued hands the claim back.
    const setup = loadCloudConfig(deps.s3, deps.bucket).then((config): RoundSetup | { dropped: string } => {
      const tenant = config.tenants.find((t) => t.id === tenantId);
      if (!tenant) return { dropped: "no such tenant in the config (removed since it was queued?)" };
      const problem = lambdaTenantProblem(tenant);
      if (problem) return { dropped: problem };
      return {
        tenant,
        tickets: new TicketSync({
          store: ticketStore,
          secrets,
          ...(config.pageUrl ? { pageUrl: config.pageUrl } : {}),
          onReport: logDeliveryReport,
        }),
      };
    });

    const outcome = await resumableScan({
      tenantId,
      setup,
      scanner,
      round: { scanId: message.scanId, startedAt: new Date(message.startedAt), providers: message.providers },
      store,
      answers,
      checkpoints,
      ...(scanner.keepsState ? { state: new S3ProviderStateStore(deps.s3, deps.bucket, tenantId) } : {}),
      remainingMs: () => context.getRemainingTimeInMillis(),
      lastAttempt,
      ...(deps.reserveMs !== undefined ? { reserveMs: deps.reserveMs } : {}),
      ...(deps.maxInvocations !== undefined ? { maxInvocations: deps.maxInvocations } : {}),
    });
    return report(message, outcome);
  }

  async function report(message: ScanMessage, outcome: ResumableScanOutcome): Promise<ScanSummary> {
    const { tenantId, scanId } = message;
    switch (outcome.outcome) {
      case "stored": {
        const { feed } = outcome;
        const summary = {
          tenantId, outcome: "stored" as const, scanId, score: feed.summary.score,
          new: feed.summary.new, resolved: feed.summary.resolved, invocation: outcome.invocation,
        };
        log("info", "feed stored", { ...summary, provider, durationMs: feed.scan.durationMs, providers: feed.scan.providers.map((p) => `${p.provider}:${p.status}`) });
        return summary;
      }
      case "saved":
        log("info", "provider saved; the round waits for its other providers", { tenantId, scanId, provider, invocation: outcome.invocation });
        return { tenantId, outcome: "saved", scanId, invocation: outcome.invocation };
      case "suspended": {
        await deps.sqs.send(new SendMessageCommand({ QueueUrl: deps.scanQueueUrl, MessageBody: JSON.stringify(message) }));
        log("warn", "scan continues in a new invocation", { tenantId, scanId, provider, invocation: outcome.invocation });
        return { tenantId, outcome: "suspended", scanId, invocation: outcome.invocation };
      }
      case "busy":
        log("info", "provider already being scanned", { tenantId, scanId, provider });
        return { tenantId, outcome: "busy", reason: `another invocation scans ${provider} in this round` };
      case "superseded":
        log("info", "scan round already stored or replaced", { tenantId, scanId, provider });
        return { tenantId, outcome: "superseded", reason: "the round's feed is stored, or a newer round replaced it" };
      case "dropped":
        return dropped(tenantId, outcome.reason);
      case "deferred":
        log("warn", "scan round gives way to an unfinished round of the tenant's clouds; the next round checks again", { tenantId, scanId, provider });
        return { tenantId, outcome: "deferred", reason: "an unfinished round scans clouds this round leaves out; the next round scans this provider" };
    }
  }

  function dropped(tenantId: string, reason: string): ScanSummary {
    log("error", "scan dropped", { tenantId, provider, reason });
    return { tenantId, outcome: "dropped", reason };
  }

  return async (event: SQSEvent | ScanMessage, context: Pick<Context, "getRemainingTimeInMillis">): Promise<ScanSummary[]> => {
    // A direct invoke has no retry behind it: its failure is the caller's to see, never hidden as `error`.
    if (!("Records" in event)) return [await scanOne(event, false, context)];
    const summaries: ScanSummary[] = [];
    // Batch size 1 in serverless.yml; with more, a failure would retry the whole batch.
    for (const record of event.Records) {
      const body = parseJson(record.body);
      const lastDelivery = isLastDelivery(record);
      try {
        summaries.push(await scanOne(body, lastDelivery, context));
      } catch (err) {
        const tenantId = typeof body === "object" && body !== null ? (body as { tenantId?: unknown }).tenantId : undefined;
        log("error", lastDelivery ? "scan failed on its last delivery; the message goes to the dead-letter queue" : "scan failed; the queue delivers it again", {
          tenantId, provider, messageId: record.messageId, error: redactedMessage(err),
        });
        throw err;
      }
    }
    return summaries;
  };
}

function isLastDelivery(record: SQSRecord): boolean {
  return Number(record.attributes.ApproximateReceiveCount) >= SCAN_MAX_RECEIVES;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The Lambda handler of one provider's scan function (functions/scan-<provider>.ts). */
export function scanHandler(scanner: ProviderScanner<any>) {
  return lazy(() => {
    const env = lambdaEnvironment();
    return createScanHandler(scanner, {
      s3: s3Client(), dynamodb: dynamoClient(), sqs: sqsClient(),
      bucket: env.bucket, table: env.table,
      scanQueueUrl: env.scanQueueUrls[scanner.provider],
    });
  });
}
