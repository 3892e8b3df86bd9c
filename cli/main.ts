import { ConfigError } from "../config/load.ts";
import type { Command } from "./command.ts";
import { demoCommand } from "./commands/demo.ts";
import { linkCommand } from "./commands/link.ts";
import { scanCommand } from "./commands/scan.ts";
import { schemaCommand } from "./commands/schema.ts";
import { serveCommand } from "./commands/serve.ts";
import { simulatorCommand } from "./commands/simulator.ts";
import { ticketsCommand } from "./commands/tickets.ts";
import { validateCommand } from "./commands/validate.ts";
import { EXIT } from "./exit-codes.ts";
import { UsageError } from "./usage-error.ts";

const COMMANDS: readonly Command[] = [scanCommand, demoCommand, simulatorCommand, validateCommand, schemaCommand, serveCommand, ticketsCommand, linkCommand];

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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`cloud15: unknown command ${JSON.stringify(name)}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
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
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`cloud15 ${command.name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return EXIT.scanFailed;
  }
}
