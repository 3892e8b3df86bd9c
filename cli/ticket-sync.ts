import type { Config } from "../config/schema.ts";
import { SecretReader } from "../secrets/secret-ref.ts";
import type { DeliveryReport } from "../tickets/deliver.ts";
import { FsTicketStore } from "../tickets/fs-ticket-store.ts";
import { TicketSync } from "../tickets/sync.ts";

/** Ticket sync over the data folder, reporting each tenant's deliveries on stderr. */
export function cliTicketSync(config: Config, dataDir: string): TicketSync {
  return new TicketSync({
    store: new FsTicketStore(dataDir),
    secrets: new SecretReader(),
    ...(config.pageUrl ? { pageUrl: config.pageUrl } : {}),
    onReport: (report) => {
      const text = formatDeliveryReport(report);
      if (text) process.stderr.write(`${text}\n`);
    },
  });
}

/** One line per target (`example-co: tickets redmine: 3 delivered, 0 waiting, 0 dead`), then why attempts failed. */
function formatDeliveryReport(report: DeliveryReport): string {
  const lines: string[] = [];
  for (const t of report.targets) {
    const failed = t.failed > 0 ? `, ${t.failed} failed (kept for the next run)` : "";
    lines.push(`${report.tenantId}: tickets ${t.targetId}: ${t.delivered} delivered, ${t.waiting} waiting, ${t.dead} dead${failed}`);
    for (const problem of t.problems) lines.push(`  ${problem}`);
  }
  if (report.orphaned > 0) {
    lines.push(`${report.tenantId}: ${report.orphaned} ticket update(s) wait for a target no longer in the config`);
  }
  return lines.join("\n");
}
