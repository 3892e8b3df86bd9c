/**
 * One Lambda container of the fleet benchmarks, seen from the driver: a process of its own
 * (bench/fleet-instance-process.ts, or any module that answers the same messages) that runs
 * one invocation at a time, over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import type { InvocationReport, InvocationRequest } from "./fleet-instance-process.ts";

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
  static async start(env: Record<string, string>, module = new URL("./fleet-instance-process.ts", import.meta.url).pathname, execArgv = ["--import", "tsx"]): Promise<FunctionInstance> {
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
