/**
 * `npm run bench -- aws-moto`: an account the simulator did not write. moto_server holds 300
 * buckets (10% with a public ACL, 10% versioned, 5% with a public policy) and 300 IAM users
 * (half with a console password, a third of those with MFA), all seeded through the AWS SDK; a
 * forwarding proxy adds a fixed latency to every call; the built `cloud15 scan` runs against it
 * as a user runs it. Prints, per latency, the median of 3 runs: wall, peak RSS, calls by
 * operation, the concurrency each AWS service reached, and the CPU time of the scanner and of
 * moto (a single Python process that shares the 2 cores with the scanner: where its CPU time
 * comes near the wall time, moto is what bounds it).
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, PutBucketAclCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateLoginProfileCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, IAMClient } from "@aws-sdk/client-iam";
import PQueue from "p-queue";
import type { Feed } from "../feed/schema.ts";
import { startMoto } from "../test/support/moto.ts";
import { median, runMeasured } from "./child-peak-rss.ts";

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

  const results: Record<string, unknown> = {};
  for (const latencyMs of LATENCIES_MS) {
    const proxy = await latencyProxy(moto.endpoint, latencyMs);
    proxies.push(proxy.server);
    const config = join(data, `config-${latencyMs}.json`);
    writeFileSync(config, JSON.stringify({
      tenants: [{ id: "moto", name: "moto benchmark", aws: { region: REGION, endpoint: proxy.url } }],
    }));
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const motoCpuBefore = cpuSeconds(moto.pid);
      const run = await runMeasured(["bin/cloud15.mjs", "scan", "--config", config, "--data", join(data, `run-${latencyMs}-${i}`)], {
        ...process.env,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      });
      // 0: read everything; 4: moto answers 404 to ListProtectedResources (FIELD-NOTES), an
      // error the feed reports. Anything else means the figures describe a failure.
      if (run.code !== 0 && run.code !== 4) throw new Error(`cloud15 scan exited ${run.code}: ${run.stderr.slice(-800)}`);
      const feed = JSON.parse(readFileSync(join(data, `run-${latencyMs}-${i}`, "moto", "feed.json"), "utf8")) as Feed;
      const aws = feed.scan.providers.find((p) => p.provider === "aws")!;
      runs.push({
        wallMs: run.wallMs, peakRssMb: run.peakRssMb, scannerCpuMs: run.cpuMs, calls: aws.apiCalls, concurrency: aws.concurrency,
        errors: aws.errors.length, motoCpuMs: Math.round((cpuSeconds(moto.pid) - motoCpuBefore) * 1000),
      });
    }
    const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs);
    const mid = byWall[Math.floor(byWall.length / 2)]!;
    const totalCalls = Object.values(mid.calls).reduce((a, b) => a + b, 0);
    const s3Calls = Object.entries(mid.calls)
      .filter(([op]) => op === "ListBuckets" || op.startsWith("GetBucket") || op === "GetPublicAccessBlock")
      .reduce((a, [, n]) => a + n, 0);
    results[`${latencyMs}ms`] = {
      wallMs: median(runs.map((r) => r.wallMs)),
      peakRssMb: median(runs.map((r) => r.peakRssMb)),
      motoCpuMs: median(runs.map((r) => r.motoCpuMs)),
      scannerCpuMs: median(runs.map((r) => r.scannerCpuMs)),
      // Start-up (~0.5 s) included: what one more call costs is a little less.
      scannerCpuMsPerCall: Number((median(runs.map((r) => r.scannerCpuMs)) / totalCalls).toFixed(2)),
      totalCalls,
      s3CallsPerBucket: Number((s3Calls / BUCKETS).toFixed(2)),
      collectionErrors: mid.errors,
      calls: mid.calls,
      concurrency: mid.concurrency,
    };
    console.error(`${latencyMs} ms per call: wall ${median(runs.map((r) => r.wallMs))} ms, peak RSS ${median(runs.map((r) => r.peakRssMb))} MB, ` +
      `${totalCalls} calls, moto CPU ${median(runs.map((r) => r.motoCpuMs))} ms, scanner CPU ${median(runs.map((r) => r.scannerCpuMs))} ms, ` +
      `load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  }
  console.log(JSON.stringify({ buckets: BUCKETS, users: USERS, runs: RUNS, loadAverage: loadavg().map((l) => Number(l.toFixed(2))), ...results }));
} finally {
  for (const server of proxies) server.close();
  await moto.stop();
  rmSync(data, { recursive: true, force: true });
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

/** A forwarding proxy that holds every request `latencyMs` before passing it on. */
async function latencyProxy(target: string, latencyMs: number): Promise<{ server: Server; url: string }> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => setTimeout(() => {
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent }, (up) => {
        res.writeHead(up.statusCode ?? 502, endToEnd(up.headers));
        up.pipe(res);
      });
      out.on("error", (err) => { res.writeHead(502).end(String(err)); });
      out.end(Buffer.concat(chunks));
    }, latencyMs));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the proxy has no port");
  return { server, url: `http://127.0.0.1:${address.port}` };
}

/**
 * A proxy keeps its connections to each side to itself (RFC 9110, 7.6.1): moto's
 * `Connection: close` passed on would make the scanner open a new connection for every
 * call, which AWS does not ask for.
 */
function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const hopByHop = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);
  for (const name of String(headers.connection ?? "").split(",")) hopByHop.add(name.trim().toLowerCase());
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name.toLowerCase())));
}

/** User + system CPU seconds a process has used so far (/proc/PID/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
