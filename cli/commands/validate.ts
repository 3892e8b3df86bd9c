import { loadConfig } from "../../config/load.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { parseCommandArgs, UsageError } from "../usage-error.ts";

export const validateCommand: Command = {
  name: "validate",
  usage: `Usage: cloud15 validate FILE

Checks FILE against the config schema and the rules a schema cannot say (unique tenant
ids, ...). Prints each problem with the file, the key and what was expected.

Exit codes: 0 valid, 2 invalid or unreadable.

Options:
  -h, --help   show this help`,

  async run(args) {
    const { positionals } = parseCommandArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError("expects exactly one FILE");
    const file = positionals[0]!;
    const config = await loadConfig(file);
    const ids = config.tenants.map((t) => t.id).join(", ");
    process.stdout.write(`${file}: valid, ${config.tenants.length} tenant${config.tenants.length === 1 ? "" : "s"} (${ids})\n`);
    return EXIT.ok;
  },
};
