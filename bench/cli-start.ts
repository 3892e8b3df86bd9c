/**
 * `npm run bench -- cli`: how long the built `cloud15` takes to answer `--help` and to scan the
 * demo company without serving (each a fresh process, as a user starts it), and the peak memory
 * of each. Medians of several runs; the last line is the JSON figures.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = 7;
/** Preloaded into the measured process: Node cannot read a child's peak memory from outside. */
const REPORT_PEAK_RSS = `data:text/javascript,process.on("exit",()=>process.stderr.write("peak-rss-kb="+process.resourceUsage().maxRSS+"\\n"))`;
const build = spawnSync(process.execPath, ["deploy/build-cli.mjs"], { stdio: "inherit" });
if (build.status !== 0) throw new Error("the CLI build failed");

function measure(args: string[]): { wallMs: number; peakRssMb: number } {
  const walls: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, ["--import", REPORT_PEAK_RSS, "bin/cloud15.mjs", ...args], { encoding: "utf8" });
    walls.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`cloud15 ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(-500)}`);
    const kb = Number(/peak-rss-kb=(\d+)/.exec(run.stderr)?.[1]);
    rss.push(kb / 1024);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: Math.round(median(walls)), peakRssMb: Math.round(median(rss)) };
}

const data = mkdtempSync(join(tmpdir(), "cloud15-bench-cli-"));
try {
  const help = measure(["--help"]);
  const demo = measure(["demo", "--no-serve", "--data", data]);
  console.error(`cloud15 --help: ${help.wallMs} ms, ${help.peakRssMb} MB (target ≤ 250 ms, ≤ 60 MB)`);
  console.error(`cloud15 demo --no-serve: ${demo.wallMs} ms, ${demo.peakRssMb} MB (target ≤ 2,000 ms)`);
  console.log(JSON.stringify({ help, demo, runs: RUNS }));
} finally {
  rmSync(data, { recursive: true, force: true });
}
