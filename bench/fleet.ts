/**
 * `npm run bench -- fleet`: how the cost of the deployment grows with the fleet. Simulated
 * customers (bench/fleet-tenants-process.ts: a pattern of ten repeated, every tenth large with
 * 500 buckets, 300 IAM users, 500 Microsoft 365 users and 2,000 files, two in ten with
 * Microsoft 365 and/or Google Workspace, the rest tiny, so 10, 50 and 100 tenants are the same
 * mix) are scanned against moto's S3, DynamoDB and SQS (bench/fleet-run.ts) by `dispatch` and
 * the scan functions, ten instances at a time, each a process of its own: the tenants' first
 * round, their second, then nightly ones, which is what a month is made of, as many as make
 * 100 tenant scans (`TENANT_NIGHTS`): a size's nightly figures are the mean of its nightly
 * rounds, each of which is printed too. Each size runs in a fresh
 * process and a fresh moto. Prints wall, the slowest tenant, Lambda GB-seconds (memory from
 * serverless.yml × duration), requests per tenant, the monthly cost per tenant at Tokyo list
 * prices, the fixed monthly cost of idle queue polling, and whether each per-tenant figure
 * stays flat (max/min ≤ 1.1) from 10 to 100 tenants. The cost target is judged on a modelled
 * duration (own CPU at Lambda's share, plus the longest chain of calls each awaited in turn,
 * every call answered in `latencyMs`, plus time idle on timers; see `modelledParts`), because
 * on this 2-core machine the customers' simulators and moto slow down as the fleet grows and
 * real clouds do not; the measured durations are printed beside it, and the modelled one in
 * its parts. Last line: one JSON object, with `targets` as bench/all.ts.
 *   node --import tsx bench/fleet.ts [sizes, default 10,50,100] [latencyMs, default 20]
 *   CLOUD15_FLEET_DUMP=/tmp/fleet also writes every invocation of each size to /tmp/fleet-<size>.json.
 *   CLOUD15_FLEET_COLD_NIGHTS=1 runs every nightly round on fresh function instances (bench/fleet-run.ts);
 *   CLOUD15_FLEET_EXEC_ARGV="--no-opt" gives every function instance those Node/V8 flags.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Invocation, Round } from "./fleet-run.ts";
import { microsoftSimulatorCertificate } from "../simulator/microsoft/server.ts";
import { emptyRequests, type ServiceRequests } from "./fleet-requests.ts";
import { meanRound } from "./fleet-mean.ts";
import type { FleetTenant } from "./fleet-tenants-process.ts";

/**
 * AWS list prices in Asia Pacific (Tokyo), ap-northeast-1, on demand, without the free tier,
 * as published on aws.amazon.com/lambda/pricing, /s3/pricing, /dynamodb/pricing/on-demand
 * and /sqs/pricing (DynamoDB after its on-demand price cut of 2024-11-01). AWS's own pricing
 * pages in the stored corpora render their regional tables client-side, so no stored AWS page
 * shows a Tokyo figure. Checked 2026-12-05 instead against AWS Price List API extracts kept in
 * public repositories (the `search` tool's code corpus), by Tokyo usage type:
 * - Lambda: `APN1-Lambda-GB-Second` $0.0000166667 (first tier), `-ARM` $0.0000133334,
 *   `APN1-Request` $0.0000002 (a Price List API query dated 2026-07-20, effective 2026-07-01).
 *   Duration is billed per 1 ms, init code included.
 * - DynamoDB on demand: `APN1-WriteRequestUnits` $0.000000715, `APN1-ReadRequestUnits`
 *   $0.0000001425 (half the pre-2024-11 Tokyo price, as the cut says).
 * - S3: `APN1-Requests-Tier1` $0.0000047 (PUT/COPY/POST/LIST; a Tokyo cost-and-usage line
 *   reads "$0.0047 per 1,000 PUT, COPY, POST, or LIST requests"), `APN1-Requests-Tier2`
 *   $0.00000037 (GET).
 * - SQS standard: `APN1-Requests-Tier1` $0.0000004, first million a month free.
 * These are third parties' copies of AWS's price list, not AWS's page: check the live pages
 * before quoting a customer.
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

/**
 * An SQS event source mapping long-polls its queue while it is idle, with five pollers when
 * `maximumConcurrency` is set (AWS Lambda docs, "Configuring scaling behavior for SQS event
 * source mappings": the optimisation down to two is not available with maximum concurrency),
 * each ReceiveMessage waiting up to 20 s: a fixed cost of the deployment, whatever the fleet.
 */
const IDLE_POLLERS = 5;
/** Processes serving the customers' simulators: more than one, so no single event loop answers every large tenant. */
const TENANT_PROCESSES = 4;
const LONG_POLL_SECONDS = 20;
/** Lambda gives a function one vCPU's worth of CPU at 1,769 MB, less in proportion below (AWS Lambda docs, "Configuring Lambda function memory"). */
const ONE_VCPU_MB = 1769;

const args = process.argv.slice(2);
const sizes = (args[0] ?? "10,50,100").split(",").map(Number);
const latencyMs = Number(args[1] ?? 20);
const largest = Math.max(...sizes);

const serverless = await readFile(new URL("../serverless.yml", import.meta.url), "utf8");
const memoryMb = { dispatch: functionMemoryMb(serverless, "dispatch"), aws: functionMemoryMb(serverless, "scanAws"), microsoft: functionMemoryMb(serverless, "scanMicrosoft"), google: functionMemoryMb(serverless, "scanGoogle") };
const arm = /^\s+architecture:\s*arm64\s*$/m.test(serverless);
const scansPerMonth = monthlyRuns(/^\s+scanSchedule:\s*(.+)$/m.exec(serverless)?.[1]?.trim() ?? "");
const mappings = (serverless.match(/^\s+batchSize:\s*\d+\s*$/gm) ?? []).length;
const prices = TOKYO_PRICES_USD;
const gbSecondUsd = arm ? prices.lambdaGbSecondArm : prices.lambdaGbSecondX86;

// The customers' simulators, in several processes (see bench/fleet-tenants-process.ts), all presenting one certificate.
const certificate = microsoftSimulatorCertificate();
const tenantsProcesses = Array.from({ length: TENANT_PROCESSES }, (_, part) => spawn(process.execPath,
  ["--import", "tsx", new URL("./fleet-tenants-process.ts", import.meta.url).pathname, String(largest), String(latencyMs), String(part), String(TENANT_PROCESSES)],
  { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, CLOUD15_FLEET_CERTIFICATE: JSON.stringify({ certPem: certificate.certPem, keyPem: certificate.keyPem }) } }));
const parts = await Promise.all(tenantsProcesses.map((child) => new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once("line", resolve);
  child.once("exit", (code) => reject(new Error(`the fleet's simulators exited with ${code}`)));
})));
const fleetLine = JSON.stringify({
  tenants: parts.flatMap((line) => (JSON.parse(line) as { tenants: FleetTenant[] }).tenants).sort((a, b) => a.id.localeCompare(b.id)),
});
const dir = await mkdtemp(join(tmpdir(), "cloud15-fleet-"));

try {
  const caFile = join(dir, "microsoft-simulators-ca.pem");
  await writeFile(caFile, certificate.certPem);
  const runs: ReturnType<typeof summarise>[] = [];
  for (const size of sizes) {
    console.error(`== fleet of ${size} tenants`);
    const run = await runFleet(size, fleetLine, caFile);
    if (process.env.CLOUD15_FLEET_DUMP) await writeFile(`${process.env.CLOUD15_FLEET_DUMP}-${size}.json`, JSON.stringify(run));
    runs.push(summarise(size, run));
    for (const round of Object.values(runs.at(-1)!.rounds)) console.error(describe(size, round));
    console.error(`     the nightly figure is the mean of ${runs.at(-1)!.nightlyMonthlyCostUsd.length} rounds: $${runs.at(-1)!.nightlyMonthlyCostUsd.map((v) => v.toFixed(5)).join(", $")} a tenant-month; CPU ${runs.at(-1)!.nightlyCpuSeconds.map((v) => v.toFixed(2)).join(", ")} s a tenant`);
  }
  const nightly = runs.map((r) => r.rounds.nightly);
  const spread = (pick: (r: RoundFigures) => number) => {
    const values = nightly.map(pick);
    return { values, maxOverMin: Number((Math.max(...values) / Math.min(...values)).toFixed(3)) };
  };
  // Flat: the largest per-tenant figure at most 10% above the smallest, across every fleet size.
  const flat = (s: { maxOverMin: number }) => Number.isFinite(s.maxOverMin) && s.maxOverMin <= 1.1;
  const perTenant = {
    monthlyCostUsd: spread((r) => r.perTenant.monthlyCostUsd),
    monthlyCostUsdMeasured: spread((r) => r.perTenant.monthlyCostUsdMeasured),
    monthlyCostUsdWallBased: spread((r) => r.perTenant.monthlyCostUsdWallBased),
    gbSecondsModelled: spread((r) => r.perTenant.gbSecondsModelled),
    gbSecondsEarlierModel: spread((r) => r.perTenant.modelledParts.earlierModel),
    gbSeconds: spread((r) => r.perTenant.gbSeconds),
    cpuSeconds: spread((r) => r.perTenant.cpuSeconds),
    s3Requests: spread((r) => r.perTenant.s3Put + r.perTenant.s3Get),
    dynamoUnits: spread((r) => r.perTenant.dynamoWru + r.perTenant.dynamoRru),
    sqsRequests: spread((r) => r.perTenant.sqs),
  };
  // Each fleet is the first N tenants of one list: a tenant's feed must say the same in every fleet it is part of.
  const sameWork = runs.every((r) => r.feeds.every((f, i) => sameFeed(f, runs.at(-1)!.feeds[i]!)));
  // The same tenants (the first of every fleet) take as long in the largest fleet as in the smallest: none waits on another's round.
  const ratios = (pick: (r: RoundFigures) => number[]) => pick(nightly[0]!).map((ms, i) => pick(nightly.at(-1)!)[i]! / ms);
  const sameTenants = ratios((r) => r.tenantScanMs);
  const sameTenantsModelled = ratios((r) => r.tenantScanMsModelled);
  const roundsIndependent = runs.every((r) => Object.values(r.rounds).every((round) => round.busy === 0 && round.unfinished === 0));
  const fixedMonthly = idlePollingMonthly();
  const targets = {
    "fleet: monthly cost per tenant, nightly rounds, modelled duration (USD)": {
      measured: Object.fromEntries(sizes.map((n, i) => [n, perTenant.monthlyCostUsd.values[i]])),
      target: `flat: max/min ≤ 1.1 from 10 to 100 tenants; duration modelled as own CPU at Lambda's share plus the longest chain of awaited calls, each answered in ${latencyMs} ms, plus time idle on timers (measured: ${perTenant.monthlyCostUsdMeasured.values.map((v) => `$${v}`).join(" / ")}, max/min ${perTenant.monthlyCostUsdMeasured.maxOverMin})`,
      met: flat(perTenant.monthlyCostUsd),
    },
    "fleet: S3, DynamoDB and SQS per tenant, max/min": {
      measured: [perTenant.s3Requests.maxOverMin, perTenant.dynamoUnits.maxOverMin, perTenant.sqsRequests.maxOverMin],
      target: "each ≤ 1.1",
      met: flat(perTenant.s3Requests) && flat(perTenant.dynamoUnits) && flat(perTenant.sqsRequests),
    },
    "fleet: no tenant's round waits on another's": {
      measured: { roundsIndependent, sameWork, sameTenantScanRatio: Number(median(sameTenants).toFixed(2)), sameTenantScanRatioModelled: Number(median(sameTenantsModelled).toFixed(2)) },
      target: "every round stored by its own invocations, none busy; each tenant's feed the same at every size",
      met: roundsIndependent && sameWork,
    },
  };
  const dollars = (s: { values: number[]; maxOverMin: number }) => `$${s.values.map((v) => v.toFixed(4)).join(" / ")} (max/min ${s.maxOverMin})`;
  console.error(`per tenant a month at ${sizes.join(" / ")} tenants: ${dollars(perTenant.monthlyCostUsd)} modelled (the target's figure: own CPU at Lambda's share, plus the longest chain of awaited calls answered in ${latencyMs} ms each, plus idle timers); measured ${dollars(perTenant.monthlyCostUsdMeasured)} billed, ${dollars(perTenant.monthlyCostUsdWallBased)} wall (these grow with this machine's contention); fixed: $${fixedMonthly.usd.toFixed(2)} a month of idle queue polling`);
  console.log(JSON.stringify({
    latencyMs,
    instances: 10,
    coldNights: process.env.CLOUD15_FLEET_COLD_NIGHTS === "1",
    instanceExecArgv: process.env.CLOUD15_FLEET_EXEC_ARGV ?? "",
    prices: { region: "ap-northeast-1", architecture: arm ? "arm64" : "x86_64", scansPerMonth, usd: TOKYO_PRICES_USD, checkedAgainst: "AWS Price List extracts in public repositories, 2026-12-05" },
    memoryMb,
    runs,
    perTenant,
    fixedMonthly,
    sameTenantScanRatio: { median: Number(median(sameTenants).toFixed(2)), max: Number(Math.max(...sameTenants).toFixed(2)) },
    sameTenantScanRatioModelled: { median: Number(median(sameTenantsModelled).toFixed(2)), max: Number(Math.max(...sameTenantsModelled).toFixed(2)) },
    roundsIndependent,
    sameWork,
    targets,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  }));
} finally {
  for (const child of tenantsProcesses) child.kill("SIGTERM");
  await rm(dir, { recursive: true, force: true });
}

async function runFleet(size: number, fleet: string, caFile: string): Promise<{ tenants: { id: string; size: string }[]; rounds: Round[] }> {
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

type RoundFigures = ReturnType<typeof roundFigures>;

function summarise(size: number, run: Awaited<ReturnType<typeof runFleet>>) {
  const of = (name: Round["name"]) => run.rounds.filter((r) => r.name === name).map((r) => roundFigures(size, run.tenants, r));
  const nightly = of("nightly");
  const rounds: Record<Round["name"], RoundFigures> = { first: of("first")[0]!, second: of("second")[0]!, nightly: meanRound(nightly) };
  return {
    tenants: size,
    rounds,
    /** Each nightly round's monthly cost per tenant (modelled), whose mean is the size's figure. */
    nightlyMonthlyCostUsd: nightly.map((r) => r.perTenant.monthlyCostUsd),
    nightlyCpuSeconds: nightly.map((r) => r.perTenant.cpuSeconds),
    feeds: run.rounds.at(-1)!.feeds.map(({ scanId: _scanId, ...feed }) => feed),
  };
}

/**
 * What Lambda would bill for an invocation, modelled from what it did rather than from how
 * long this machine took, in three parts (`modelledParts`): its own CPU time, stretched to the
 * CPU share Lambda gives its memory (one vCPU at 1,769 MB, in proportion below); its wait for
 * answers as if every call had been answered in `latencyMs`, which is `latencyMs` times the
 * longest chain of calls each sent after the one before it was answered (bench/fleet-calls.ts:
 * 16 calls one after another wait 16 answers, 200 calls through a limit of 16 wait about 13);
 * and the time its thread was idle with no call outstanding (timers: backoff, polling), as
 * measured. The customers' clouds answer in the same time however large our fleet is; on this
 * 2-core machine the simulators, moto and ten function processes share the cores, so their
 * answers slow down as the fleet grows, and unequally: moto, one process for the whole
 * deployment, more than the customers' simulators. The chain does not depend on how fast or
 * in which order the answers came, so neither does the model. It gives no credit for CPU
 * work done while calls were outstanding, which a real invocation overlaps: an upper bound.
 * (An earlier model scaled the idle time under calls by the invocation's mean answer time;
 * its serial calls to moto, slowed more than the rest, made that grow with the fleet:
 * `earlierModelGbSeconds`.)
 */
function modelledParts(i: Invocation): { cpuMs: number; callsMs: number; timersMs: number } {
  const cpuShare = Math.min(1, memoryMb[i.fn] / ONE_VCPU_MB);
  const idleMs = Math.max(0, i.durationMs - i.runMs - i.waitMs);
  return { cpuMs: i.cpuMs / cpuShare, callsMs: latencyMs * i.callTimes.chainCalls, timersMs: Math.max(0, idleMs - i.callTimes.coveredMs) };
}

function modelledBilledMs(i: Invocation): number {
  const { cpuMs, callsMs, timersMs } = modelledParts(i);
  return cpuMs + callsMs + timersMs;
}

/** The model before the chain: idle time under calls scaled by the invocation's mean answer time. Kept for comparison only. */
function earlierModelledBilledMs(i: Invocation): number {
  const cpuShare = Math.min(1, memoryMb[i.fn] / ONE_VCPU_MB);
  const idleMs = Math.max(0, i.durationMs - i.runMs - i.waitMs);
  const awaitingMs = Math.min(idleMs, i.callTimes.coveredMs);
  const fixedOverMeasured = i.callTimes.callMs > 0 ? (i.callTimes.calls * latencyMs) / i.callTimes.callMs : 1;
  return i.cpuMs / cpuShare + (idleMs - awaitingMs) + awaitingMs * fixedOverMeasured;
}

/**
 * A round's figures. The cost, and the target, use the modelled duration (`modelledBilledMs`):
 * it measures our architecture (CPU, calls, how they overlap), not the bench machine's
 * contention. The measured figures are printed beside it, nothing hidden: the billed duration
 * (the duration less the instance's wait for a core, which a Lambda instance does not have),
 * the wall-based one (durations as measured) and the CPU seconds. The first two grow with the
 * machine's load and with how slowly the simulators answer under it, the third with the work.
 */
function roundFigures(size: number, tenants: { id: string; size: string }[], round: Round) {
  const mem = (i: Invocation) => memoryMb[i.fn] / 1024;
  const billedMs = (i: Invocation) => i.durationMs - i.waitMs;
  const gbSecondsModelled = round.invocations.reduce((n, i) => n + (modelledBilledMs(i) / 1000) * mem(i), 0);
  const gbSecondsOf = (ms: (i: Invocation) => number) => round.invocations.reduce((n, i) => n + (ms(i) / 1000) * mem(i), 0);
  const modelled = {
    cpu: gbSecondsOf((i) => modelledParts(i).cpuMs),
    calls: gbSecondsOf((i) => modelledParts(i).callsMs),
    timers: gbSecondsOf((i) => modelledParts(i).timersMs),
  };
  const earlierModel = gbSecondsOf(earlierModelledBilledMs);
  const own = round.invocations.reduce((n, i) => ({ calls: n.calls + i.callTimes.own.calls, ms: n.ms + i.callTimes.own.callMs }), { calls: 0, ms: 0 });
  const gbSeconds = round.invocations.reduce((n, i) => n + (billedMs(i) / 1000) * mem(i), 0);
  const gbSecondsWall = round.invocations.reduce((n, i) => n + (i.durationMs / 1000) * mem(i), 0);
  const cpuSeconds = round.invocations.reduce((n, i) => n + i.cpuMs / 1000, 0);
  const total = round.invocations.reduce((sum, i) => add(sum, i.requests), add(emptyRequests(), round.polling));
  const lambdaRequests = round.invocations.length;
  const requestsUsd = lambdaRequests * prices.lambdaPerMillionRequests / 1e6
    + total.s3Put * prices.s3PerThousandPut / 1e3 + total.s3Get * prices.s3PerThousandGet / 1e3
    + total.dynamoWru * prices.dynamoPerMillionWru / 1e6 + total.dynamoRru * prices.dynamoPerMillionRru / 1e6
    + total.sqs * prices.sqsPerMillionRequests / 1e6;
  const roundUsd = gbSecondsModelled * gbSecondUsd + requestsUsd;
  const roundUsdMeasured = gbSeconds * gbSecondUsd + requestsUsd;
  const roundUsdWall = gbSecondsWall * gbSecondUsd + requestsUsd;
  const perTenantMs = (ms: (i: Invocation) => number) => {
    const byTenant = new Map<string, number>();
    for (const i of round.invocations) if (i.tenantId) byTenant.set(i.tenantId, (byTenant.get(i.tenantId) ?? 0) + ms(i));
    return tenants.map((t) => Math.round(byTenant.get(t.id) ?? 0));
  };
  const tenantScanMs = perTenantMs(billedMs);
  const tenantScanMsModelled = perTenantMs(modelledBilledMs);
  const calls = round.invocations.reduce((n, i) => n + i.callTimes.calls, 0);
  const callMs = round.invocations.reduce((n, i) => n + i.callTimes.callMs, 0);
  const slowest = tenants.reduce((a, _t, i) => (tenantScanMs[i]! > tenantScanMs[a]! ? i : a), 0);
  const stored = new Set(round.invocations.filter((i) => i.outcome.includes("stored")).map((i) => i.tenantId));
  const per = (n: number) => Number((n / size).toFixed(3));
  const waited = round.invocations.reduce((n, i) => n + i.waitMs, 0) / round.invocations.reduce((n, i) => n + i.durationMs, 0);
  return {
    wallMs: Math.round(round.wallMs),
    invocations: lambdaRequests,
    gbSecondsModelled: Number(gbSecondsModelled.toFixed(1)),
    gbSeconds: Number(gbSeconds.toFixed(1)),
    gbSecondsWall: Number(gbSecondsWall.toFixed(1)),
    /** The awaited calls' mean answer time as measured, against the modelled `latencyMs`. */
    meanCallMs: Number((calls ? callMs / calls : 0).toFixed(1)),
    /** The same for the deployment's own S3, DynamoDB and SQS (moto) and for the customers' clouds (the simulators), apart. */
    meanAnswerMs: {
      own: Number((own.calls ? own.ms / own.calls : 0).toFixed(1)),
      customers: Number((calls > own.calls ? (callMs - own.ms) / (calls - own.calls) : 0).toFixed(1)),
    },
    /** Per invocation: calls awaited, of them to our own services, and the longest chain of them (the modelled wait in answers). */
    callsPerInvocation: {
      all: Number((calls / lambdaRequests).toFixed(1)),
      own: Number((own.calls / lambdaRequests).toFixed(1)),
      chain: Number((round.invocations.reduce((n, i) => n + i.callTimes.chainCalls, 0) / lambdaRequests).toFixed(1)),
      waited: Number((round.invocations.reduce((n, i) => n + i.callTimes.waitedCalls, 0) / lambdaRequests).toFixed(1)),
    },
    cpuSeconds: Number(cpuSeconds.toFixed(1)),
    /** Share of the invocations' durations spent waiting for a core. */
    waitShare: Number(waited.toFixed(2)),
    peakRssMb: Math.max(...round.invocations.map((i) => i.peakRssMb)),
    slowestTenant: { id: tenants[slowest]!.id, size: tenants[slowest]!.size, scanMs: tenantScanMs[slowest]! },
    tenantScanMs,
    tenantScanMsModelled,
    requests: { s3Put: total.s3Put, s3Get: total.s3Get, dynamoWru: total.dynamoWru, dynamoRru: total.dynamoRru, sqs: total.sqs, lambda: lambdaRequests, emptyReceives: round.emptyReceives },
    operations: total.operations,
    perTenant: {
      gbSecondsModelled: per(gbSecondsModelled), gbSeconds: per(gbSeconds),
      /** The modelled GB-seconds in their parts (`modelledParts`), and what the earlier model made of the same invocations. */
      modelledParts: { cpu: per(modelled.cpu), calls: per(modelled.calls), timers: per(modelled.timers), earlierModel: per(earlierModel) }, gbSecondsWall: per(gbSecondsWall), cpuSeconds: per(cpuSeconds),
      s3Put: per(total.s3Put), s3Get: per(total.s3Get), dynamoWru: per(total.dynamoWru), dynamoRru: per(total.dynamoRru), sqs: per(total.sqs), lambda: per(lambdaRequests),
      roundUsd: Number((roundUsd / size).toFixed(6)),
      /** A month of such rounds; meaningful for the nightly round (the first is once per tenant). */
      monthlyCostUsd: Number((roundUsd * scansPerMonth / size).toFixed(5)),
      /** From the measured billed duration (duration less the wait for a core). */
      monthlyCostUsdMeasured: Number((roundUsdMeasured * scansPerMonth / size).toFixed(5)),
      monthlyCostUsdWallBased: Number((roundUsdWall * scansPerMonth / size).toFixed(5)),
    },
    busy: round.invocations.filter((i) => /busy|superseded|dropped|failed/.test(i.outcome)).length,
    unfinished: tenants.filter((t) => !stored.has(t.id)).length,
    /**
     * Tenants whose round two invocations stored. DynamoDB lets exactly one conditional write
     * take a round's assembly; moto checks and applies a condition without a lock, and under
     * load two can pass (its conditional writes race: see docs/deploy.md). A moto artefact,
     * shown so that the requests it adds are not mistaken for ours.
     */
    storedTwice: tenants.filter((t) => round.invocations.filter((i) => i.tenantId === t.id && i.outcome.includes("stored")).length > 1).length,
  };
}

/** The mappings' idle long polling, all month: requests and their list price (no free tier, as everywhere here). */
function idlePollingMonthly(): { mappings: number; requests: number; usd: number } {
  const requests = Math.round(mappings * IDLE_POLLERS * (365 / 12) * 86_400 / LONG_POLL_SECONDS);
  return { mappings, requests, usd: Number((requests * prices.sqsPerMillionRequests / 1e6).toFixed(2)) };
}

function sameFeed(a: { tracked: number; findings: number; errors: number; providers: string[] }, b: typeof a): boolean {
  return a.tracked === b.tracked && a.findings === b.findings && a.errors === b.errors && a.providers.join() === b.providers.join();
}

function describe(size: number, r: RoundFigures): string {
  const p = r.perTenant;
  return `${String(size).padStart(3)} tenants: wall ${(r.wallMs / 1000).toFixed(1)} s, slowest tenant ${r.slowestTenant.id} (${r.slowestTenant.size}) ${(r.slowestTenant.scanMs / 1000).toFixed(1)} s, ${r.gbSecondsModelled.toFixed(0)} GB-s modelled (measured: ${r.gbSeconds.toFixed(0)} billed, ${r.gbSecondsWall.toFixed(0)} wall, ${(r.waitShare * 100).toFixed(0)}% waiting for a core, calls answered in ${r.meanCallMs} ms on average); per tenant: ${p.gbSecondsModelled.toFixed(2)} GB-s modelled = ${p.modelledParts.cpu.toFixed(2)} CPU + ${p.modelledParts.calls.toFixed(2)} calls (chain of ${r.callsPerInvocation.chain} of ${r.callsPerInvocation.all} calls an invocation, ${r.callsPerInvocation.own} to our own services, answered in ${r.meanAnswerMs.own} ms, the customers' in ${r.meanAnswerMs.customers} ms) + ${p.modelledParts.timers.toFixed(2)} idle on timers (earlier model: ${p.modelledParts.earlierModel.toFixed(2)}; measured: ${p.gbSeconds.toFixed(2)} billed), ${p.cpuSeconds.toFixed(2)} CPU s, S3 ${p.s3Put.toFixed(1)} PUT + ${p.s3Get.toFixed(1)} GET, DynamoDB ${p.dynamoWru.toFixed(1)} WRU + ${p.dynamoRru.toFixed(1)} RRU, SQS ${p.sqs.toFixed(1)}, $${p.monthlyCostUsd.toFixed(4)} a month at this round ($${p.monthlyCostUsdMeasured.toFixed(4)} measured); busy ${r.busy}, unfinished ${r.unfinished}, stored twice ${r.storedTwice} (load ${loadavg()[0]!.toFixed(1)})`;
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
