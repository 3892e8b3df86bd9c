import { randomUUID } from "node:crypto";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient,
} from "@aws-sdk/client-sqs";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { SQSEvent } from "aws-lambda";
import type { Provider } from "../../checks/framework.ts";
import type { Config } from "../../config/schema.ts";
import type { Feed } from "../../feed/schema.ts";
import type { ScanMessage } from "../../functions/scan-message.ts";
import type { FeedStore } from "../../store/feed-store.ts";
import { CONFIG_KEY } from "../../store/s3-layout.ts";
import { startMoto, type Moto } from "../support/moto.ts";

/**
 * The deployment's own resources, created in moto the way serverless.yml declares them
 * (bucket, one table keyed pk/sk, one scan queue per cloud with its dead-letter queue), and the environment
 * serverless.yml gives the functions. The handlers under test then run unchanged: the SDK
 * reaches moto through AWS_ENDPOINT_URL, as `osls offline --stage local` does.
 */
export interface LambdaWorld {
  moto: Moto;
  s3: S3Client;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  ssm: SSMClient;
  bucket: string;
  table: string;
  scanQueueUrls: Record<Provider, string>;
  ssmPrefix: string;
  env: Record<string, string>;
  uploadConfig(config: Config): Promise<void>;
  /** Takes every message off the scan queues, as the event source mappings would on success. */
  drainScanQueues(): Promise<{ provider: Provider; body: unknown; event: SQSEvent }[]>;
  stop(): Promise<void>;
}

export async function startLambdaWorld(): Promise<LambdaWorld> {
  const moto = await startMoto();
  const env = {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_REGION: "ap-northeast-1",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    CLOUD15_BUCKET: "cloud15-test-feeds",
    CLOUD15_TABLE: "cloud15-test-state",
    // What serverless.yml sets for the stage `osls offline --stage local` runs.
    CLOUD15_SSM_PREFIX: "/cloud15/local",
  };
  // The handlers read their environment like any Lambda does: from the process.
  Object.assign(process.env, env);
  const s3 = new S3Client({});
  const dynamodb = new DynamoDBClient({});
  const sqs = new SQSClient({});
  const ssm = new SSMClient({});

  await s3.send(new CreateBucketCommand({ Bucket: env.CLOUD15_BUCKET, CreateBucketConfiguration: { LocationConstraint: "ap-northeast-1" } }));
  await dynamodb.send(new CreateTableCommand({
    TableName: env.CLOUD15_TABLE,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  }));
  const scanQueueUrls = {} as Record<Provider, string>;
  const queueEnv: Record<string, string> = {};
  for (const provider of PROVIDERS) {
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `cloud15-test-scan-${provider}-dlq` }));
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl!, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
    const queue = await sqs.send(new CreateQueueCommand({
      QueueName: `cloud15-test-scan-${provider}`,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) },
    }));
    scanQueueUrls[provider] = queue.QueueUrl!;
    queueEnv[`CLOUD15_${provider.toUpperCase()}_SCAN_QUEUE_URL`] = queue.QueueUrl!;
  }
  Object.assign(process.env, queueEnv);

  return {
    moto, s3, dynamodb, sqs, ssm,
    bucket: env.CLOUD15_BUCKET,
    table: env.CLOUD15_TABLE,
    scanQueueUrls,
    ssmPrefix: env.CLOUD15_SSM_PREFIX,
    env: { ...env, ...queueEnv },
    async uploadConfig(config) {
      await s3.send(new PutObjectCommand({ Bucket: env.CLOUD15_BUCKET, Key: CONFIG_KEY, Body: JSON.stringify(config) }));
    },
    async drainScanQueues() {
      const taken: { provider: Provider; body: unknown; event: SQSEvent }[] = [];
      for (const provider of PROVIDERS) {
        for (;;) {
          const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: scanQueueUrls[provider], MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
          const messages = out.Messages ?? [];
          if (messages.length === 0) break;
          for (const m of messages) {
            await sqs.send(new DeleteMessageCommand({ QueueUrl: scanQueueUrls[provider], ReceiptHandle: m.ReceiptHandle! }));
            taken.push({ provider, body: JSON.parse(m.Body!), event: sqsEvent(m.Body!, m.MessageId!) });
          }
        }
      }
      return taken;
    },
    async stop() {
      for (const c of [s3, dynamodb, sqs, ssm]) c.destroy();
      await moto.stop();
    },
  };
}

const PROVIDERS: readonly Provider[] = ["aws", "microsoft", "google", "site"];

/** The event an SQS event source mapping hands a scan function (batch size 1), on the message's `receiveCount`th delivery. */
export function sqsEvent(body: string, messageId = "test-message", receiveCount = 1): SQSEvent {
  return {
    Records: [{
      messageId,
      receiptHandle: "test",
      body,
      attributes: {
        ApproximateReceiveCount: String(receiveCount), SentTimestamp: String(Date.now()), SenderId: "test", ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:ap-northeast-1:123456789012:cloud15-test-scan",
      awsRegion: "ap-northeast-1",
    }],
  };
}

/** A round as dispatch would start it. */
export function scanRound(tenantId: string, providers: ScanMessage["providers"]): ScanMessage {
  return { tenantId, scanId: randomUUID(), startedAt: new Date().toISOString(), providers };
}

/** The tenant's stored feed; a test that expects one fails without it. */
export async function latestFeedIn(store: FeedStore, tenantId: string): Promise<Feed> {
  const latest = await store.latest(tenantId);
  if (!("feed" in latest)) throw new Error(`no feed for ${tenantId}`);
  return latest.feed;
}

/** A Lambda context whose clock runs out `ms` from now. */
export function lambdaContext(ms: number) {
  const end = Date.now() + ms;
  return { getRemainingTimeInMillis: () => Math.max(0, end - Date.now()) };
}
