/**
 * `npm run bench`: runs every benchmark in its own process (so one's memory does not count
 * against another's), shows their output, and prints last one JSON object with each
 * benchmark's figures under its name, and under `targets` every figure issue 15 sets a target
 * for, with the target and whether it is met, and the machine's load average (other work on
 * a 2-core machine moves every wall time). `npm run bench -- aws` runs only the named ones.
 *
 * The scanner benchmarks whose memory has a target run as an esbuild bundle, as the built CLI
 * and the Lambda functions ship the code: under tsx the TypeScript loader alone adds ~40 MB.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { loadavg } from "node:os";
import { build } from "esbuild";

const BENCHMARKS: Record<string, { script: string; bundled?: boolean }> = {
  aws: { script: "bench/aws-scan.ts" },
  microsoft: { script: "bench/microsoft-scan.ts", bundled: true },
  google: { script: "bench/google-scan.ts", bundled: true },
  lambda: { script: "bench/lambda-bundles.ts" },
  cli: { script: "bench/cli-start.ts" },
  "aws-moto": { script: "bench/aws-moto.ts" },
  fleet: { script: "bench/fleet.ts" },
};

const wanted = process.argv.slice(2);
const loadBefore = load();
const results: Record<string, any> = {};
for (const [name, { script, bundled }] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (!existsSync(script)) continue;
  console.error(`== ${name} (${script}${bundled ? ", bundled" : ""}), load average ${load().join(" ")}`);
  const lastLine = await run(script, bundled === true);
  try {
    results[name] = { ...JSON.parse(lastLine), loadAverage: load() };
  } catch {
    results[name] = { error: `no JSON on the last line: ${lastLine.slice(0, 200)}` };
    process.exitCode = 1;
  }
}
const targets = issue15Targets(results);
for (const [figure, t] of Object.entries(targets)) console.error(`${t.met ? "met    " : "NOT MET"} ${figure}: ${JSON.stringify(t.measured)} (target ${t.target})`);
console.log(JSON.stringify({ ...results, targets, loadAverage: { before: loadBefore, after: load() } }));

function load(): number[] {
  return loadavg().map((l) => Number(l.toFixed(2)));
}

async function run(script: string, bundled: boolean): Promise<string> {
  // Beside its source, so the simulator processes it starts by relative URL are found.
  const entry = bundled ? script.replace(/\.ts$/, ".bundle.mjs") : script;
  if (bundled) {
    await build({ entryPoints: [script], outfile: entry, bundle: true, packages: "external", format: "esm", platform: "node", target: "node20", logLevel: "warning" });
  }
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, bundled ? [entry] : ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => { out += d.toString(); process.stderr.write(d); });
      child.on("error", reject);
      child.on("exit", (code) => {
        if (code !== 0) process.exitCode = 1;
        resolve(out.trim().split("\n").at(-1) ?? "");
      });
    });
  } finally {
    if (bundled) await rm(entry, { force: true });
  }
}

interface TargetFigure {
  measured: unknown;
  target: string;
  met: boolean;
}

/** Issue 15's targets, each read from the benchmark that measures it; a benchmark not run leaves its figures out. */
function issue15Targets(r: Record<string, any>): Record<string, TargetFigure> {
  const out: Record<string, TargetFigure> = {};
  const figure = (name: string, measured: unknown, target: string, met: boolean) => {
    if (measured !== undefined && measured !== null) out[name] = { measured, target, met };
  };
  const moto20 = r["aws-moto"]?.["20ms"];
  const moto100 = r["aws-moto"]?.["100ms"];
  figure("aws-moto: wall at 100 ms per call (ms)", moto100?.wallMs, "≤ 6500", moto100?.wallMs <= 6500);
  figure("aws-moto: wall at 20 ms per call (ms)", moto20?.wallMs, "≤ 5000", moto20?.wallMs <= 5000);
  figure("aws-moto: moto_server's own CPU for the scan's calls, a floor under both walls (ms)", r["aws-moto"]?.motoFloorMs, "≤ 5000, or the 20 ms target is out of reach on this machine", r["aws-moto"]?.motoFloorMs <= 5000);
  const motoRss = Math.max(moto20?.peakRssMb ?? 0, moto100?.peakRssMb ?? 0) || undefined;
  figure("aws-moto: peak RSS of cloud15 scan (MB)", motoRss, "≤ 85", motoRss !== undefined && motoRss <= 85);
  const motoS3 = Math.max(moto20?.s3CallsPerBucket ?? 0, moto100?.s3CallsPerBucket ?? 0) || undefined;
  figure("aws-moto: S3 calls per bucket", motoS3, "≤ 5", motoS3 !== undefined && motoS3 <= 5);
  figure("aws (simulator): S3 calls per bucket", r.aws?.callsPerBucket, "≤ 3.5", r.aws?.callsPerBucket <= 3.5);
  figure("cli: cloud15 --help (ms, MB)", r.cli?.help && [r.cli.help.wallMs, r.cli.help.peakRssMb], "≤ 250 ms, ≤ 60 MB", r.cli?.help?.wallMs <= 250 && r.cli?.help?.peakRssMb <= 60);
  figure("cli: demo --no-serve (ms)", r.cli?.demo?.wallMs, "≤ 2000", r.cli?.demo?.wallMs <= 2000);
  const ms = r.microsoft;
  const msRatio = ms?.wallMs && ms?.lowerBoundMs ? Number((ms.wallMs / ms.lowerBoundMs).toFixed(2)) : undefined;
  figure("microsoft: wall / lower bound", msRatio, "≤ 1.3", msRatio !== undefined && msRatio <= 1.3);
  figure("microsoft: peak RSS (MB)", ms?.peakRssMb, "≤ 150", ms?.peakRssMb <= 150);
  figure("google: peak RSS (MB)", r.google?.peakRssMb, "≤ 150", r.google?.peakRssMb <= 150);
  const fns = r.lambda?.functions as Record<string, { unzippedBytes: number; coldImportMs: { median: number } }> | undefined;
  if (fns) {
    const largest = Math.max(...Object.values(fns).map((f) => f.unzippedBytes));
    const slowest = Math.max(...Object.values(fns).map((f) => f.coldImportMs.median));
    figure("lambda: largest bundle unzipped (bytes)", largest, "≤ 1000000", largest <= 1_000_000);
    figure("lambda: slowest cold import, median (ms)", slowest, "≤ 150", slowest <= 150);
  }
  // The fleet bench states its own figures, targets and verdicts (bench/fleet.ts).
  for (const [name, t] of Object.entries((r.fleet?.targets ?? {}) as Record<string, TargetFigure>)) figure(name, t.measured, t.target, t.met);
  return out;
}
