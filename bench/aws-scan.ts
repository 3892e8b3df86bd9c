/**
 * Scans a simulated account of 1,000 buckets and 1,000 IAM users with 20 ms per call and
 * prints what it cost. Last line: one JSON object (see README, "Benchmarks").
 *   npm run bench            defaults
 *   npm run bench -- 200 200 sizes can be given: buckets users [cap on each service's concurrency]
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { AWS_CHECKS } from "../checks/aws/index.ts";
import { DEFAULT_POLICY, runCheck } from "../checks/framework.ts";
import { serviceFamily } from "../providers/aws/caller.ts";
import { collectAwsFacts } from "../providers/aws/collect.ts";
import type { AwsOperation } from "../providers/aws/permissions.ts";
import type { Fact } from "../providers/fact.ts";

const LATENCY_MS = 20;
const [buckets = 1000, users = 1000, concurrency] = process.argv.slice(2).map(Number);

const child = spawn(process.execPath, ["--import", "tsx", new URL("./simulator-process.ts", import.meta.url).pathname,
  String(buckets), String(users), String(LATENCY_MS)], { stdio: ["ignore", "pipe", "inherit"] });
const firstLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once("line", resolve);
  child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
});
const { endpoint } = JSON.parse(firstLine) as { endpoint: string };

try {
  const started = performance.now();
  const collection = await collectAwsFacts({ region: "ap-northeast-1", endpoint }, "bench", {
    credentials: { accessKeyId: "SIMULATOR", secretAccessKey: "SIMULATOR" },
    ...(concurrency ? { concurrency } : {}),
    onProgress: (e) => {
      if (e.total >= 100 && e.done % Math.ceil(e.total / 4) === 0) console.error(`  ${e.step}: ${e.done}/${e.total}`);
    },
  });
  const ctx = {
    tenantId: "bench",
    tenantResource: { uid: "arn:aws:iam::000000000000:root", name: "bench", type: "AWS::Account" },
    now: new Date(),
    policy: DEFAULT_POLICY,
  };
  const results = AWS_CHECKS.flatMap((c) => runCheck(c, collection.facts, ctx));
  const wallMs = Math.round(performance.now() - started);

  const calls = collection.apiCalls;
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const s3Calls = Object.entries(calls).filter(([op]) => op.startsWith("GetBucket") || op === "ListBuckets").reduce((a, [, n]) => a + n, 0);
  const errors = collection.errors.length;
  // Each family's calls at its highest limit, the slowest family bounding the whole.
  const byFamily: Record<string, number> = {};
  for (const [op, n] of Object.entries(calls)) byFamily[serviceFamily(op as AwsOperation)] = (byFamily[serviceFamily(op as AwsOperation)] ?? 0) + n;
  const lowerBoundMs = Math.round(Math.max(...Object.entries(byFamily).map(([f, n]) => (n * LATENCY_MS) / (collection.limits[f]?.highest ?? 1))));
  console.error(`scanned ${buckets} buckets and ${users} users: ${results.length} results, ${errors} collection errors`);
  console.error(`${total} calls in ${wallMs} ms; lower bound ${lowerBoundMs} ms at ${JSON.stringify(collection.limits)} (${(wallMs / lowerBoundMs).toFixed(2)}x)`);
  console.log(JSON.stringify({
    calls,
    callsPerBucket: Number((s3Calls / buckets).toFixed(2)),
    callsForUserMfa: (calls.GenerateCredentialReport ?? 0) + (calls.GetCredentialReport ?? 0),
    // One CloudTrail listing plus status and selectors per multi-region trail; one Macie call per
    // region holding buckets, one Access Analyzer call per region in use.
    securityFeatureCalls: {
      cloudTrail: (calls.DescribeTrails ?? 0) + (calls.GetTrailStatus ?? 0) + (calls.GetEventSelectors ?? 0),
      maciePerRegion: Number(((calls.GetMacieSession ?? 0) / regionsOf(collection.facts.macie)).toFixed(2)),
      accessAnalyzerPerRegion: Number(((calls.ListAnalyzers ?? 0) / regionsOf(collection.facts.accessAnalyzers)).toFixed(2)),
      accountWide: (calls.GetAlternateContact ?? 0) + (calls.DescribeSeverityLevels ?? 0),
    },
    wallMs,
    lowerBoundMs,
    concurrency: collection.limits,
    collectionErrors: errors,
    scannerCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} finally {
  child.kill("SIGTERM");
}

function regionsOf(perRegion: Fact<Record<string, unknown>>): number {
  return perRegion.ok ? Math.max(1, Object.keys(perRegion.value).length) : 1;
}
