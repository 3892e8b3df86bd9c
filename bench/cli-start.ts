/**
 * `npm run bench -- cli`: how long the built `cloud15` takes to answer `--help` and to scan the
 * demo company without serving (each a fresh process, as a user starts it), and the peak memory
 * of each. Medians of several runs; the last line is the JSON figures.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, runMeasured } from "./child-peak-rss.ts";

const RUNS = 7;
const build = spawnSync(process.execPath, ["deploy/build-cli.mjs"], { stdio: "inherit" });
if (build.status !== 0) throw new Error("the CLI build failed");

async function measure(args: string[]): Promise<{ wallMs: number; peakRssMb: number }> {
  const walls: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await runMeasured(["bin/cloud15.mjs", ...args]);
    if (run.code !== 0) throw new Error(`cloud15 ${args.join(" ")} exited ${run.code}: ${run.stderr.slice(-500)}`);
    walls.push(run.wallMs);
    rss.push(run.peakRssMb);
  }
  return { wallMs: median(walls), peakRssMb: median(rss) };
}

const data = mkdtempSync(join(tmpdir(), "cloud15-bench-cli-"));
try {
  const help = await measure(["--help"]);
  const demo = await measure(["demo", "--no-serve", "--data", data]);
  console.error(`cloud15 --help: ${help.wallMs} ms, ${help.peakRssMb} MB (target ≤ 250 ms, ≤ 60 MB)`);
  console.error(`cloud15 demo --no-serve: ${demo.wallMs} ms, ${demo.peakRssMb} MB (target ≤ 2,000 ms)`);
  console.log(JSON.stringify({ help, demo, runs: RUNS }));
} finally {
  rmSync(data, { recursive: true, force: true });
}
