import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from "@aws-sdk/client-sqs";
import type { S3Client } from "@aws-sdk/client-s3";
import { lambdaTenantProblem, loadCloudConfig } from "./cloud-config.ts";
import { s3Client, sqsClient, lambdaEnvironment, lazy } from "./environment.ts";
import { log } from "./log.ts";
import type { ScanMessage } from "./scan-message.ts";

export interface DispatchDeps {
  s3: S3Client;
  sqs: SQSClient;
  bucket: string;
  scanQueueUrl: string;
}

export interface DispatchResult {
  queued: string[];
  skipped: { tenantId: string; problem: string }[];
}

/** SendMessageBatch takes at most ten messages. */
const BATCH = 10;

/**
 * The nightly fan-out: one message per tenant of the config on the scan queue, where each
 * becomes one `scan` invocation. A tenant the Lambda cannot scan safely is skipped and named
 * in the log; a message SQS refused makes the run fail (Lambda retries the scheduler's
 * asynchronous invocation twice), never vanish.
 */
export function createDispatchHandler(deps: DispatchDeps): () => Promise<DispatchResult> {
  return async () => {
    const config = await loadCloudConfig(deps.s3, deps.bucket);
    const result: DispatchResult = { queued: [], skipped: [] };
    const messages: ScanMessage[] = [];
    for (const tenant of config.tenants) {
      const problem = lambdaTenantProblem(tenant);
      if (problem) {
        result.skipped.push({ tenantId: tenant.id, problem });
        log("error", "tenant skipped", { tenantId: tenant.id, problem });
      } else {
        messages.push({ tenantId: tenant.id });
      }
    }
    for (let i = 0; i < messages.length; i += BATCH) {
      const entries: SendMessageBatchRequestEntry[] = messages.slice(i, i + BATCH)
        .map((m, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(m) }));
      const out = await deps.sqs.send(new SendMessageBatchCommand({ QueueUrl: deps.scanQueueUrl, Entries: entries }));
      const failed = out.Failed ?? [];
      if (failed.length > 0) {
        throw new Error(`the scan queue refused ${failed.length} messages: ${failed.map((f) => `${messages[Number(f.Id)]!.tenantId} (${f.Code})`).join(", ")}`);
      }
      result.queued.push(...messages.slice(i, i + BATCH).map((m) => m.tenantId));
    }
    log("info", "scans queued", { queued: result.queued.length, skipped: result.skipped.length });
    return result;
  };
}

export const handler = lazy(() => {
  const env = lambdaEnvironment();
  return createDispatchHandler({ s3: s3Client(), sqs: sqsClient(), bucket: env.bucket, scanQueueUrl: env.scanQueueUrl });
});
