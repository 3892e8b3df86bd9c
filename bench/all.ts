/**
 * `npm run bench`: runs every benchmark in its own process (so one's memory does not count
 * against another's), shows their output, and prints last one JSON object with each
 * benchmark's figures under its name. `npm run bench -- aws` runs only the named ones.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

const BENCHMARKS: Record<string, string> = {
  aws: "bench/aws-scan.ts",
  microsoft: "bench/microsoft-scan.ts",
  google: "bench/google-scan.ts",
  lambda: "bench/lambda-bundles.ts",
  cli: "bench/cli-start.ts",
  "aws-moto": "bench/aws-moto.ts",
};

const wanted = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const [name, script] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  if (!existsSync(script)) continue;
  console.error(`== ${name} (${script})`);
  const lastLine = await run(script);
  try {
    results[name] = JSON.parse(lastLine);
  } catch {
    results[name] = { error: `no JSON on the last line: ${lastLine.slice(0, 200)}` };
    process.exitCode = 1;
  }
}
console.log(JSON.stringify(results));

function run(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); process.stderr.write(d); });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) process.exitCode = 1;
      resolve(out.trim().split("\n").at(-1) ?? "");
    });
  });
}
