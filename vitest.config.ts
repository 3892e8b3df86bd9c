import { configDefaults, defineConfig } from "vitest/config";

/**
 * Test files that need a process of their own: they point the AWS SDK at their moto through
 * process.env and load the Lambda handlers, which keep their clients for the process's life
 * (functions/environment.ts), or they reload modules under other credentials.
 */
const OWN_PROCESS = [
  "test/functions/**/*.test.ts",
  "test/deploy/**/*.test.ts",
  "test/secrets/**/*.test.ts",
];

/**
 * Test files that run last, with no other file beside them. cloud-stores races two conditional
 * DynamoDB writes and expects exactly one to win; moto applies them without a lock, so under
 * CPU contention both can win. Alone it holds, as DynamoDB's own atomic writes do.
 */
const ALONE = ["test/store/cloud-stores.test.ts"];

export default defineConfig({
  test: {
    environment: "node",
    // Tests scan over HTTP and run the CLI as a child process: seconds, not milliseconds, on a
    // quiet machine, and tens of times that on a busy one (at load 20 on these 2 cores moto
    // took 40 s to answer, a shop-round test over 60 s). These limits only end a test that
    // hangs; what a test waits for, it waits for by its event, not by the clock.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll waits for a page or a server to get somewhere; its 1 s default is a race.
    expect: { poll: { timeout: 30_000 } },
    pool: "forks",
    // Two cores: vitest's default (cores - 1) runs one file at a time, and most files wait on a
    // server or a child process (moto, Chromium, the CLI) for much of their time.
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    globalSetup: ["test/support/run-folder.ts"],
    // Puts back the environment a file changed, for the next file in the same process.
    setupFiles: ["test/support/restore-env.ts"],
    projects: [
      {
        extends: true,
        // A fresh process per file costs ~0.5 s of CPU (the SDK and vitest loaded again): most
        // files share one, and restore-env.ts keeps a file's environment changes its own.
        test: { name: "shared", isolate: false, exclude: [...configDefaults.exclude, ...OWN_PROCESS, ...ALONE] },
      },
      { extends: true, test: { name: "own-process", isolate: true, include: OWN_PROCESS } },
      { extends: true, test: { name: "alone", isolate: true, include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
