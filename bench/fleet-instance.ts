/**
 * One Lambda container of the fleet benchmarks, seen from the driver: a process of its own
 * (bench/fleet-instance-process.ts, or any module that answers the same messages) that runs
 * one invocation at a time, over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import type { InvocationReport, InvocationRequest } from "./fleet-instance-process.ts";

export const INSTANCE_SOURCE = new URL("./fleet-instance-process.ts", import.meta.url).pathname;

/**
 * bench/fleet-instance-process.ts built into `outdir` as serverless.yml's esbuild settings
 * build the functions (minified ES module, the SDK's ES builds, code split, the packaging's
 * plugins): the JavaScript Lambda runs, not the TypeScript through tsx. Returns the entry.
 */
export async function bundledInstance(outdir: string): Promise<string> {
  const plugins = ((await import(new URL("../deploy/esbuild-plugins.mjs", import.meta.url).href)) as { default: Plugin[] }).default;
  await build({
    entryPoints: [INSTANCE_SOURCE], outdir, bundle: true, minify: true, sourcemap: false, target: "node20", platform: "node", format: "esm",
    outExtension: { ".js": ".mjs" }, splitting: true, mainFields: ["module", "main"], plugins, logLevel: "warning",
    banner: { js: "import { createRequire as cloud15CreateRequire } from 'node:module'; const require = cloud15CreateRequire(import.meta.url);" },
  });
  return join(outdir, "fleet-instance-process.mjs");
}

export class FunctionInstance {
  private next = 0;
  private readonly waiting = new Map<number, (report: InvocationReport) => void>();

  private constructor(readonly child: ChildProcess) {
    child.on("message", (m: InvocationReport) => {
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  /** Forks `module` with `execArgv` and the deployment's environment, and waits until it says it is ready. */
  static async start(env: Record<string, string>, module: string, execArgv: string[] = []): Promise<FunctionInstance> {
    const child = fork(module, [], { execArgv, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit", "ipc"] });
    await new Promise<void>((resolve, reject) => {
      child.once("message", () => resolve());
      child.once("exit", (code) => reject(new Error(`a function instance exited with ${code} before it was ready`)));
    });
    return new FunctionInstance(child);
  }

  invoke(request: Omit<InvocationRequest, "id">): Promise<InvocationReport> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...request, id });
    });
  }

  stop(): void {
    this.child.kill("SIGTERM");
  }
}
