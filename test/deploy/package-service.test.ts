import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packageService } from "../../deploy/package-service.ts";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("packageService", () => {
  const dirs: string[] = [];
  afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

  it("stops a packaging that outlives its time limit, with every process it started, and says so", async () => {
    const outDir = await mkdtemp(join(tmpdir(), "cloud15-package-limit-"));
    dirs.push(outDir);
    const error = await packageService({ stage: "prod", outDir, timeoutMs: 300 }).then(() => undefined, (err: Error) => err);
    expect(error?.message).toMatch(/^osls package \(process \d+\) did not finish within 300 ms and was stopped/);
    const pid = Number(/process (\d+)/.exec(error!.message)![1]);
    expect(alive(pid)).toBe(false);
    // Its process group: osls and whatever it started (esbuild's service).
    await expect.poll(() => alive(-pid)).toBe(false);
  });
});
