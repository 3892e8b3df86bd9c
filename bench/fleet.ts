/**
 * `npm run bench -- fleet`: how the cost of the deployment grows with the fleet. Simulated
 * customers (bench/fleet-tenants-process.ts: most tiny, every tenth large with 500 buckets,
 * 300 IAM users, 500 Microsoft 365 users and 2,000 files) are scanned by one nightly round of `dispatch`
 * and the scan functions against moto's S3, DynamoDB and SQS (bench/fleet-run.ts), at 10, 50
 * and 100 tenants, each size in a fresh process and a fresh moto. Prints wall, the slowest
 * tenant, Lambda GB-seconds (memory from serverless.yml × duration), requests per tenant and
 * the monthly cost per tenant at Tokyo list prices, and whether each per-tenant figure stays
 * flat (±10%) from 10 to 100 tenants. Last line: one JSON object.
 *   node --import tsx bench/fleet.ts [sizes, default 10,50,100] [latencyMs, default 20]
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Invocation } from "./fleet-run.ts";
import { emptyRequests, type ServiceRequests } from "./fleet-requests.ts";

/**
 * AWS list prices in Asia Pacific (Tokyo), ap-northeast-1, on-demand, without the free tier, as
 * published on aws.amazon.com/lambda/pricing, /s3/pricing, /dynamodb/pricing/on-demand and
 * /sqs/pricing (DynamoDB after its on-demand price cut of 2024-11-01). Written down 2026-12-04
 * from those pages' last published figures; check them before quoting a customer.
 */
export const TOKYO_PRICES_USD = {
  lambdaGbSecondX86: 0.0000166667,
  lambdaGbSecondArm: 0.0000133334,
  lambdaPerMillionRequests: 0.20,
  s3PerThousandPut: 0.0047,
  s3PerThousandGet: 0.00037,
  dynamoPerMillionWru: 0.715,
  dynamoPerMillionRru: 0.1425,
  sqsPerMillionRequests: 0.40,
} as const;

const args = process.argv.slice(2);
const sizes = (args[0] ?? "10,50,100").split(",").map(Number);
const latencyMs = Number(args[1] ?? 20);
const largest = Math.max(...sizes);

const serverless = await readFile(new URL("../serverless.yml", import.meta.url), "utf8");
const memoryMb = { dispatch: functionMemoryMb(serverless, "dispatch"), aws: functionMemoryMb(serverless, "scanAws"), microsoft: functionMemoryMb(serverless, "scanMicrosoft"), google: functionMemoryMb(serverless, "scanGoogle") };
const arm = /^\s+architecture:\s*arm64\s*$/m.test(serverless);
const scansPerMonth = monthlyRuns(/^\s+scanSchedule:\s*(.+)$/m.exec(serverless)?.[1]?.trim() ?? "");

const tenantsProcess = spawn(process.execPath, ["--import", "tsx", new URL("./fleet-tenants-process.ts", import.meta.url).pathname, String(largest), String(latencyMs)],
  { stdio: ["ignore", "pipe", "inherit"] });
const fleetLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: tenantsProcess.stdout! }).once("line", resolve);
  tenantsProcess.once("exit", (code) => reject(new Error(`the fleet's simulators exited with ${code}`)));
});
const dir = await mkdtemp(join(tmpdir(), "cloud15-fleet-"));

try {
  const caFile = join(dir, "microsoft-simulators-ca.pem");
  await writeFile(caFile, (JSON.parse(fleetLine) as { certificates: string[] }).certificates.join("\n"));
  const runs: ReturnType<typeof summarise>[] = [];
  for (const size of sizes) {
    console.error(`== fleet of ${size} tenants`);
    runs.push(summarise(size, await runFleet(size, fleetLine, caFile)));
    console.error(describe(runs.at(-1)!));
  }
  const base = runs[0]!;
  const flat = (pick: (r: (typeof runs)[number]) => number) =>
    runs.map((r) => Number((pick(r) / pick(base)).toFixed(3)));
  const growth = {
    costPerTenant: flat((r) => r.perTenant.monthlyCostUsd),
    gbSecondsPerTenant: flat((r) => r.perTenant.gbSeconds),
    cpuSecondsPerTenant: flat((r) => r.perTenant.cpuSeconds),
    s3PerTenant: flat((r) => r.perTenant.s3Put + r.perTenant.s3Get),
    dynamoPerTenant: flat((r) => r.perTenant.dynamoWru + r.perTenant.dynamoRru),
    sqsPerTenant: flat((r) => r.perTenant.sqs),
  };
  const within = (ratios: number[]) => ratios.every((x) => x >= 0.9 && x <= 1.1);
  // The same tenants (the first of every fleet) take as long in the largest fleet as in the smallest: none waits on another's round.
  const sameTenants = base.tenantScanMs.map((ms, i) => runs.at(-1)!.tenantScanMs[i]! / ms);
  const roundsIndependent = runs.every((r) => r.busy === 0 && r.unfinished === 0);
  for (const r of runs) console.error(describe(r));
  console.error(`per tenant at ${sizes.join(" / ")} tenants, relative to ${sizes[0]}: cost ${growth.costPerTenant.join(" / ")}`);
  console.log(JSON.stringify({
    latencyMs,
    instances: 10,
    prices: { region: "ap-northeast-1", architecture: arm ? "arm64" : "x86_64", scansPerMonth, usd: TOKYO_PRICES_USD },
    memoryMb,
    runs,
    growth,
    costPerTenantFlat: within(growth.costPerTenant),
    requestsPerTenantFlat: within(growth.s3PerTenant) && within(growth.dynamoPerTenant) && within(growth.sqsPerTenant),
    sameTenantScanRatio: { median: Number(median(sameTenants).toFixed(2)), max: Number(Math.max(...sameTenants).toFixed(2)) },
    roundsIndependent,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  }));
} finally {
  tenantsProcess.kill("SIGTERM");
  await rm(dir, { recursive: true, force: true });
}

async function runFleet(size: number, fleet: string, caFile: string): Promise<{ wallMs: number; cpuMs: number; invocations: Invocation[]; polling: ServiceRequests; tenants: { id: string; size: string }[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./fleet-run.ts", import.meta.url).pathname, String(size)], {
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  child.stdin.end(fleet);
  let out = "";
  child.stdout.on("data", (d: Buffer) => { out += String(d); });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const last = out.trim().split("\n").at(-1) ?? "";
  if (code !== 0) throw new Error(`the fleet of ${size} failed (exit ${code}): ${last.slice(0, 300)}`);
  return JSON.parse(last);
}

function summarise(size: number, run: Awaited<ReturnType<typeof runFleet>>) {
  const gbSeconds = run.invocations.reduce((n, i) => n + (i.durationMs / 1000) * (memoryMb[i.fn] / 1024), 0);
  const total = run.invocations.reduce((sum, i) => add(sum, i.requests), add(emptyRequests(), run.polling));
  const lambdaRequests = run.invocations.length;
  const prices = TOKYO_PRICES_USD;
  const perScanUsd = gbSeconds * (arm ? prices.lambdaGbSecondArm : prices.lambdaGbSecondX86)
    + lambdaRequests * prices.lambdaPerMillionRequests / 1e6
    + total.s3Put * prices.s3PerThousandPut / 1e3 + total.s3Get * prices.s3PerThousandGet / 1e3
    + total.dynamoWru * prices.dynamoPerMillionWru / 1e6 + total.dynamoRru * prices.dynamoPerMillionRru / 1e6
    + total.sqs * prices.sqsPerMillionRequests / 1e6;
  const byTenant = new Map<string, number>();
  for (const i of run.invocations) if (i.tenantId) byTenant.set(i.tenantId, (byTenant.get(i.tenantId) ?? 0) + i.durationMs);
  const tenantScanMs = run.tenants.map((t) => Math.round(byTenant.get(t.id) ?? 0));
  const slowest = run.tenants.reduce((a, t, i) => (tenantScanMs[i]! > tenantScanMs[a]! ? i : a), 0);
  const stored = new Set(run.invocations.filter((i) => i.outcome.includes("stored")).map((i) => i.tenantId));
  const per = (n: number) => Number((n / size).toFixed(3));
  return {
    tenants: size,
    wallMs: Math.round(run.wallMs),
    invocations: lambdaRequests,
    gbSeconds: Number(gbSeconds.toFixed(1)),
    cpuSeconds: Number((run.cpuMs / 1000).toFixed(1)),
    slowestTenant: { id: run.tenants[slowest]!.id, size: run.tenants[slowest]!.size, scanMs: tenantScanMs[slowest]! },
    tenantScanMs,
    requests: { s3Put: total.s3Put, s3Get: total.s3Get, dynamoWru: total.dynamoWru, dynamoRru: total.dynamoRru, sqs: total.sqs, lambda: lambdaRequests },
    perTenant: {
      gbSeconds: per(gbSeconds), cpuSeconds: per(run.cpuMs / 1000), s3Put: per(total.s3Put), s3Get: per(total.s3Get), dynamoWru: per(total.dynamoWru), dynamoRru: per(total.dynamoRru), sqs: per(total.sqs),
      monthlyCostUsd: Number((perScanUsd * scansPerMonth / size).toFixed(5)),
    },
    busy: run.invocations.filter((i) => /busy|superseded|dropped/.test(i.outcome)).length,
    unfinished: run.tenants.filter((t) => !stored.has(t.id)).length,
  };
}

function describe(r: ReturnType<typeof summarise>): string {
  return `${String(r.tenants).padStart(3)} tenants: wall ${(r.wallMs / 1000).toFixed(1)} s, slowest tenant ${r.slowestTenant.id} (${r.slowestTenant.size}) ${(r.slowestTenant.scanMs / 1000).toFixed(1)} s, ${r.gbSeconds.toFixed(0)} GB-s; per tenant: ${r.perTenant.gbSeconds.toFixed(2)} GB-s, S3 ${r.perTenant.s3Put.toFixed(1)} PUT + ${r.perTenant.s3Get.toFixed(1)} GET, DynamoDB ${r.perTenant.dynamoWru.toFixed(1)} WRU + ${r.perTenant.dynamoRru.toFixed(1)} RRU, SQS ${r.perTenant.sqs.toFixed(1)}, $${r.perTenant.monthlyCostUsd.toFixed(4)} a month (load ${loadavg()[0]!.toFixed(1)})`;
}

function add(a: ServiceRequests, b: ServiceRequests): ServiceRequests {
  const operations = { ...a.operations };
  for (const [op, n] of Object.entries(b.operations)) operations[op] = (operations[op] ?? 0) + n;
  return { s3Put: a.s3Put + b.s3Put, s3Get: a.s3Get + b.s3Get, dynamoWru: a.dynamoWru + b.dynamoWru, dynamoRru: a.dynamoRru + b.dynamoRru, sqs: a.sqs + b.sqs, operations };
}

/** A function's `memorySize` in serverless.yml, or the provider's default. */
function functionMemoryMb(yaml: string, name: string): number {
  const block = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`, "m").exec(yaml)?.[1];
  if (block === undefined) throw new Error(`serverless.yml has no function ${name}`);
  const own = /^    memorySize:\s*(\d+)/m.exec(block)?.[1];
  const provider = /^provider:\n(?:  .*\n)*?  memorySize:\s*(\d+)/m.exec(yaml)?.[1];
  if (own === undefined && provider === undefined) throw new Error(`no memorySize for ${name} in serverless.yml`);
  return Number(own ?? provider);
}

/** Scan rounds a month from the schedule: daily cron or a rate. */
function monthlyRuns(schedule: string): number {
  const daysInMonth = 365 / 12;
  if (/^cron\(\d+ \d+ \* \* \? \*\)$/.test(schedule)) return daysInMonth;
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(schedule);
  if (rate) return daysInMonth * ({ minute: 1440, hour: 24, day: 1 }[rate[2] as "minute" | "hour" | "day"] / Number(rate[1]));
  throw new Error(`cannot tell how often "${schedule}" runs`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
}
