/**
 * Packages the Lambda functions with osls (offline, as CI does) and prints, per function, the
 * zip's size, its unzipped size, and how long a fresh Node.js process takes to import the
 * handler: the module-loading part of a cold start. Then, with moto_server for S3, DynamoDB,
 * SQS and SSM and the AWS simulator answering 20 ms late (a regional AWS API from Lambda),
 * times the handlers' invocations for one small company: the run times docs/deploy.md prices.
 * Last line: one JSON object.
 *   node --import tsx bench/lambda-bundles.ts [imports per function, default 15]
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageService, unzipTo } from "../deploy/package-service.ts";
import { apiToken } from "../page/auth.ts";
import { SsmPageSecrets } from "../secrets/ssm-page-secrets.ts";
import { exampleCoAccount } from "../simulator/aws/example-co.ts";
import { startAwsSimulator } from "../simulator/aws/server.ts";
import { lambdaContext, startLambdaWorld } from "../test/functions/lambda-world.ts";
import { latestKey } from "../store/s3-layout.ts";
import { readObjectText } from "../store/s3-objects.ts";
import { motoAvailable } from "../test/support/moto.ts";

const TARGET = { unzippedBytes: 1_000_000, coldImportMs: 150 };
const [runs = 15] = process.argv.slice(2).map(Number);
const run = promisify(execFile);

const out = await mkdtemp(join(tmpdir(), "cloud15-bench-lambda-"));
try {
  const started = performance.now();
  await packageService({ stage: "prod", outDir: out });
  const packageMs = Math.round(performance.now() - started);
  console.error(`osls package: ${packageMs} ms`);

  const functions: Record<string, { zippedBytes: number; unzippedBytes: number; coldImportMs: { median: number; min: number; max: number }; withinTargets: boolean }> = {};
  for (const zip of (await readdir(out)).filter((f) => f.endsWith(".zip")).sort()) {
    const name = zip.slice(0, -".zip".length);
    const bytes = await readFile(join(out, zip));
    const root = join(out, name);
    const entries = await unzipTo(bytes, root);
    // A function's handler file is its name in kebab case (scanAws: functions/scan-aws.mjs).
    const file = `functions/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.mjs`;
    const handler = entries.find((e) => e.name === file);
    if (!handler) throw new Error(`${zip} has no ${file}`);
    const times = await coldImports(join(root, handler.name), runs);
    const unzippedBytes = entries.reduce((sum, e) => sum + e.data.length, 0);
    functions[name] = {
      zippedBytes: bytes.length,
      unzippedBytes,
      coldImportMs: times,
      withinTargets: unzippedBytes <= TARGET.unzippedBytes && times.median <= TARGET.coldImportMs,
    };
    console.error(`${name.padEnd(13)} ${kb(bytes.length).padStart(8)} zipped ${kb(unzippedBytes).padStart(9)} unzipped   import ${String(times.median).padStart(4)} ms median (${times.min}-${times.max}) over ${runs} fresh processes`);
  }
  console.error(`targets: <= ${kb(TARGET.unzippedBytes)} unzipped, <= ${TARGET.coldImportMs} ms import (median)`);
  const invocations = motoAvailable() ? await timeInvocations() : undefined;
  console.log(JSON.stringify({ packageMs, runs, target: TARGET, functions, ...(invocations ? { invocations } : {}) }));
} finally {
  await rm(out, { recursive: true, force: true });
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(0)} kB`;
}

/** Median, min and max of `runs` imports, each in a new process so nothing is cached. */
async function coldImports(file: string, n: number): Promise<{ median: number; min: number; max: number }> {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    times.push(Number(stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return { median: Math.round(times[Math.floor(n / 2)]!), min: Math.round(times[0]!), max: Math.round(times[n - 1]!) };
}

/**
 * Example Co. (10 buckets, 5 users) scanned through its read-only role by the AWS scan
 * handler, end to end: config from S3, checkpoint claim, collection, the round's assembly
 * claim, feed and finding state stored.
 * The first invocation includes what a new container does once (SDK clients, connections).
 */
async function timeInvocations(): Promise<Record<string, number>> {
  // The handlers log JSON lines to stdout; here they go to stderr, so the last line stays the result.
  const log = console.log;
  console.log = console.error;
  const world = await startLambdaWorld();
  const sim = await startAwsSimulator({ account: { ...exampleCoAccount(), requiredExternalId: "bench" }, latencyMs: 20 });
  try {
    await world.uploadConfig({ tenants: [{
      id: "example-co", name: "Example Co.",
      aws: { region: "ap-northeast-1", endpoint: sim.endpoint, roleArn: "arn:aws:iam::123456789012:role/cloud15-readonly", externalId: "bench" },
    }] });
    const [{ handler: dispatch }, { handler: scan }, { handler: feed }] = await Promise.all([
      import("../functions/dispatch.ts"), import("../functions/scan-aws.ts"), import("../functions/feed.ts"),
    ]);
    const time = async (work: () => Promise<unknown>) => {
      const started = performance.now();
      await work();
      return Math.round(performance.now() - started);
    };
    const result: Record<string, number> = {};
    result.dispatchFirst = await time(() => dispatch());
    await world.drainScanQueues();
    // Each scan its own round, as each night's dispatch starts one.
    const round = () => ({ tenantId: "example-co", scanId: randomUUID(), startedAt: new Date().toISOString(), providers: ["aws" as const] });
    result.scanFirst = await time(() => scan(round(), lambdaContext(900_000)));
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push(await time(() => scan(round(), lambdaContext(900_000))));
    result.scanWarmMedian = warm.sort((a, b) => a - b)[2]!;
    // What the bucket holds per scan: the feed, once as the latest and once in the history.
    result.feedBytes = Buffer.byteLength((await readObjectText(world.s3, world.bucket, latestKey("example-co")))!);
    const secret = await new SsmPageSecrets(world.ssm, world.ssmPrefix).ensure("example-co");
    const get = () => feed({
      rawPath: "/api/tenants/example-co/feed", headers: { authorization: `Bearer ${apiToken(secret, "example-co")}` },
      requestContext: { http: { method: "GET" } },
    } as never);
    result.feedFirst = await time(get);
    result.feedWarm = await time(get);
    console.error(`invocations: ${Object.entries(result).map(([k, v]) => `${k} ${v}`).join(", ")} (ms; feedBytes in bytes)`);
    return result;
  } finally {
    await sim.stop();
    await world.stop();
    console.log = log;
  }
}
