/**
 * Why a scan invocation's CPU time depends on what runs beside it, measured on the smallest
 * case: tiny AWS tenants (the fleet's most common kind) scanned by warm function instances
 * (bench/fleet-instance-process.ts, one process each), ten at once ("crowded": the start of a
 * fleet round), ten started 300 ms apart ("staggered"), ten at once three times in a row each
 * ("in turn": the first after idling, the next straight after a scan, as in a large fleet's
 * round) and one at a time ("alone"), after six warm-up rounds ten at once whose medians show
 * how a fresh instance's first invocations cost more, for several ways of running the instances: the
 * TypeScript through tsx or the esbuild bundle Lambda runs, and V8/Node flags. The blocks are
 * interleaved (every variant crowded, then every variant alone, repeated) so that they share
 * the machine's moment. Besides each invocation's CPU (the process's user + system time), it
 * reads every thread's CPU from /proc/<pid>/task/<tid>/stat, grouped by the thread's name, to
 * show which threads grow when crowded. Last line: one JSON object.
 *   node --import tsx bench/fleet-crowding.ts [repeats, default 3] [variants, default all]
 */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { TenantConfig } from "../config/schema.ts";
import { startLambdaWorld } from "../test/functions/lambda-world.ts";
import { bundledInstance, FunctionInstance, INSTANCE_SOURCE } from "./fleet-instance.ts";
import type { FleetTenant } from "./fleet-tenants-process.ts";

interface Variant {
  name: string;
  /** The esbuild bundle Lambda runs, instead of the TypeScript through tsx. */
  bundle: boolean;
  execArgv: string[];
}

/**
 * The probe: the same CPU work on every request (objects built, serialised, parsed, sorted),
 * in 300 bursts of about a millisecond each with 5 ms of idle wait between them, as a scan's
 * work comes between its calls' answers. Run beside every crowded block and alone, its CPU
 * time changes only with how the machine runs the same instructions: if it grows as much
 * when crowded as a scan does, the growth is the machine's (caches and TLB cold after every
 * wait and preemption, with ten processes on two cores), not the scan's.
 */
const PROBE = `
const burst = (k) => {
  const items = Array.from({ length: 60 }, (_, i) => ({ id: "finding-" + k + "-" + i, status: i % 3 ? "pass" : "fail", detail: { ja: "設定を確認してください" + i, en: "Check the setting " + i } }));
  const copy = JSON.parse(JSON.stringify(items));
  copy.sort((a, b) => (a.detail.en < b.detail.en ? -1 : 1));
  return copy.filter((f) => /fail/.test(f.status)).length;
};
process.on("message", async (m) => {
  const cpu = process.cpuUsage();
  let n = 0;
  for (let k = 0; k < 300; k++) {
    n += burst(k);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const used = process.cpuUsage(cpu);
  process.send({ id: m.id, outcome: "stored " + n, cpuMs: (used.user + used.system) / 1000, runMs: 0 });
});
process.send({ ready: true });
`;

const ALL: Variant[] = [
  { name: "tsx", bundle: false, execArgv: [] },
  { name: "tsx --single-threaded-gc", bundle: false, execArgv: ["--single-threaded-gc"] },
  { name: "tsx --v8-pool-size=1", bundle: false, execArgv: ["--v8-pool-size=1"] },
  { name: "tsx --single-threaded", bundle: false, execArgv: ["--single-threaded"] },
  { name: "tsx --no-flush-bytecode", bundle: false, execArgv: ["--no-flush-bytecode"] },
  { name: "tsx --no-memory-reducer", bundle: false, execArgv: ["--no-memory-reducer"] },
  { name: "bundle", bundle: true, execArgv: [] },
  { name: "bundle --single-threaded-gc", bundle: true, execArgv: ["--single-threaded-gc"] },
  { name: "bundle --no-opt", bundle: true, execArgv: ["--no-opt"] },
];
const INSTANCES = 10;
const TICK_MS = 10;
const STAGGER_MS = 300;
const WARM_UP_ROUNDS = 6;

const [repeatsArg = "3", only] = process.argv.slice(2);
const repeats = Number(repeatsArg);
const variants = only ? ALL.filter((v) => only.split(",").includes(v.name)) : ALL;

/** CPU ticks of one process: its main thread's and the other threads' (V8's workers, libuv's), user and system apart, and the main thread's context switches. */
async function threadTicks(pid: number): Promise<Map<string, number>> {
  const ticks = new Map<string, number>();
  const add = (k: string, n: number) => ticks.set(k, (ticks.get(k) ?? 0) + n);
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, "utf8").catch(() => "");
    const close = stat.lastIndexOf(")");
    if (close < 0) continue;
    const fields = stat.slice(close + 2).split(" ");
    const who = tid === String(pid) ? "main" : "helpers";
    // Fields 14 and 15 of stat (utime, stime), counted from the state field (3).
    add(`${who} user`, Number(fields[11]) * TICK_MS);
    add(`${who} system`, Number(fields[12]) * TICK_MS);
    if (who === "main") {
      const status = await readFile(`/proc/${pid}/task/${tid}/status`, "utf8").catch(() => "");
      add("main switches voluntary", Number(/^voluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0));
      add("main switches forced", Number(/^nonvoluntary_ctxt_switches:\s*(\d+)/m.exec(status)?.[1] ?? 0));
    }
  }
  return ticks;
}

function diff(after: Map<string, number>, before: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)]));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const dir = await mkdtemp(join(tmpdir(), "cloud15-crowding-"));
const simulators = spawn(process.execPath, ["--import", "tsx", new URL("./fleet-tenants-process.ts", import.meta.url).pathname, "20", "20", "0", "1"], { stdio: ["ignore", "pipe", "inherit"] });
const world = await startLambdaWorld();
const pools = new Map<string, FunctionInstance[]>();
try {
  const line = await new Promise<string>((resolve) => createInterface({ input: simulators.stdout! }).once("line", resolve));
  const tenants = (JSON.parse(line) as { tenants: FleetTenant[] }).tenants.filter((t) => t.size === "tiny").slice(0, INSTANCES);
  const config: TenantConfig[] = tenants.map((t) => ({
    id: t.id, name: `${t.id} K.K.`,
    aws: { region: "ap-northeast-1", endpoint: t.aws.endpoint, roleArn: `arn:aws:iam::${t.aws.accountId}:role/cloud15-readonly`, externalId: t.aws.externalId },
  }));
  await world.uploadConfig({ tenants: config });

  const source = INSTANCE_SOURCE;
  let bundled: string | undefined;
  if (variants.some((v) => v.bundle)) bundled = await bundledInstance(dir);
  const probeFile = join(dir, "probe.cjs");
  await writeFile(probeFile, PROBE);
  const probe = await FunctionInstance.start({}, probeFile, []);
  pools.set("probe", [probe]);
  for (const v of variants) {
    const module = v.bundle ? bundled! : source;
    const execArgv = [...(v.bundle ? [] : ["--import", "tsx"]), ...v.execArgv];
    pools.set(v.name, await Promise.all(Array.from({ length: INSTANCES }, () => FunctionInstance.start(world.env, module, execArgv))));
  }

  const scan = async (instance: FunctionInstance, tenant: FleetTenant) => {
    const body = JSON.stringify({ tenantId: tenant.id, scanId: randomUUID(), startedAt: new Date().toISOString(), providers: ["aws"] });
    const before = await threadTicks(instance.child.pid!);
    const report = await instance.invoke({ fn: "aws", body });
    if (!report.outcome.includes("stored")) throw new Error(`${tenant.id}: ${report.outcome}`);
    return { cpuMs: report.cpuMs, runMs: report.runMs, waitMs: report.waitMs, threads: diff(await threadTicks(instance.child.pid!), before) };
  };
  const probeSamples = { crowded: [] as number[], alone: [] as number[] };
  const probeOnce = async () => (await probe.invoke({ fn: "aws" })).cpuMs;
  const crowded = async (pool: FunctionInstance[]) => {
    const [samples, probed] = await Promise.all([Promise.all(pool.map((instance, i) => scan(instance, tenants[i]!))), probeOnce()]);
    probeSamples.crowded.push(probed);
    return samples;
  };
  // Ten at once as well, but each started STAGGER_MS after the one before, as the invocations
  // of a round's later part are: each instance takes its next message when its last one ends.
  const staggered = (pool: FunctionInstance[]) => Promise.all(pool.map(async (instance, i) => {
    await new Promise((resolve) => setTimeout(resolve, i * STAGGER_MS));
    return scan(instance, tenants[i]!);
  }));
  // Ten at once, each instance three scans in a row: the first after the instance idled, the
  // next ones straight after a scan, as most invocations of a large fleet's round are.
  const inTurn = (pool: FunctionInstance[]) => Promise.all(pool.map(async (instance, i) => {
    const out = [];
    for (let k = 0; k < 3; k++) out.push(await scan(instance, tenants[i]!));
    return out;
  }));
  const alone = async (pool: FunctionInstance[]) => {
    const out = [];
    for (let i = 0; i < 3; i++) out.push(await scan(pool[i]!, tenants[i]!));
    return out;
  };

  // Warm every instance: the tenants' first and second rounds, and the JIT. Each warm-up round's
  // median is kept: how a fresh instance's first invocations cost more than its later ones.
  const warmUp = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let w = 0; w < WARM_UP_ROUNDS; w++) {
    for (const v of variants) warmUp.get(v.name)!.push(Math.round(median((await crowded(pools.get(v.name)!)).map((x) => x.cpuMs))));
  }
  probeSamples.crowded.length = 0;

  type Sample = Awaited<ReturnType<typeof scan>>;
  const samples = new Map(variants.map((v) => [v.name, { crowded: [] as Sample[], staggered: [] as Sample[], afterIdle: [] as Sample[], afterScan: [] as Sample[], alone: [] as Sample[], load: [] as number[] }]));
  for (let r = 0; r < repeats; r++) {
    for (const v of variants) {
      const s = samples.get(v.name)!;
      s.crowded.push(...await crowded(pools.get(v.name)!));
      s.load.push(loadavg()[0]!);
    }
    for (const v of variants) samples.get(v.name)!.staggered.push(...await staggered(pools.get(v.name)!));
    for (const v of variants) {
      const s = samples.get(v.name)!;
      for (const [first, ...next] of await inTurn(pools.get(v.name)!)) {
        s.afterIdle.push(first!);
        s.afterScan.push(...next);
      }
    }
    for (const v of variants) {
      const s = samples.get(v.name)!;
      s.alone.push(...await alone(pools.get(v.name)!));
      probeSamples.alone.push(await probeOnce());
    }
    console.error(`repeat ${r + 1} of ${repeats} (load ${loadavg().map((l) => l.toFixed(2)).join(" ")})`);
  }

  const summary = (xs: Sample[]) => {
    const threads: Record<string, number> = {};
    for (const x of xs) for (const [k, v] of Object.entries(x.threads)) threads[k] = (threads[k] ?? 0) + v / xs.length;
    return {
      cpuMsMedian: Math.round(median(xs.map((x) => x.cpuMs))),
      mainThreadRunMsMedian: Math.round(median(xs.map((x) => x.runMs))),
      waitForCoreMsMedian: Math.round(median(xs.map((x) => x.waitMs))),
      invocations: xs.length,
      threadCpuMsMean: Object.fromEntries(Object.entries(threads).filter(([, v]) => v > 0).map(([k, v]) => [k, Math.round(v)])),
    };
  };
  const result = Object.fromEntries(variants.map((v) => {
    const s = samples.get(v.name)!;
    const c = summary(s.crowded);
    const a = summary(s.alone);
    return [v.name, { warmUpCrowdedCpuMsMedians: warmUp.get(v.name)!, crowded: c, staggered: summary(s.staggered), inTurn: { afterIdle: summary(s.afterIdle), afterScan: summary(s.afterScan) }, alone: a, crowdedOverAlone: Number((c.cpuMsMedian / a.cpuMsMedian).toFixed(2)), loadDuringCrowded: Number(median(s.load).toFixed(2)) }];
  }));
  const probeResult = {
    crowdedCpuMsMedian: Math.round(median(probeSamples.crowded)), aloneCpuMsMedian: Math.round(median(probeSamples.alone)),
    crowdedOverAlone: Number((median(probeSamples.crowded) / median(probeSamples.alone)).toFixed(2)), samples: probeSamples,
  };
  console.error(`probe (fixed work in bursts)        crowded ${probeResult.crowdedCpuMsMedian} ms, alone ${probeResult.aloneCpuMsMedian} ms, ×${probeResult.crowdedOverAlone}`);
  for (const [name, r] of Object.entries(result)) {
    console.error(`${name.padEnd(30)} fresh instances' first ${WARM_UP_ROUNDS} invocations ten at once ${r.warmUpCrowdedCpuMsMedians.join(", ")} ms; crowded ${r.crowded.cpuMsMedian} ms (main ${r.crowded.mainThreadRunMsMedian}, waited ${r.crowded.waitForCoreMsMedian}), staggered ${r.staggered.cpuMsMedian} ms (waited ${r.staggered.waitForCoreMsMedian}), in turn: first ${r.inTurn.afterIdle.cpuMsMedian} ms, next ${r.inTurn.afterScan.cpuMsMedian} ms, alone ${r.alone.cpuMsMedian} ms (main ${r.alone.mainThreadRunMsMedian}), ×${r.crowdedOverAlone}; threads crowded ${JSON.stringify(r.crowded.threadCpuMsMean)} alone ${JSON.stringify(r.alone.threadCpuMsMean)}`);
  }
  console.log(JSON.stringify({ repeats, instances: INSTANCES, variants: result, probe: probeResult, loadAverage: loadavg().map((l) => Number(l.toFixed(2))) }));
} finally {
  for (const pool of pools.values()) for (const i of pool) i.stop();
  simulators.kill("SIGTERM");
  await world.stop();
  await rm(dir, { recursive: true, force: true });
}
