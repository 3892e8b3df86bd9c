import { loadConfig } from "../../config/load.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { cliTicketSync } from "../ticket-sync.ts";
import { parseCommandArgs, UsageError } from "../usage-error.ts";

export const ticketsCommand: Command = {
  name: "tickets",
  usage: `Usage: cloud15 tickets --config FILE [--tenant ID] [--data DIR] [--retry-dead]

Sends what DATA/<tenant>/tickets/outbox.json holds to each tenant's ticket targets
(tenants[].tickets in the config): updates a tracker could not take during a scan, now
that it is back. "cloud15 scan" does the same after every scan. Counts go to stderr.

Options:
  --config FILE    the config file
  --tenant ID      only this tenant
  --data DIR       the data folder the scans wrote (default ./data)
  --retry-dead     give updates that were given up another round of attempts
  -h, --help       show this help

Exit codes: 0 nothing failed, 1 a delivery failed (it stays in the outbox),
2 bad usage or bad config.`,

  async run(args) {
    const { values } = parseCommandArgs(args, {
      config: { type: "string" },
      tenant: { type: "string" },
      data: { type: "string", default: "./data" },
      "retry-dead": { type: "boolean", default: false },
    });
    if (!values.config) throw new UsageError("--config FILE is required");
    const config = await loadConfig(values.config);
    const tenants = values.tenant === undefined ? config.tenants : config.tenants.filter((t) => t.id === values.tenant);
    if (tenants.length === 0) {
      throw new UsageError(`no tenant ${JSON.stringify(values.tenant)} in ${values.config} (it has: ${config.tenants.map((t) => t.id).join(", ")})`);
    }
    const sync = cliTicketSync(config, values.data);
    let failed = false;
    for (const tenant of tenants) {
      const report = await sync.deliver(tenant, { retryDead: values["retry-dead"] });
      if (report.targets.some((t) => t.failed > 0 || t.problems.length > 0)) failed = true;
    }
    return failed ? EXIT.scanFailed : EXIT.ok;
  },
};
