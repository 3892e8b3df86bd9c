import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { MOTO_START_MS } from "./busy-machine.ts";

/**
 * moto_server, the reference AWS emulator, as a child process of the test. Where it is not
 * installed the tests that need it say so loudly and skip; on CI (CI=true) they fail instead,
 * because .ci/run installs it.
 */
export interface Moto {
  endpoint: string;
  /** moto_server's process id: benchmarks read its CPU time from /proc. */
  pid: number;
  /** Forget all state. */
  reset(): Promise<void>;
  /** Check every later call against the caller's IAM policies (a real AccessDenied). */
  enforceIam(): Promise<void>;
  stop(): Promise<void>;
}

export function motoAvailable(): boolean {
  const found = spawnSync("sh", ["-c", "command -v moto_server"], { encoding: "utf8" }).status === 0;
  if (!found) {
    const message = "moto_server is not installed: the tests against the reference AWS emulator cannot run";
    if (process.env.CI === "true") throw new Error(message);
    console.warn(`\n*** ${message}; SKIPPING them. Install it with: pip install 'moto[server]==5.2.1' ***\n`);
  }
  return found;
}

export async function startMoto(): Promise<Moto> {
  // Port 0: moto binds a free port itself and prints it. A port picked beforehand could be taken
  // meanwhile by another test's server, and this test would then talk to that one.
  const child: ChildProcess = spawn("moto_server", ["-H", "127.0.0.1", "-p", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
    // AWS managed policies (AdministratorAccess) exist only when moto is asked to load them.
    // Its catalogue of public AMIs, loaded into each region's EC2 on first use, takes seconds
    // per region and no test reads it.
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true", MOTO_EC2_LOAD_DEFAULT_AMIS: "false" },
  });
  let stderr = "";
  child.stderr?.on("data", (d) => { stderr = (stderr + String(d)).slice(-4000); });
  // Ready at its first answer; an exit is seen at once. The deadline ends a moto that does neither.
  const deadline = Date.now() + MOTO_START_MS;
  let endpoint: string | undefined;
  for (;;) {
    endpoint ??= /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
    if (endpoint) {
      try {
        const r = await fetch(`${endpoint}/moto-api/`);
        if (r.status < 500) break;
      } catch {
        // Bound but not answering yet.
      }
    }
    if (child.exitCode !== null) throw new Error(`moto_server exited: ${stderr}`);
    if (Date.now() > deadline) { child.kill(); throw new Error(`moto_server did not start: ${stderr}`); }
    await sleep(100);
  }
  const post = async (path: string, body?: string) => {
    const r = await fetch(`${endpoint}${path}`, { method: "POST", body });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  };
  return {
    endpoint,
    pid: child.pid!,
    reset: async () => {
      await post("/moto-api/reset-auth", String(Number.MAX_SAFE_INTEGER));
      await post("/moto-api/reset");
    },
    enforceIam: () => post("/moto-api/reset-auth", "0"),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }),
  };
}
