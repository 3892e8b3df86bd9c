import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { S3Client } from "@aws-sdk/client-s3";
import { SecretReader } from "../secrets/secret-ref.ts";
import { DynamoScanCheckpoints } from "../store/dynamo-scan-checkpoints.ts";
import { DynamoTicketStore } from "../store/dynamo-ticket-store.ts";
import type { TrackerHttpOptions } from "../tickets/http.ts";
import { TicketSync } from "../tickets/sync.ts";
import { loadCloudConfig } from "./cloud-config.ts";
import { dynamoClient, lambdaEnvironment, lazy, s3Client } from "./environment.ts";
import { log, logDeliveryReport } from "./log.ts";

export interface TicketsDeps {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  bucket: string;
  table: string;
  http?: TrackerHttpOptions;
  /** Tests move the clock past a failed update's next attempt time. */
  now?: () => Date;
}

export interface TicketsResult {
  delivered: number;
  waiting: number;
  dead: number;
  /** Tenants left to their running scan, which delivers its own updates. */
  scanning: string[];
}

/**
 * Every quarter of an hour: what the outbox still holds (a tracker was down during the scan,
 * or asked to slow down) goes out now, as `cloud15 tickets` does. A tenant whose scan is
 * running is left alone: that scan delivers when its feed is stored, and two deliveries at
 * once could each open the same ticket.
 */
export function createTicketsHandler(deps: TicketsDeps): () => Promise<TicketsResult> {
  const store = new DynamoTicketStore(deps.dynamodb, deps.table);
  const checkpoints = new DynamoScanCheckpoints({ ddb: deps.dynamodb, table: deps.table, s3: deps.s3, bucket: deps.bucket });
  // One reader per container: each tracker token is fetched from SSM once, then served from memory.
  const secrets = new SecretReader();
  return async () => {
    const config = await loadCloudConfig(deps.s3, deps.bucket);
    const sync = new TicketSync({
      store,
      secrets,
      ...(config.pageUrl ? { pageUrl: config.pageUrl } : {}),
      ...(deps.http ? { http: deps.http } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      onReport: logDeliveryReport,
    });
    const result: TicketsResult = { delivered: 0, waiting: 0, dead: 0, scanning: [] };
    for (const tenant of config.tenants) {
      if (!tenant.tickets?.length) continue;
      if (await checkpoints.held(tenant.id, deps.now?.() ?? new Date())) {
        result.scanning.push(tenant.id);
        continue;
      }
      const report = await sync.deliver(tenant);
      for (const t of report.targets) {
        result.delivered += t.delivered;
        result.waiting += t.waiting;
        result.dead += t.dead;
      }
    }
    log("info", "ticket delivery run", { ...result });
    return result;
  };
}

export const handler = lazy(() => {
  const env = lambdaEnvironment();
  return createTicketsHandler({ s3: s3Client(), dynamodb: dynamoClient(), bucket: env.bucket, table: env.table });
});
