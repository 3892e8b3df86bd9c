import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { isDate, isDateTime } from "../../feed/formats.ts";

export const BIN = fileURLToPath(new URL("../../bin/cloud15.mjs", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `cloud15` as a child process, as a user or a CI job would. */
export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => { stdout += d; });
    child.stderr.setEncoding("utf8").on("data", (d: string) => { stderr += d; });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * An ajv validator for a schema printed by `cloud15 schema`: a second, independent reading
 * of the contract, so a TypeBox quirk cannot make the feed and its own check agree wrongly.
 * ajv knows no formats without the ajv-formats package; the RFC 3339 checks are added here.
 */
export async function ajvFor(args: string[]): Promise<ValidateFunction> {
  const printed = await runCli(args);
  if (printed.code !== 0) throw new Error(`cloud15 ${args.join(" ")} failed: ${printed.stderr}`);
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat("date-time", isDateTime);
  ajv.addFormat("date", isDate);
  return ajv.compile(JSON.parse(printed.stdout));
}

/** A long-running `cloud15` (simulator, serve, demo) whose stdout is watched as it arrives. */
export interface LiveCli {
  child: ChildProcess;
  stdout(): string;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string): Promise<string>;
  /** Sends Ctrl-C and resolves to the exit code. */
  interrupt(): Promise<number | null>;
}

export function startCli(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): LiveCli {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  child.stdout!.setEncoding("utf8").on("data", (d: string) => { out += d; });
  child.stderr!.setEncoding("utf8").on("data", (d: string) => { err += d; });
  return {
    child,
    stdout: () => out,
    waitFor: (text) => new Promise((resolve, reject) => {
      const check = () => {
        if (out.includes(text)) return resolve(out);
        if (child.exitCode !== null) return reject(new Error(`cloud15 exited ${child.exitCode}: ${err}`));
        setTimeout(check, 50);
      };
      check();
    }),
    interrupt: async () => {
      child.kill("SIGINT");
      return exited;
    },
  };
}
