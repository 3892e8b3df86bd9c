/**
 * Scans a simulated Microsoft 365 tenant of 5,000 users and 20,000 drive items (2% shared
 * with "Anyone" links) with 20 ms per HTTP round trip, then scans it again with the delta
 * state the first scan kept, and prints what each cost. Last line: one JSON object.
 *   node --import tsx bench/microsoft-scan.ts [users] [driveItems] [concurrency]
 * The lower bound counts the simulated latency only, over the fewest round trips Graph allows
 * (not the ones the scan made). The simulator answers from its own process but on the same
 * cores: on a 2-core machine its CPU time, printed beside the scanner's, is part of the wall
 * time too.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { DEFAULT_POLICY, runCheck } from "../checks/framework.ts";
import { MICROSOFT_CHECKS } from "../checks/microsoft/index.ts";
import { collectMicrosoftFacts, DEFAULT_CONCURRENCY, type MicrosoftCollection } from "../providers/microsoft/collect.ts";
import type { DeltaState } from "../providers/microsoft/delta-state.ts";
import { LARGE_CLIENT_ID, LARGE_CLIENT_SECRET } from "../simulator/microsoft/large-tenant.ts";

const LATENCY_MS = 20;
const SHARED_RATIO = 0.02;
/** What Graph serves per page at most: users with signInActivity, the registration report, sites. */
const PAGE = { usersWithSignIn: 120, registrationDetails: 1000, sites: 999 };
const [users = 5000, driveItems = 20000, concurrency = DEFAULT_CONCURRENCY] = process.argv.slice(2).map(Number);

const child = spawn(process.execPath, ["--import", "tsx", new URL("./microsoft-simulator-process.ts", import.meta.url).pathname,
  String(users), String(driveItems), String(SHARED_RATIO), String(LATENCY_MS)], { stdio: ["ignore", "pipe", "inherit"] });
const firstLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once("line", resolve);
  child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
});
const tenant = JSON.parse(firstLine) as {
  origin: string; caCertificatePem: string; tenantId: string; sites: number; teamSites: number; drives: number; shared: number;
  roleAssignments: number; backupEnabled: boolean;
};

// Kept as JSON text between the scans, as the data folder and S3 keep it.
let saved: string | undefined;
const state = { load: async () => (saved === undefined ? undefined : JSON.parse(saved)), save: async (s: DeltaState) => { saved = JSON.stringify(s); } };

/**
 * CPU time the simulator process has used, from /proc (Linux; USER_HZ is 100 there). It runs
 * beside the scanner on the same cores: on a 2-core machine its work is part of the wall time.
 */
function simulatorCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** What the report needs of one scan; its facts are dropped with it, as a scan's are once the feed is built. */
async function scan(label: string): Promise<{ collection: Pick<MicrosoftCollection, "apiCalls" | "errors">; wallMs: number; cpuMs: number; simulatorCpuMs?: number; results: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const simulatorCpu = simulatorCpuMs();
  const collection = await collectMicrosoftFacts(
    { tenantId: tenant.tenantId, clientId: LARGE_CLIENT_ID, graphUrl: tenant.origin, authorityHost: tenant.origin },
    {
      secrets: { clientSecret: LARGE_CLIENT_SECRET },
      ownerPolicy: { anyoneLinks: "not_allowed" },
      tuning: { caCertificatePem: tenant.caCertificatePem },
      concurrency,
      state,
      onProgress: (e) => {
        // The drive count grows as the site listing arrives.
        if (e.done > 0 && e.done % 1000 === 0) console.error(`  ${label} ${e.step}: ${e.done}/${e.total}`);
      },
    },
  );
  const ctx = { tenantId: "bench", tenantResource: { uid: "entra:tenants/bench", name: "bench", type: "Microsoft.Entra/Tenant" }, now: new Date(), policy: DEFAULT_POLICY };
  const results = MICROSOFT_CHECKS.flatMap((c) => runCheck(c, collection.facts, ctx)).length;
  const used = process.cpuUsage(cpu);
  const simulatorUsed = simulatorCpu === undefined ? undefined : simulatorCpuMs()! - simulatorCpu;
  return {
    collection: { apiCalls: collection.apiCalls, errors: collection.errors }, wallMs: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000), ...(simulatorUsed === undefined ? {} : { simulatorCpuMs: simulatorUsed }), results,
  };
}

try {
  const first = await scan("first scan");
  const rescan = await scan("rescan");
  const calls = first.collection.apiCalls;
  const roundTrips = calls.$batch ?? 0;
  const reads = Object.entries(calls).filter(([op]) => op !== "$batch").reduce((n, [, c]) => n + c, 0);

  // The fewest reads Graph allows for this tenant: the ten tenant-wide v1.0 reads the checks need
  // (organization, licences, security defaults, Conditional Access, PIM eligibility, SharePoint
  // settings, backup status, Secure Score and its control profiles, service health; the backup
  // policies where backup is on), one per page of each listing, one delta read per drive (its
  // items fit one page), one per shared file's permissions; and the sensitivity labels, read
  // from Graph's beta in a `$batch` of their own.
  const drives = tenant.drives;
  const minimumV1Reads = 10 + (tenant.backupEnabled ? 1 : 0) + Math.ceil(tenant.roleAssignments / 999) + Math.ceil(users / PAGE.usersWithSignIn)
    + Math.ceil(users / PAGE.registrationDetails) + Math.ceil(tenant.sites / PAGE.sites) + tenant.teamSites + drives + tenant.shared;
  const minimumReads = minimumV1Reads + 1;
  // Reads that must follow one another: the user pages (each nextLink comes from the page before),
  // after the licences (they say whether the sign-in activity exists to read).
  const chain = Math.ceil(users / PAGE.usersWithSignIn);
  const minimumV1RoundTrips = Math.ceil(minimumV1Reads / 20);
  const minimumRoundTrips = Math.max(minimumV1RoundTrips, 1 + chain) + 1;
  // The token request (one round trip: the endpoint is known, no discovery) comes first; then
  // `concurrency` `$batch` requests in flight carry the v1.0 round trips, each slot one at a
  // time, however the chain of user pages (behind the licences) threads through them. The beta
  // `$batch` travels beside them.
  const lowerBoundMs = LATENCY_MS * (1 + Math.max(Math.ceil(minimumV1RoundTrips / concurrency), 1 + chain));

  console.error(`scanned ${users} users, ${driveItems} drive items (${tenant.shared} shared) in ${drives} drives: ${first.results} results, ${first.collection.errors.length} collection errors`);
  console.error(`${reads} Graph reads in ${roundTrips} $batch round trips (minimum ${minimumReads} reads, ${minimumRoundTrips} round trips)`);
  console.error(`wall ${first.wallMs} ms; lower bound ${lowerBoundMs} ms at concurrency ${concurrency} (${(first.wallMs / lowerBoundMs).toFixed(2)}x)`);
  console.error(`CPU: scanner ${first.cpuMs} ms, simulator ${first.simulatorCpuMs ?? "?"} ms (both on the same cores)`);
  console.error(`rescan with the kept delta state: ${rescan.collection.apiCalls.$batch} round trips, ${rescan.wallMs} ms, ${rescan.collection.apiCalls.ListItemPermissions ?? 0} permission reads`);
  console.log(JSON.stringify({
    calls,
    graphReads: reads,
    graphRoundTrips: roundTrips,
    minimumReads,
    minimumRoundTrips,
    wallMs: first.wallMs,
    lowerBoundMs,
    concurrency,
    collectionErrors: first.collection.errors.length,
    rescan: {
      graphRoundTrips: rescan.collection.apiCalls.$batch, graphReads: Object.entries(rescan.collection.apiCalls).filter(([op]) => op !== "$batch").reduce((n, [, c]) => n + c, 0),
      wallMs: rescan.wallMs, cpuMs: rescan.cpuMs, simulatorCpuMs: rescan.simulatorCpuMs,
    },
    firstScanCpuMs: first.cpuMs,
    firstScanSimulatorCpuMs: first.simulatorCpuMs,
    scannerCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} finally {
  child.kill("SIGTERM");
}
