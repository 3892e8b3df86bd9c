import { ConfigSchema } from "../../config/schema.ts";
import { FeedSchema } from "../../feed/schema.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { parseCommandArgs } from "../usage-error.ts";

export const schemaCommand: Command = {
  name: "schema",
  usage: `Usage: cloud15 schema [--config]

Prints the JSON Schema of the feed (the contract with dashboards), or with --config the
schema of the config file, on stdout.

Options:
  --config     print the config file's schema instead
  -h, --help   show this help`,

  async run(args) {
    const { values } = parseCommandArgs(args, { config: { type: "boolean", default: false } });
    // JSON.stringify drops TypeBox's symbol keys, leaving plain JSON Schema.
    process.stdout.write(`${JSON.stringify(values.config ? ConfigSchema : FeedSchema, null, 2)}\n`);
    return EXIT.ok;
  },
};
