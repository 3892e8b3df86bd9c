import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { untilInterrupted } from "../until-interrupted.ts";
import { parseCommandArgs, parsePort } from "../usage-error.ts";

export const serveCommand: Command = {
  name: "serve",
  usage: `Usage: cloud15 serve --data DIR [--port N]

Serves the owner's findings page for every tenant with a feed in DIR and prints, per
tenant, its API token (Authorization: Bearer, for dashboards) and its signed link (last),
after the IT vendor's signed link to the overview of every tenant (/vendor/). Links are
valid 7 days. Runs until Ctrl-C.

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

/**
 * One write, so a reader never sees half of it. The owner's link goes last, where the eye
 * lands when the command settles (the demo's last line is its tenant's link); before it each
 * tenant's API token for dashboards, and first the IT vendor's overview of every tenant.
 */
export function formatLinks(server: { url: string; vendorLink: string; links: { tenantId: string; url: string; apiToken: string }[] }): string {
  const lines = [`Findings page: ${server.url} (press Ctrl-C to stop; links are valid for 7 days)`];
  if (server.links.length === 0) {
    lines.push("No tenant has a feed yet: run a scan first.");
    return `${lines.join("\n")}\n`;
  }
  lines.push(`  IT vendor's overview of every tenant: ${server.vendorLink}`);
  for (const link of server.links) {
    lines.push(`  ${link.tenantId} API token (Authorization: Bearer): ${link.apiToken}`);
    lines.push(`  ${link.tenantId}: ${link.url}`);
  }
  return `${lines.join("\n")}\n`;
}

export function printLinks(server: Parameters<typeof formatLinks>[0]): void {
  process.stdout.write(formatLinks(server));
}
