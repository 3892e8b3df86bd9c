import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

/**
 * vitest's global setup: a folder for one test run, for what its test files build once and
 * share (test/deploy/prod-package.ts), removed when the run ends.
 */
export default async function setup(project: TestProject) {
  const folder = await mkdtemp(join(tmpdir(), "cloud15-test-run-"));
  project.provide("runFolder", folder);
  return () => rm(folder, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    runFolder: string;
  }
}
