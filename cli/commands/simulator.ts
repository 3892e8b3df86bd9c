import type { Config } from "../../config/schema.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator } from "../../simulator/aws/server.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { exampleCoTenant, SIMULATOR_CREDENTIALS } from "../example-co.ts";
import { untilInterrupted } from "../until-interrupted.ts";
import { parseCommandArgs, parsePort } from "../usage-error.ts";

/** Fixed by default so a saved config keeps working across runs. */
const DEFAULT_PORT = 4515;

export const simulatorCommand: Command = {
  name: "simulator",
  usage: `Usage: cloud15 simulator [--port N]

Runs the simulated AWS account of Example Co. (S3, S3 Control, IAM, STS, Backup over
their real wire formats) and prints a config for it and the dummy credentials to export.
Runs until Ctrl-C.

Options:
  --port N     port to listen on (default ${DEFAULT_PORT}; 0 for a free one)
  -h, --help   show this help`,

  async run(args) {
    const { values } = parseCommandArgs(args, { port: { type: "string" } });
    const port = parsePort(values.port) ?? DEFAULT_PORT;
    const simulator = await startAwsSimulator({ account: exampleCoAccount(), port });
    const config: Config = { tenants: [exampleCoTenant(simulator.endpoint)] };
    process.stdout.write(`Simulated AWS account ${simulator.account.accountId} (Example Co.) at ${simulator.endpoint}

Save this config, e.g. as cloud15.simulator.json:
${JSON.stringify(config, null, 2)}

Then, in another shell, with the simulator's dummy credentials:
  export AWS_ACCESS_KEY_ID=${SIMULATOR_CREDENTIALS.accessKeyId}
  export AWS_SECRET_ACCESS_KEY=${SIMULATOR_CREDENTIALS.secretAccessKey}
  cloud15 scan --config cloud15.simulator.json

Press Ctrl-C to stop.
`);
    await untilInterrupted();
    await simulator.stop();
    return EXIT.ok;
  },
};
