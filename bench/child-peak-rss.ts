import { spawn } from "node:child_process";

/**
 * Preloaded into a measured Node process so it reports its own peak memory on exit: Node
 * cannot read a child's peak resident set from outside.
 */
const REPORT_PEAK_RSS = `data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("peak-rss-kb="+u.maxRSS+" cpu-us="+(u.userCPUTime+u.systemCPUTime)+"\\n")})`;

export interface MeasuredRun {
  code: number | null;
  wallMs: number;
  peakRssMb: number;
  /** User + system CPU time the process used. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/** Runs `node ARGS` and measures its wall time and peak memory. */
export function runMeasured(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", REPORT_PEAK_RSS, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => {
      const kb = Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      const cpuUs = Number(/cpu-us=(\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      resolve({ code, wallMs: Math.round(performance.now() - started), peakRssMb: Math.round(kb / 1024), cpuMs: Math.round(cpuUs / 1000), stdout, stderr });
    });
  });
}

export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
