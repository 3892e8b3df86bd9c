/**
 * Scans a simulated Workspace of 2,000 users and 200,000 files (1% shared with anyone) with
 * 20 ms per call and prints what it cost. Last line: one JSON object.
 *   node --import tsx bench/google-scan.ts                      defaults
 *   node --import tsx bench/google-scan.ts 500 50000 0.01 32    users files publicShare [concurrency]
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { GOOGLE_CHECKS } from "../checks/google/index.ts";
import { DEFAULT_POLICY, runCheck } from "../checks/framework.ts";
import { collectGoogleFacts, DEFAULT_CONCURRENCY } from "../providers/google/collect.ts";

const LATENCY_MS = 20;
const args = process.argv.slice(2);
const [users = 2000, files = 200_000, publicShare = 0.01] = args.slice(0, 3).map(Number);
const concurrency = args[3] ? Number(args[3]) : DEFAULT_CONCURRENCY;

const child = spawn(process.execPath, ["--import", "tsx", new URL("./google-simulator-process.ts", import.meta.url).pathname,
  String(users), String(files), String(publicShare), String(LATENCY_MS)], { stdio: ["ignore", "pipe", "inherit"] });
const firstLine = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once("line", resolve);
  child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
});
const sim = JSON.parse(firstLine) as {
  rootUrl: string; tokenUrl: string; serviceAccountKey: string; adminEmail: string;
  minimum: Record<string, number>; publicFiles: number; totalFiles: number;
};

try {
  const started = performance.now();
  const collection = await collectGoogleFacts(
    { adminEmail: sim.adminEmail, serviceAccountKey: { env: "UNUSED_IN_BENCH" }, rootUrl: sim.rootUrl, tokenUrl: sim.tokenUrl },
    {
      serviceAccountKey: sim.serviceAccountKey,
      concurrency,
      onProgress: (e) => {
        if (e.total >= 100 && e.done % Math.ceil(e.total / 4) === 0) console.error(`  ${e.step}: ${e.done}/${e.total}`);
      },
    },
  );
  const ctx = {
    tenantId: "bench",
    tenantResource: { uid: "google:domain/large.example", name: "bench", type: "Google::Workspace::Customer" },
    now: new Date(),
    policy: DEFAULT_POLICY,
  };
  const results = GOOGLE_CHECKS.flatMap((c) => runCheck(c, collection.facts, ctx));
  const wallMs = Math.round(performance.now() - started);

  const calls = collection.apiCalls;
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const minimum = Object.values(sim.minimum).reduce((a, b) => a + b, 0);
  const publicFound = results.filter((r) => r.status === "fail" && r.resource.type === "Google::Drive::File").length;
  const lowerBoundMs = Math.round((total * LATENCY_MS) / concurrency);
  console.error(`scanned ${users} users and ${sim.totalFiles} files: ${results.length} results, ${publicFound}/${sim.publicFiles} public files found, ${collection.errors.length} collection errors`);
  console.error(`${total} calls (minimum ${minimum}) in ${wallMs} ms; lower bound ${lowerBoundMs} ms at concurrency ${concurrency} (${(wallMs / lowerBoundMs).toFixed(2)}x)`);
  console.log(JSON.stringify({
    calls,
    minimumCalls: sim.minimum,
    totalCalls: total,
    totalMinimum: minimum,
    publicFilesFound: publicFound,
    publicFilesExpected: sim.publicFiles,
    wallMs,
    lowerBoundMs,
    concurrency,
    collectionErrors: collection.errors.length,
    scannerCpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} finally {
  child.kill("SIGTERM");
}
