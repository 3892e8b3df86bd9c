/**
 * The simulated Microsoft 365 tenant of the benchmark, in its own process so that its work
 * does not count against the scanner's wall time or memory. Warmed up before it serves (see
 * warm-up.ts). Prints its origin and certificate, then serves until killed.
 */
import { largeTenant } from "../simulator/microsoft/large-tenant.ts";
import { startMicrosoftSimulator } from "../simulator/microsoft/server.ts";
import { warmUp } from "../simulator/microsoft/warm-up.ts";

const [users = "5000", driveItems = "20000", sharedRatio = "0.02", latencyMs = "20"] = process.argv.slice(2);
const tenant = largeTenant({ users: Number(users), driveItems: Number(driveItems), sharedRatio: Number(sharedRatio) });
warmUp(tenant);
const sim = await startMicrosoftSimulator({ tenant, latencyMs: Number(latencyMs) });
process.stdout.write(`${JSON.stringify({
  origin: sim.origin,
  caCertificatePem: sim.caCertificatePem,
  tenantId: tenant.tenantId,
  sites: tenant.sites.length,
  teamSites: tenant.sites.filter((s) => !s.personal).length,
  drives: tenant.sites.flatMap((s) => s.drives).length,
  shared: tenant.sites.flatMap((s) => s.drives).flatMap((d) => d.items).filter((i) => i.permissions.length > 0).length,
  roleAssignments: tenant.roleAssignments.length,
  backupEnabled: tenant.backup.status === "enabled",
})}\n`);
process.on("SIGTERM", () => { void sim.stop().then(() => process.exit(0)); });
