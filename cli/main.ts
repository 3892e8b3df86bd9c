import type { Command } from "./command.ts";
import { EXIT } from "./exit-codes.ts";
import { UsageError } from "./usage-error.ts";

/**
 * The commands, each loaded only when it runs: `cloud15 --help` then reads no simulator, SDK
 * or schema code, and a scan loads no simulator.
 */
const COMMANDS: readonly { name: string; summary: string; load(): Promise<Command> }[] = [
  { name: "scan", summary: "Scan the tenants in a config file and write their feeds", load: async () => (await import("./commands/scan.ts")).scanCommand },
  { name: "demo", summary: "Scan the simulated Example Co. (AWS, Microsoft 365, Google Workspace, online shop) and show its findings page", load: async () => (await import("./commands/demo.ts")).demoCommand },
  { name: "simulator", summary: "Run the simulated Example Co. AWS account for your own scans", load: async () => (await import("./commands/simulator.ts")).simulatorCommand },
  { name: "validate", summary: "Check a config file", load: async () => (await import("./commands/validate.ts")).validateCommand },
  { name: "schema", summary: "Print the feed's JSON Schema (or the config's, with --config)", load: async () => (await import("./commands/schema.ts")).schemaCommand },
  { name: "serve", summary: "Serve the findings page over a data folder", load: async () => (await import("./commands/serve.ts")).serveCommand },
  { name: "tickets", summary: "Deliver the ticket updates waiting in the outbox, without scanning", load: async () => (await import("./commands/tickets.ts")).ticketsCommand },
  { name: "link", summary: "Print a tenant's findings page link and API token on a Lambda deployment", load: async () => (await import("./commands/link.ts")).linkCommand },
];

const USAGE = `cloud15 checks a small company's cloud setup (AWS, Microsoft 365, Google Workspace)
against IPA's 15 items for safe cloud use, and writes a JSON feed.

Usage: cloud15 <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Run "cloud15 <command> --help" for its options. Try "cloud15 demo" first: it needs no
cloud account.

Exit codes:
  0  done: everything was read
  1  the scan could not run, or read nothing of a tenant (its previous results stay, marked stale)
  2  bad usage or bad config
  3  findings at or above --fail-on
  4  done, but not everything was read (a permission denied, a provider unreachable)`;

/** Runs one command line and resolves to the exit code; never calls process.exit itself. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const listed = COMMANDS.find((c) => c.name === name);
  if (!listed) {
    process.stderr.write(`cloud15: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const command = await listed.load();
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`cloud15 ${command.name}: ${err.message}\nRun "cloud15 ${command.name} --help" for usage.\n`);
      return EXIT.usage;
    }
    // Loaded here, not at start: the config code is already in memory once a command threw one.
    const { ConfigError } = await import("../config/load.ts");
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`cloud15 ${command.name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return EXIT.scanFailed;
  }
}
