import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator } from "../../simulator/aws/server.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";
import { loadRunScans, type Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { exampleCoTenant, SIMULATOR_CREDENTIALS } from "../example-co.ts";
import { loadPageServer, printLinks } from "./serve.ts";
import { untilInterrupted } from "../until-interrupted.ts";
import { parseCommandArgs, parsePort } from "../usage-error.ts";

export const demoCommand: Command = {
  name: "demo",
  summary: "Scan the simulated Example Co. account and show its findings page",
  usage: `Usage: cloud15 demo [--data DIR] [--no-serve] [--port N]

Starts a simulated AWS account for Example Co. (株式会社エグザンプル) in this process,
scans it as tenant "example-co", writes DATA/example-co/feed.json and prints the summary.
Then serves the findings page and prints its signed link, until Ctrl-C.
Needs no cloud account and no credentials.

Options:
  --data DIR     where the feed is written (default ./demo-data)
  --no-serve     stop after the scan instead of serving the page
  --port N       port for the page (default: a free one)
  -h, --help     show this help`,

  async run(args) {
    const { values } = parseCommandArgs(args, {
      data: { type: "string", default: "./demo-data" },
      "no-serve": { type: "boolean", default: false },
      port: { type: "string" },
    });
    const port = parsePort(values.port);

    const simulator = await startAwsSimulator({ account: exampleCoAccount() });
    let code: number;
    try {
      code = await (await loadRunScans())({
        tenants: [exampleCoTenant(simulator.endpoint)],
        store: new FsFeedStore(values.data),
        credentials: { aws: SIMULATOR_CREDENTIALS },
      });
    } finally {
      await simulator.stop();
    }
    if (code === EXIT.scanFailed || values["no-serve"]) return code;

    const { startFindingsServer } = await loadPageServer();
    const server = await startFindingsServer({ dataDir: values.data, ...(port !== undefined ? { port } : {}) });
    printLinks(server);
    await untilInterrupted();
    await server.stop();
    return code;
  },
};
