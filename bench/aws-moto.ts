/**
 * `npm run bench -- aws-moto`: an account the simulator did not write. moto_server holds 300
 * buckets (10% with a public ACL, 10% versioned, 5% with a public policy) and 300 IAM users
 * (half with a console password, a third of those with MFA), all seeded through the AWS SDK; a
 * forwarding proxy adds a fixed latency to every call; the built `cloud15 scan` runs against it
 * as a user runs it. Prints, per latency, the median of 3 runs: wall, peak RSS, calls by
 * operation, the concurrency each AWS service reached, and the CPU time of the scanner and of
 * moto (a single Python process that shares the 2 cores with the scanner: where its CPU time
 * comes near the wall time, moto is what bounds it).
 *
 * `motoFloorMs` is that bound, measured: moto's CPU for the scan's calls, the scan sent straight
 * to it at the scanner's own limits and again at 4 in flight, the lower of the two. moto serves
 * every request on a new thread of one Python process and closes every connection, so its CPU
 * per call (3–5 ms for a bucket read, ~30 ms for a ListBuckets of 300) does not depend on how many
 * calls are in flight; no scanner finishes this account faster than moto can answer it. Real S3
 * answers 64 in flight in parallel: the scanner's limits are set for AWS, not for moto.
 *
 * The latency proxy (latency-proxy.ts) is a third process on the same 2 cores (this one): it opens
 * a connection to moto for every call, since moto closes each, and forwards raw HTTP/1.1 with as
 * little work per call as it can (a real network's latency costs no one's CPU);
 * `proxyCpuMs` is its CPU, and `cpuFloorMs` counts it with the scanner's and moto's. moto's CPU
 * for the same calls grows when it shares a core
 * (a scan with moto pinned to a core of its own: 5.0–5.2 s; on the scanner's core: 5.5–5.8 s).
 * The floor is measured with two processes on the 2 cores, a scan through the proxy has three:
 * on a quiet machine moto spends more in the scans than its floor; on a busy one both are alike.
 * It is not the connections: moto (werkzeug) closes every one after its answer, so each call is
 * a new connection and thread in moto whoever sends it, and the same scan sent straight to moto
 * and through the proxy, one after the other, costs moto the same within a few per cent.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, PutBucketAclCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateLoginProfileCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from "@aws-sdk/client-iam";
import PQueue from "p-queue";
import type { Feed } from "../feed/schema.ts";
import { startMoto } from "../test/support/moto.ts";
import { median, runMeasured, type MeasuredRun } from "./child-peak-rss.ts";
import { startLatencyProxy } from "./latency-proxy.ts";

const BUCKETS = 300;
const USERS = 300;
const LATENCIES_MS = [20, 100];
const RUNS = 3;
const REGION = "ap-northeast-1";
const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };

const moto = await startMoto();
const proxies: Server[] = [];
const data = mkdtempSync(join(tmpdir(), "cloud15-bench-moto-"));
try {
  console.error(`seeding ${BUCKETS} buckets and ${USERS} users into moto_server`);
  await seed(moto.endpoint);
  // moto's first scan also loads its EC2 models and builds a backend for each region (seconds
  // of CPU, once): done before anything is measured, so every run measures the same work.
  await scan(join(data, "config-warm-up.json"), moto.endpoint, join(data, "warm-up"));
  const floor = await motoFloor(moto.pid, moto.endpoint);
  console.error(`moto's floor: ${floor.motoFloorMs} ms of moto CPU for the scan's calls ` +
    `(${Object.entries(floor.motoCpuMsByInFlight).map(([k, v]) => `${v} ms at ${k}`).join(", ")}), load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  const results: Record<string, unknown> = {};
  for (const latencyMs of LATENCIES_MS) {
    const proxy = await startLatencyProxy(moto.endpoint, latencyMs);
    proxies.push(proxy.server);
    const config = join(data, `config-${latencyMs}.json`);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const motoCpuBefore = cpuSeconds(moto.pid);
      // The proxy runs in this process, which does little else meanwhile (reads the scanner's output).
      const proxyCpuBefore = process.cpuUsage();
      const { run, feed } = await scan(config, proxy.url, join(data, `run-${latencyMs}-${i}`));
      const proxyCpu = process.cpuUsage(proxyCpuBefore);
      const aws = feed.scan.providers.find((p) => p.provider === "aws")!;
      runs.push({
        wallMs: run.wallMs, peakRssMb: run.peakRssMb, scannerCpuMs: run.cpuMs, calls: aws.apiCalls, concurrency: aws.concurrency,
        errors: aws.errors.length, motoCpuMs: Math.round((cpuSeconds(moto.pid) - motoCpuBefore) * 1000),
        proxyCpuMs: Math.round((proxyCpu.user + proxyCpu.system) / 1000),
      });
    }
    const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
    const mid = byWall[Math.floor(byWall.length / 2)]!;
    const totalCalls = Object.values(mid.calls).reduce((a, b) => a + b, 0);
    const s3Calls = Object.entries(mid.calls)
      .filter(([op]) => op === "ListBuckets" || op.startsWith("GetBucket") || op === "GetPublicAccessBlock")
      .reduce((a, [, n]) => a + n, 0);
    const motoCpuMs = median(runs.map((r) => r.motoCpuMs));
    const scannerCpuMs = median(runs.map((r) => r.scannerCpuMs));
    const proxyCpuMs = median(runs.map((r) => r.proxyCpuMs));
    results[`${latencyMs}ms`] = {
      wallMs: median(runs.map((r) => r.wallMs)),
      motoFloorMs: floor.motoFloorMs,
      // The three processes' CPU on the 2 cores, were none ever waiting: a wall no scan beats here.
      cpuFloorMs: Math.max(floor.motoFloorMs, Math.round((motoCpuMs + scannerCpuMs + proxyCpuMs) / 2)),
      peakRssMb: median(runs.map((r) => r.peakRssMb)),
      motoCpuMs,
      scannerCpuMs,
      proxyCpuMs,
      // Start-up (~0.5 s) included: what one more call costs is a little less.
      scannerCpuMsPerCall: Number((median(runs.map((r) => r.scannerCpuMs)) / totalCalls).toFixed(2)),
      totalCalls,
      s3CallsPerBucket: Number((s3Calls / BUCKETS).toFixed(2)),
      collectionErrors: mid.errors,
      calls: mid.calls,
      concurrency: mid.concurrency,
    };
    console.error(`${latencyMs} ms per call: wall ${median(runs.map((r) => r.wallMs))} ms (moto's floor ${floor.motoFloorMs} ms), peak RSS ${median(runs.map((r) => r.peakRssMb))} MB, ` +
      `${totalCalls} calls, moto CPU ${motoCpuMs} ms, scanner CPU ${scannerCpuMs} ms, proxy CPU ${proxyCpuMs} ms, ` +
      `load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  }
  console.log(JSON.stringify({ buckets: BUCKETS, users: USERS, runs: RUNS, loadAverage: loadavg().map((l) => Number(l.toFixed(2))), ...floor, ...results }));
} finally {
  for (const server of proxies) server.close();
  await moto.stop();
  rmSync(data, { recursive: true, force: true });
}

/** One `cloud15 scan` of the moto account at `endpoint`, as a user runs it, and the feed it wrote. */
async function scan(config: string, endpoint: string, dataDir: string, extraArgs: string[] = []): Promise<{ run: MeasuredRun; feed: Feed }> {
  writeFileSync(config, JSON.stringify({ tenants: [{ id: "moto", name: "moto benchmark", aws: { region: REGION, endpoint } }] }));
  const run = await runMeasured(["bin/cloud15.mjs", "scan", "--config", config, "--data", dataDir, ...extraArgs], {
    ...process.env,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
  });
  // 0: read everything; 4: moto answers 404 to ListProtectedResources (FIELD-NOTES), an
  // error the feed reports. Anything else means the figures describe a failure.
  if (run.code !== 0 && run.code !== 4) throw new Error(`cloud15 scan exited ${run.code}: ${run.stderr.slice(-800)}`);
  return { run, feed: JSON.parse(readFileSync(join(dataDir, "moto", "feed.json"), "utf8")) as Feed };
}

/**
 * moto's CPU for one scan's calls, the scan sent straight to moto (no latency: only moto's work
 * is counted) at the scanner's own limits and at 4 in flight; the floor is the lower.
 */
async function motoFloor(pid: number, endpoint: string): Promise<{ motoFloorMs: number; motoCpuMsByInFlight: Record<string, number> }> {
  const motoCpuMsByInFlight: Record<string, number> = {};
  for (const [label, args] of [["scanner's limits", []], ["4 in flight", ["--concurrency", "4"]]] as const) {
    const before = cpuSeconds(pid);
    await scan(join(data, "config-floor.json"), endpoint, join(data, `floor-${Object.keys(motoCpuMsByInFlight).length}`), [...args]);
    motoCpuMsByInFlight[label] = Math.round((cpuSeconds(pid) - before) * 1000);
  }
  return { motoFloorMs: Math.min(...Object.values(motoCpuMsByInFlight)), motoCpuMsByInFlight };
}

async function seed(endpoint: string): Promise<void> {
  const s3 = new S3Client({ endpoint, region: REGION, credentials: CREDENTIALS, forcePathStyle: true });
  const iam = new IAMClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  const queue = new PQueue({ concurrency: 16 });
  const limit = <T>(task: () => Promise<T>) => queue.add(task);
  await Promise.all(Array.from({ length: BUCKETS }, (_, i) => limit(async () => {
    const Bucket = `bench-${String(i).padStart(3, "0")}`;
    await s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
    if (i % 10 === 0) await s3.send(new PutBucketAclCommand({ Bucket, ACL: "public-read" }));
    if (i % 10 === 1) await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: "Enabled" } }));
    if (i % 20 === 2) {
      await s3.send(new PutBucketPolicyCommand({
        Bucket,
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${Bucket}/*` }] }),
      }));
    }
  })));
  await Promise.all(Array.from({ length: USERS }, (_, i) => limit(async () => {
    const UserName = `user-${String(i).padStart(3, "0")}`;
    await iam.send(new CreateUserCommand({ UserName }));
    if (i % 2 !== 0) return;
    await iam.send(new CreateLoginProfileCommand({ UserName, Password: "Bench-password-1234" }));
    if (i % 6 !== 0) return;
    const device = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: UserName }));
    await iam.send(new EnableMFADeviceCommand({
      UserName, SerialNumber: device.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: "123456", AuthenticationCode2: "654321",
    }));
  })));
}

/** User + system CPU seconds a process has used so far (/proc/PID/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
