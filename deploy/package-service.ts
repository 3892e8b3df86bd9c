import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Longer than `osls package` takes on a busy 2-core machine (205 s at load 20). */
const PACKAGE_TIME_LIMIT_MS = 600_000;

/**
 * `osls package --stage <stage> --package <outDir>`: the CloudFormation template and one zip
 * per function, offline, without AWS credentials. Each run bundles in a work folder of its
 * own, so the tests and the benchmark can package at the same time. A run that outlives
 * `timeoutMs` is stopped with everything it started (its own process group), so a hung
 * packaging does not outlive the test or benchmark that waited for it.
 */
export function packageService(opts: { stage: string; outDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<void> {
  const workFolder = `.esbuild-${randomBytes(4).toString("hex")}`;
  const timeoutMs = opts.timeoutMs ?? PACKAGE_TIME_LIMIT_MS;
  const child = spawn(process.execPath, [
    "node_modules/osls/bin/serverless.js", "package", "--stage", opts.stage, "--package", opts.outDir,
  ], {
    cwd: ROOT,
    // The `local` stage names existing resources through the environment (serverless.yml).
    env: { ...process.env, ...opts.env, CLOUD15_ESBUILD_WORK_FOLDER: workFolder, SLS_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => { output += String(d); });
  child.stderr.on("data", (d) => { output += String(d); });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("error", (err) => { clearTimeout(timer); reject(err); });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`osls package (process ${child.pid}) did not finish within ${timeoutMs} ms and was stopped:\n${output}`));
      else if (code === 0) resolve();
      else reject(new Error(`osls package exited with ${code}:\n${output}`));
    });
  });
}

/** The files of a zip (stored or deflated), read from its central directory. */
export function zipEntries(zip: Buffer): { name: string; data: Buffer }[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip: no end of central directory");
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("broken central directory");
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    if (!name.endsWith("/")) entries.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Writes a zip's files below `dir`, as Lambda unpacks a package; returns them. */
export async function unzipTo(zip: Buffer, dir: string): Promise<{ name: string; data: Buffer }[]> {
  const entries = zipEntries(zip);
  for (const entry of entries) {
    await mkdir(dirname(join(dir, entry.name)), { recursive: true });
    await writeFile(join(dir, entry.name), entry.data);
  }
  return entries;
}
