/** One `cloud15 <name>` command. */
export interface Command {
  name: string;
  /** Full `--help` text. */
  usage: string;
  /** Resolves to the exit code; throws UsageError or ConfigError for exit 2. */
  run(args: string[]): Promise<number>;
}

/**
 * The scan pipeline pulls in the AWS SDK (most of the start-up time); `--help`, `schema`
 * and `validate` never need it, so the commands that scan load it when they run.
 */
export async function loadRunScans() {
  return (await import("./run-scans.ts")).runScans;
}
