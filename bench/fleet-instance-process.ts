/**
 * One Lambda container of the fleet benchmark (bench/fleet-run.ts starts ten): a process of
 * its own, as a container has its own event loop, heap and SDK clients. Ten instances in one
 * process would share one event loop, and each invocation's duration would include the
 * others' work. Takes invocations over IPC (`dispatch`, or a cloud's scan function with one
 * queue message), and answers each with how long it ran, its CPU time, how long its thread
 * ran and waited for a core, the HTTP calls it awaited and how long their answers took
 * (bench/fleet-calls.ts), and the requests it sent to S3, DynamoDB and SQS.
 *   forked by bench/fleet-run.ts with the deployment's environment (test/functions/lambda-world.ts)
 */
import { readFileSync } from "node:fs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import type { CloudProvider } from "../checks/framework.ts";
import { createDispatchHandler } from "../functions/dispatch.ts";
import { lambdaEnvironment } from "../functions/environment.ts";
import { createScanHandler } from "../functions/scan.ts";
import { awsScanner } from "../scan/aws-scanner.ts";
import { googleScanner } from "../scan/google-scanner.ts";
import { microsoftScanner } from "../scan/microsoft-scanner.ts";
import type { ProviderScanner } from "../scan/provider-scanner.ts";
import { lambdaContext, sqsEvent } from "../test/functions/lambda-world.ts";
import { CallClock, type CallTimes } from "./fleet-calls.ts";
import { RequestMeter, type ServiceRequests } from "./fleet-requests.ts";

export interface InvocationRequest {
  id: number;
  fn: "dispatch" | CloudProvider;
  /** The queue message, for a scan function. */
  body?: string;
}

export interface InvocationReport {
  id: number;
  outcome: string;
  /** Wall time of the handler, as Lambda would bill it were the machine otherwise idle. */
  durationMs: number;
  /** User + system CPU of the whole process (the V8 helper threads too) during the invocation. */
  cpuMs: number;
  /**
   * Time the main thread was runnable but waited for a core (the kernel's run-queue delay,
   * /proc/thread-self/schedstat): the share of the duration that other work on the machine
   * took. A Lambda instance has its CPU share to itself, so this is not part of what it bills.
   */
  waitMs: number;
  /** Time the main thread ran (schedstat): with `waitMs`, what of the duration was not spent waiting on I/O. */
  runMs: number;
  /** The HTTP calls it awaited: the customers' APIs and the deployment's own services. */
  callTimes: CallTimes;
  requests: ServiceRequests;
  peakRssMb: number;
}

const SCANNERS: Record<CloudProvider, ProviderScanner<any>> = { aws: awsScanner, microsoft: microsoftScanner, google: googleScanner };

const env = lambdaEnvironment();
const meter = new RequestMeter();
const clock = new CallClock();
const clients = { s3: meter.watch(new S3Client({})), dynamodb: meter.watch(new DynamoDBClient({})), sqs: meter.watch(new SQSClient({})) };
const handlers: Partial<Record<CloudProvider, ReturnType<typeof createScanHandler>>> = {};
const dispatch = createDispatchHandler({ s3: clients.s3, sqs: clients.sqs, bucket: env.bucket, scanQueueUrls: env.scanQueueUrls });

async function invoke(request: InvocationRequest): Promise<string> {
  if (request.fn === "dispatch") {
    const result = await dispatch();
    return `queued ${result.queued.length}${result.skipped.length ? `, skipped ${result.skipped.length}` : ""}`;
  }
  const handler = handlers[request.fn] ??= createScanHandler(SCANNERS[request.fn], {
    ...clients, bucket: env.bucket, table: env.table, scanQueueUrl: env.scanQueueUrls[request.fn],
  });
  const summaries = await handler(sqsEvent(request.body!), lambdaContext(900_000));
  return summaries.map((s) => s.outcome).join(",");
}

/** Nanoseconds the main thread has run and has waited to run; zero where the kernel does not say. */
function schedule(): { runNs: number; waitNs: number } {
  try {
    const [run, wait] = readFileSync("/proc/thread-self/schedstat", "utf8").trim().split(/\s+/).map(Number);
    return { runNs: run ?? 0, waitNs: wait ?? 0 };
  } catch {
    return { runNs: 0, waitNs: 0 };
  }
}

process.on("message", (request: InvocationRequest) => {
  void (async () => {
    const cpu = process.cpuUsage();
    const before = schedule();
    clock.take();
    const start = performance.now();
    let outcome: string;
    try {
      outcome = await invoke(request);
    } catch (err) {
      // As Lambda would: the message stays on the queue for its retry, and the round is not stored.
      outcome = `failed: ${(err as Error).message.slice(0, 200)}`;
    }
    const durationMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const after = schedule();
    const report: InvocationReport = {
      id: request.id,
      outcome,
      durationMs,
      cpuMs: (used.user + used.system) / 1000,
      waitMs: Math.min(durationMs, (after.waitNs - before.waitNs) / 1e6),
      runMs: Math.min(durationMs, (after.runNs - before.runNs) / 1e6),
      callTimes: clock.take(),
      requests: meter.take(),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.send!(report);
  })();
});
process.send!({ ready: schedule().runNs > 0 });
