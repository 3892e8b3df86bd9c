/**
 * One fleet size of the fleet benchmark (bench/fleet.ts starts it): the deployment's bucket,
 * table and queues in a fresh moto_server, the first N tenants of the fleet in the config,
 * then rounds as Lambda runs them: the tenants' first (every finding new, nothing to
 * compare with), the second (every finding still failing turns from new to open), and nightly
 * ones after them, which is what a month is made of: as many as make TENANT_NIGHTS tenant
 * scans, so that each size's figure is the mean of as many scans (ten rounds of 10 tenants,
 * two of 50, one of 100). Each round is
 * `dispatch`, then every queued message handed to the scan function of its cloud, at most
 * INSTANCES at a time, each instance a process of its own (bench/fleet-instance-process.ts,
 * built as serverless.yml builds the functions: bench/fleet-instance.ts).
 * The event source mappings are played here: one receive per message (batch size 1), a delete
 * once handled. Reads the fleet from stdin; last line: one JSON object.
 *   node --import tsx bench/fleet-run.ts N < fleet.json
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { CloudProvider } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { Feed } from "../feed/schema.ts";
import { latestKey } from "../store/s3-layout.ts";
import { readObjectText } from "../store/s3-objects.ts";
import { startLambdaWorld, type LambdaWorld } from "../test/functions/lambda-world.ts";
import { bundledInstance, FunctionInstance } from "./fleet-instance.ts";
import type { InvocationReport } from "./fleet-instance-process.ts";
import type { FleetTenant } from "./fleet-tenants-process.ts";
import { RequestMeter, type ServiceRequests } from "./fleet-requests.ts";

/** The cloud scan queues' visibility in serverless.yml: a message stays with the instance that took it. */
const SCAN_QUEUE_VISIBILITY_S = Number(/^ {4}AwsScanQueue:\n(?: {6}.*\n)*? {8}VisibilityTimeout: (\d+)$/m.exec(readFileSync(new URL("../serverless.yml", import.meta.url), "utf8"))?.[1]);

/** Function instances running at once (serverless.yml's scanConcurrency). */
export const INSTANCES = 10;
/**
 * Tenant scans measured in nightly rounds at every size. One nightly round per size compared
 * unlike invocations: at 10 tenants it was each function instance's third, still warming up
 * (JIT, inline caches, heap sizes), at 50 and 100 its eleventh to thirtieth; and ten scans
 * started at once on two cores move with whatever else the machine runs that minute.
 */
export const TENANT_NIGHTS = 100;
/**
 * CLOUD15_FLEET_COLD_NIGHTS=1: every nightly round on fresh function instances, as Lambda's
 * nights are (a day apart, idle instances reclaimed long before), rather than on the instances
 * the rounds before warmed up. Their start-up (the bundle's import) is not counted, as before.
 */
const COLD_NIGHTS = process.env.CLOUD15_FLEET_COLD_NIGHTS === "1";
/** CLOUD15_FLEET_EXEC_ARGV="--no-opt": Node/V8 flags for every function instance, to measure one (space-separated). */
const EXEC_ARGV = (process.env.CLOUD15_FLEET_EXEC_ARGV ?? "").split(" ").filter(Boolean);
const QUEUES: readonly CloudProvider[] = ["aws", "microsoft", "google"];

export interface Invocation extends Omit<InvocationReport, "id"> {
  fn: "dispatch" | CloudProvider;
  tenantId: string;
  startMs: number;
}

/** What a tenant's stored feed says, to check that every fleet size did the same work for it. */
export interface TenantFeed {
  id: string;
  scanId: string;
  findings: number;
  /** Findings with a lifecycle (`new`, `open`, `resolved`): the finding state's items. */
  tracked: number;
  new: number;
  errors: number;
  providers: string[];
  /** Why a provider could not be read, as the feed tells the owner. */
  problems: string[];
}

export interface Round {
  name: "first" | "second" | "nightly";
  wallMs: number;
  invocations: Invocation[];
  /** The mappings' receives that brought a message, and their deletes. */
  polling: ServiceRequests;
  /** Receives that found the queues empty: the mappings' idle polling, which goes on all day whatever the fleet. */
  emptyReceives: number;
  feeds: TenantFeed[];
}

const size = Number(process.argv[2] ?? 10);
const { tenants: fleet } = JSON.parse(await readStdin()) as { tenants: FleetTenant[] };
const tenants = fleet.slice(0, size);
const world = await startWorld();
const instances: FunctionInstance[] = [];
const bundleDir = await mkdtemp(join(tmpdir(), "cloud15-fleet-instance-"));

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
  // The functions as Lambda runs them: the esbuild bundle, not the TypeScript through tsx.
  const bundle = await bundledInstance(bundleDir);
  const startInstances = () => Promise.all(Array.from({ length: INSTANCES }, () => FunctionInstance.start(world.env, bundle, EXEC_ARGV)));
  instances.push(...await startInstances());

  const rounds: Round[] = [];
  const nightly = Math.ceil(TENANT_NIGHTS / size);
  for (const name of ["first", "second", ...Array.from({ length: nightly }, () => "nightly" as const)] as const) {
    if (COLD_NIGHTS && name === "nightly") {
      for (const instance of instances.splice(0)) instance.stop();
      instances.push(...await startInstances());
    }
    rounds.push(await runRound(name));
    const nth = name === "nightly" ? ` ${rounds.length - 2} of ${nightly}` : "";
    console.error(`   ${name} round${nth} of ${size} tenants: ${(rounds.at(-1)!.wallMs / 1000).toFixed(1)} s`);
  }
  console.log(JSON.stringify({ tenants: tenants.map((t) => ({ id: t.id, size: t.size })), rounds }));
} finally {
  for (const instance of instances) instance.stop();
  await world.stop();
  await rm(bundleDir, { recursive: true, force: true });
}

async function runRound(name: Round["name"]): Promise<Round> {
  const invocations: Invocation[] = [];
  const started = performance.now();
  const record = (fn: Invocation["fn"], tenantId: string, start: number, report: InvocationReport) => {
    const { id: _id, ...rest } = report;
    invocations.push({ fn, tenantId, startMs: start - started, ...rest });
  };

  // Dispatch: one invocation for the whole fleet (a function of its own in serverless.yml; here the first instance).
  const dispatched = await instances[0]!.invoke({ fn: "dispatch" });
  record("dispatch", "", started, dispatched);
  if (dispatched.outcome !== `queued ${tenants.length}`) throw new Error(`dispatch: ${dispatched.outcome}, not queued ${tenants.length}`);

  const pollMeter = new RequestMeter();
  const poller = pollMeter.watch(new SQSClient({}));
  let emptyReceives = 0;
  let turn = 0;
  // Fair across the three queues, as three mappings polling at once would be: one message of each in turn.
  const take = async (): Promise<{ provider: CloudProvider; body: string; receipt: string } | undefined> => {
    for (let tries = 0; tries < QUEUES.length; tries++) {
      const provider = QUEUES[turn++ % QUEUES.length]!;
      const out = await poller.send(new ReceiveMessageCommand({ QueueUrl: world.scanQueueUrls[provider], MaxNumberOfMessages: 1, WaitTimeSeconds: 0, VisibilityTimeout: SCAN_QUEUE_VISIBILITY_S }));
      const m = out.Messages?.[0];
      if (m) return { provider, body: m.Body!, receipt: m.ReceiptHandle! };
      emptyReceives++;
    }
    return undefined;
  };
  // Each instance takes the next message when it is free, until the queues are empty; a scan
  // that re-enqueued itself after the others had stopped is taken up in another pass.
  for (let handled = 1; handled > 0;) {
    handled = 0;
    await Promise.all(instances.map(async (instance) => {
      for (let message = await take(); message; message = await take()) {
        handled++;
        const start = performance.now();
        const report = await instance.invoke({ fn: message.provider, body: message.body });
        record(message.provider, (JSON.parse(message.body) as { tenantId: string }).tenantId, start, report);
        if (!report.outcome.startsWith("failed")) {
          await poller.send(new DeleteMessageCommand({ QueueUrl: world.scanQueueUrls[message.provider], ReceiptHandle: message.receipt }));
        }
      }
    }));
  }
  const wallMs = performance.now() - started;
  const polling = pollMeter.take();
  // The empty receives are counted apart: they are the idle polling, not the fleet's messages.
  polling.sqs -= emptyReceives;
  return { name, wallMs, invocations, polling, emptyReceives, feeds: await Promise.all(tenants.map((t) => tenantFeed(world, t.id))) };
}

async function tenantFeed(w: LambdaWorld, id: string): Promise<TenantFeed> {
  const text = await readObjectText(w.s3, w.bucket, latestKey(id));
  if (text === undefined) return { id, scanId: "", findings: 0, tracked: 0, new: 0, errors: 0, providers: [], problems: ["no feed stored"] };
  const feed = JSON.parse(text) as Feed;
  return {
    id,
    scanId: feed.scan.id,
    findings: feed.findings.length,
    tracked: feed.findings.filter((f) => f.state !== undefined).length,
    new: feed.summary.new,
    errors: feed.findings.filter((f) => f.status === "error").length,
    providers: feed.scan.providers.map((p) => `${p.provider}:${p.status}`),
    problems: feed.scan.providers.flatMap((p) => (p.status === "ok" ? [] : [`${p.provider}: ${JSON.stringify(p.errors[0] ?? p.stale?.reason.en).slice(0, 300)}`])),
  };
}

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
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
