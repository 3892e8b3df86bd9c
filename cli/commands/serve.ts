import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { untilInterrupted } from "../until-interrupted.ts";
import { parseCommandArgs, parsePort } from "../usage-error.ts";

export const serveCommand: Command = {
  name: "serve",
  usage: `Usage: cloud15 serve --data DIR [--port N]

Serves the owner's findings page for every tenant with a feed in DIR and prints one
signed link per tenant. Runs until Ctrl-C.

Options:
  --data DIR     the data folder a scan wrote (default ./data)
  --port N       port to listen on (default: a free one)
  -h, --help     show this help`,

  async run(args) {
    const { values } = parseCommandArgs(args, {
      data: { type: "string", default: "./data" },
      port: { type: "string" },
    });
    const port = parsePort(values.port);
    const { startFindingsServer } = await loadPageServer();
    const server = await startFindingsServer({ dataDir: values.data, ...(port !== undefined ? { port } : {}) });
    printLinks(server);
    await untilInterrupted();
    await server.stop();
    return EXIT.ok;
  },
};

/** Loaded only when a page is served: `demo --no-serve` and `scan` never need it. */
export function loadPageServer() {
  return import("../../page/server.ts");
}

/** The links go last, where the owner's eye lands when the command settles. */
export function printLinks(server: { url: string; links: { tenantId: string; url: string }[] }): void {
  process.stdout.write(`Findings page: ${server.url}\n`);
  if (server.links.length === 0) process.stdout.write("No tenant has a feed yet: run a scan first.\n");
  for (const link of server.links) process.stdout.write(`  ${link.tenantId}: ${link.url}\n`);
  process.stdout.write("Press Ctrl-C to stop.\n");
}
