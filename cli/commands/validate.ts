import { unsetEnvReferences } from "../../config/env-references.ts";
import { loadConfig } from "../../config/load.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { parseCommandArgs, UsageError } from "../usage-error.ts";

export const validateCommand: Command = {
  name: "validate",
  usage: `Usage: cloud15 validate FILE

Checks FILE against the config schema and the rules a schema cannot say (unique tenant
ids, ...). Prints each problem with the file, the key and what was expected (the first 10,
then how many more), the key a misspelt one most likely meant, and a warning for each
{"env": NAME} secret reference whose variable is not set in this shell.

Exit codes: 0 valid (warnings or not), 2 invalid or unreadable.

Options:
  -h, --help   show this help`,

  async run(args) {
    const { positionals } = parseCommandArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError("expects exactly one FILE");
    const file = positionals[0]!;
    const config = await loadConfig(file);
    for (const ref of unsetEnvReferences(config)) {
      process.stderr.write(`${file}: warning: ${ref.where} refers to the environment variable ${ref.name}, which is not set here: a scan from this shell could not read that secret\n`);
    }
    const ids = config.tenants.map((t) => t.id).join(", ");
    process.stdout.write(`${file}: valid, ${config.tenants.length} tenant${config.tenants.length === 1 ? "" : "s"} (${ids})\n`);
    return EXIT.ok;
  },
};
