/**
 * One fleet size of the fleet benchmark (bench/fleet.ts starts it): the deployment's bucket,
 * table and queues in a fresh moto_server, the first N tenants of the fleet in the config,
 * then one nightly round as Lambda runs it: `dispatch`, and every queued message handed to
 * the scan function of its cloud, at most INSTANCES at a time, each instance with its own SDK
 * clients as a container has. Counts every request the functions send to S3, DynamoDB and SQS
 * and how long each invocation ran. Reads the fleet from stdin; last line: one JSON object.
 *   node --import tsx bench/fleet-run.ts N < fleet.json
 */
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient as SqsClient } from "@aws-sdk/client-sqs";
import type { CloudProvider as Provider } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import { createDispatchHandler } from "../functions/dispatch.ts";
import { createScanHandler, type ScanSummary } from "../functions/scan.ts";
import { awsScanner } from "../scan/aws-scanner.ts";
import { googleScanner } from "../scan/google-scanner.ts";
import { microsoftScanner } from "../scan/microsoft-scanner.ts";
import type { ProviderScanner } from "../scan/provider-scanner.ts";
import { lambdaContext, sqsEvent, startLambdaWorld } from "../test/functions/lambda-world.ts";
import type { FleetTenant } from "./fleet-tenants-process.ts";
import { RequestMeter, type ServiceRequests } from "./fleet-requests.ts";

/** Function instances running at once (serverless.yml's scanConcurrency). */
export const INSTANCES = 10;
const SCANNERS: Record<Provider, ProviderScanner<any>> = { aws: awsScanner, microsoft: microsoftScanner, google: googleScanner };

export interface Invocation {
  fn: "dispatch" | Provider;
  tenantId: string;
  startMs: number;
  durationMs: number;
  outcome: string;
  requests: ServiceRequests;
}

/** One Lambda container of each scan function: its own clients, kept between its invocations. */
class FunctionInstance {
  readonly meter = new RequestMeter();
  private readonly handlers: Partial<Record<Provider, ReturnType<typeof createScanHandler>>> = {};
  private readonly s3 = this.meter.watch(new S3Client({}));
  private readonly dynamodb = this.meter.watch(new DynamoDBClient({}));
  private readonly sqs = this.meter.watch(new SqsClient({}));

  constructor(private readonly world: Awaited<ReturnType<typeof startLambdaWorld>>) {}

  invoke(provider: Provider, body: string): Promise<ScanSummary[]> {
    const handler = this.handlers[provider] ??= createScanHandler(SCANNERS[provider], {
      s3: this.s3, dynamodb: this.dynamodb, sqs: this.sqs, bucket: this.world.bucket, table: this.world.table, scanQueueUrl: this.world.scanQueueUrls[provider],
    });
    return handler(sqsEvent(body), lambdaContext(900_000));
  }
}

async function receiveAll(sqs: SQSClient, urls: Record<Provider, string>): Promise<{ provider: Provider; body: string; receipt: string }[]> {
  const byQueue: { provider: Provider; body: string; receipt: string }[][] = [];
  for (const provider of Object.keys(urls) as Provider[]) {
    const taken: { provider: Provider; body: string; receipt: string }[] = [];
    for (;;) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls[provider], MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 900 }));
      if (!out.Messages?.length) break;
      for (const m of out.Messages) taken.push({ provider, body: m.Body!, receipt: m.ReceiptHandle! });
    }
    byQueue.push(taken);
  }
  // Interleaved: the first message of each queue, then the second of each, and so on.
  const out: { provider: Provider; body: string; receipt: string }[] = [];
  for (let i = 0; byQueue.some((q) => i < q.length); i++) for (const q of byQueue) if (i < q.length) out.push(q[i]!);
  return out;
}

function tenantOf(body: string): string {
  return (JSON.parse(body) as { tenantId: string }).tenantId;
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

const size = Number(process.argv[2] ?? 10);
const { tenants: fleet } = JSON.parse(await readStdin()) as { tenants: FleetTenant[] };
const tenants = fleet.slice(0, size);
const world = await startWorld();
const t0 = performance.now();

try {
  const config: TenantConfig[] = [];
  for (const t of tenants) {
    const tenant: TenantConfig = {
      id: t.id,
      name: `${t.id} K.K.`,
      aws: { region: "ap-northeast-1", endpoint: t.aws.endpoint, roleArn: `arn:aws:iam::${t.aws.accountId}:role/cloud15-readonly`, externalId: t.aws.externalId },
    };
    if (t.microsoft) {
      const name = `${world.ssmPrefix}/secrets/${t.id}-graph`;
      await world.ssm.send(new PutParameterCommand({ Name: name, Type: "SecureString", Value: t.microsoft.clientSecret }));
      tenant.microsoft = { tenantId: t.microsoft.tenantId, clientId: t.microsoft.clientId, clientSecret: { ssm: name }, graphUrl: t.microsoft.origin, authorityHost: t.microsoft.origin };
    }
    if (t.google) {
      const name = `${world.ssmPrefix}/secrets/${t.id}-google`;
      await world.ssm.send(new PutParameterCommand({ Name: name, Type: "SecureString", Value: t.google.serviceAccountKey }));
      tenant.google = { adminEmail: t.google.adminEmail, serviceAccountKey: { ssm: name }, rootUrl: t.google.rootUrl, tokenUrl: t.google.tokenUrl };
    }
    config.push(tenant);
  }
  await world.uploadConfig({ tenants: config });

  const invocations: Invocation[] = [];
  const started = performance.now();
  const cpu = process.cpuUsage();

  // Dispatch: one invocation for the whole fleet.
  const dispatchMeter = new RequestMeter();
  const dispatch = createDispatchHandler({
    s3: dispatchMeter.watch(new S3Client({})), sqs: dispatchMeter.watch(new SqsClient({})), bucket: world.bucket, scanQueueUrls: world.scanQueueUrls,
  });
  const dispatchStart = performance.now();
  const dispatched = await dispatch();
  invocations.push({ fn: "dispatch", tenantId: "", startMs: dispatchStart - started, durationMs: performance.now() - dispatchStart, outcome: `queued ${dispatched.queued.length}`, requests: dispatchMeter.take() });
  if (dispatched.queued.length !== tenants.length) throw new Error(`dispatch queued ${dispatched.queued.length} of ${tenants.length} tenants: ${JSON.stringify(dispatched.skipped)}`);

  // The event source mappings: each takes its queue's messages and deletes them once handled.
  const pollMeter = new RequestMeter();
  const poller = pollMeter.watch(new SqsClient({}));
  const instances = Array.from({ length: INSTANCES }, () => new FunctionInstance(world));

  for (;;) {
    const pending = await receiveAll(poller, world.scanQueueUrls);
    if (pending.length === 0) break;
    // Fair across the three queues, as three mappings polling at once would be.
    let next = 0;
    await Promise.all(instances.map(async (instance) => {
      while (next < pending.length) {
        const message = pending[next++]!;
        const start = performance.now();
        const summaries = await instance.invoke(message.provider, message.body);
        invocations.push({
          fn: message.provider, tenantId: tenantOf(message.body), startMs: start - started, durationMs: performance.now() - start,
          outcome: summaries.map((s) => s.outcome).join(","), requests: instance.meter.take(),
        });
        await poller.send(new DeleteMessageCommand({ QueueUrl: world.scanQueueUrls[message.provider], ReceiptHandle: message.receipt }));
      }
    }));
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // The functions' own CPU, which other work on the machine does not stretch as it does their durations.
  const cpuMs = (used.user + used.system) / 1000;
  console.log(JSON.stringify({ tenants: tenants.map((t) => ({ id: t.id, size: t.size })), wallMs, cpuMs, invocations, polling: pollMeter.take(), setupMs: started - t0 }));
} finally {
  await world.stop();
}

/** moto_server gets 20 s to start; on a machine busy with other work that is sometimes not enough. */
async function startWorld(attempts = 3): ReturnType<typeof startLambdaWorld> {
  try {
    return await startLambdaWorld();
  } catch (err) {
    if (attempts <= 1) throw err;
    console.error(`starting moto_server failed (${(err as Error).message.slice(0, 80)}); trying again`);
    return startWorld(attempts - 1);
  }
}
