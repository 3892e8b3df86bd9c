import { randomUUID } from "node:crypto";
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from "@aws-sdk/client-sqs";
import type { S3Client } from "@aws-sdk/client-s3";
import type { Provider } from "../checks/framework.ts";
import { tenantProviders } from "../scan/configured-providers.ts";
import { shopDue } from "../scan/site-schedule.ts";
import { lambdaTenantProblem, loadCloudConfig } from "./cloud-config.ts";
import { s3Client, sqsClient, lambdaEnvironment, lazy } from "./environment.ts";
import { log } from "./log.ts";
import type { ScanMessage } from "./scan-message.ts";

export interface DispatchDeps {
  s3: S3Client;
  sqs: SQSClient;
  bucket: string;
  scanQueueUrls: Record<Provider, string>;
  now?: () => Date;
}

export interface DispatchResult {
  queued: string[];
  skipped: { tenantId: string; problem: string }[];
}

/**
 * What starts a dispatch. The schedules (serverless.yml) name the providers of their rounds:
 * the clouds nightly, the online shop hourly, where each tenant's shop is scanned when its
 * pages' `schedule` says it is due (scan/site-schedule.ts). A direct invoke
 * (`osls invoke -f dispatch -d '{"tenantId":"acme"}'`) scans now: one tenant, or all, with
 * every provider they have unless `providers` narrows it.
 */
export interface DispatchRequest {
  tenantId?: string;
  providers?: Provider[];
}

const PROVIDERS: readonly Provider[] = ["aws", "microsoft", "google", "site"];

/** SendMessageBatch takes at most ten messages. */
const BATCH = 10;

/**
 * The fan-out: for each tenant of the config a new scan round of the providers asked for (the
 * clouds nightly, the shop hourly), and one message per provider it has on that provider's scan queue, where each becomes one invocation of the
 * provider's scan function; the last provider in builds the feed. A tenant the Lambda cannot
 * scan safely is skipped and named in the log; a message SQS refused makes the run fail
 * (Lambda retries the scheduler's asynchronous invocation twice, and the retry's newer rounds
 * replace the incomplete ones), never vanish.
 */
export function createDispatchHandler(deps: DispatchDeps): (event?: DispatchRequest) => Promise<DispatchResult> {
  return async (event) => {
    const config = await loadCloudConfig(deps.s3, deps.bucket);
    // The scheduler's event names no tenant: every one is scanned.
    const only = event?.tenantId;
    if (only !== undefined && typeof only !== "string") {
      throw new Error(`tenantId must be a tenant's id as a string, not ${JSON.stringify(only)}; leave it out to scan every tenant`);
    }
    if (only !== undefined && !config.tenants.some((t) => t.id === only)) {
      throw new Error(`no tenant "${only}" in the config (tenants: ${config.tenants.map((t) => t.id).join(", ") || "none"})`);
    }
    const filter = event?.providers;
    if (filter !== undefined && (!Array.isArray(filter) || filter.length === 0 || filter.some((p) => !PROVIDERS.includes(p)))) {
      throw new Error(`providers must be a list of ${PROVIDERS.join(", ")}, not ${JSON.stringify(filter)}; leave it out to scan every provider`);
    }
    const now = deps.now?.() ?? new Date();
    const startedAt = now.toISOString();
    // A scheduled shop round takes the tenants whose shop is due; a direct invoke scans now.
    const scheduled = filter !== undefined && only === undefined;
    const result: DispatchResult = { queued: [], skipped: [] };
    const messages: Record<Provider, ScanMessage[]> = { aws: [], microsoft: [], google: [], site: [] };
    for (const tenant of config.tenants.filter((t) => only === undefined || t.id === only)) {
      const providers = tenantProviders(tenant)
        .filter((p) => filter === undefined || filter.includes(p))
        .filter((p) => p !== "site" || !scheduled || shopDue(tenant, now));
      // A tenant without the providers of a filtered round (no shop, in the shop's round) has nothing to scan in it.
      if (providers.length === 0 && filter !== undefined && only === undefined) continue;
      const problem = lambdaTenantProblem(tenant) ?? (providers.length === 0 ? `tenant ${tenant.id}: nothing to scan (no cloud or shop configured${filter ? ` of ${filter.join(", ")}` : ""})` : undefined);
      if (problem) {
        result.skipped.push({ tenantId: tenant.id, problem });
        log("error", "tenant skipped", { tenantId: tenant.id, problem });
        continue;
      }
      const message: ScanMessage = { tenantId: tenant.id, scanId: randomUUID(), startedAt, providers };
      for (const provider of providers) messages[provider].push(message);
      result.queued.push(tenant.id);
    }
    for (const [provider, queued] of Object.entries(messages) as [Provider, ScanMessage[]][]) {
      for (let i = 0; i < queued.length; i += BATCH) {
        const entries: SendMessageBatchRequestEntry[] = queued.slice(i, i + BATCH)
          .map((m, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(m) }));
        const out = await deps.sqs.send(new SendMessageBatchCommand({ QueueUrl: deps.scanQueueUrls[provider], Entries: entries }));
        const failed = out.Failed ?? [];
        if (failed.length > 0) {
          throw new Error(`the ${provider} scan queue refused ${failed.length} messages: ${failed.map((f) => `${queued[Number(f.Id)]!.tenantId} (${f.Code})`).join(", ")}`);
        }
      }
    }
    log("info", "scans queued", { queued: result.queued.length, skipped: result.skipped.length });
    return result;
  };
}

export const handler = lazy(() => {
  const env = lambdaEnvironment();
  return createDispatchHandler({ s3: s3Client(), sqs: sqsClient(), bucket: env.bucket, scanQueueUrls: env.scanQueueUrls });
});
