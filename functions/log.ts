import type { DeliveryReport } from "../tickets/deliver.ts";

/**
 * One JSON object per line, so CloudWatch Logs Insights can filter on fields. Callers pass
 * tenant ids, counts and error names: never a secret, a token or a feed.
 */
export function log(level: "info" | "warn" | "error", message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

/** One line per ticket target: counts, and why attempts failed (the adapters keep secrets out of that text). */
export function logDeliveryReport(report: DeliveryReport): void {
  for (const t of report.targets) {
    log(t.failed > 0 || t.problems.length > 0 ? "warn" : "info", "tickets delivered", { tenantId: report.tenantId, ...t });
  }
  if (report.orphaned > 0) log("warn", "ticket updates wait for a target no longer in the config", { tenantId: report.tenantId, orphaned: report.orphaned });
}
