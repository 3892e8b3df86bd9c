/**
 * The customers of the fleet benchmark, in processes of their own so that their work does not
 * count against the functions' durations: one simulated AWS account per tenant, and Microsoft
 * 365 and Google Workspace tenants for some. Every tenth tenant is large, two in ten are
 * middle-sized with all three clouds or two, the rest tiny; the first N of them make a fleet
 * of N with the same mix at 10, 50 or 100. bench/fleet.ts starts several, each serving the
 * tenants whose number leaves `part` divided by `parts` (so five large tenants scanned at once
 * are not all answered by one event loop), and hands each the Microsoft simulators'
 * certificate (CLOUD15_FLEET_CERTIFICATE: JSON of certPem and keyPem): one for all, which the
 * functions trust through NODE_EXTRA_CA_CERTS. Prints one JSON line (its FleetTenant[]), then
 * serves until killed.
 *   node --import tsx bench/fleet-tenants-process.ts [tenants] [latencyMs] [part] [parts]
 */
import { exampleCoAccount, largeAccount } from "../simulator/aws/example-co.ts";
import { startAwsSimulator } from "../simulator/aws/server.ts";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../simulator/google/example-co.ts";
import { startGoogleSimulator } from "../simulator/google/server.ts";
import { EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_CLIENT_SECRET, exampleCoTenant } from "../simulator/microsoft/example-co.ts";
import { LARGE_CLIENT_ID, LARGE_CLIENT_SECRET, largeTenant } from "../simulator/microsoft/large-tenant.ts";
import { microsoftSimulatorCertificate, startMicrosoftSimulator } from "../simulator/microsoft/server.ts";

export type TenantSize = "large" | "medium" | "tiny";

export interface FleetTenant {
  id: string;
  size: TenantSize;
  aws: { endpoint: string; accountId: string; externalId: string };
  microsoft?: { origin: string; tenantId: string; clientId: string; clientSecret: string };
  google?: { rootUrl: string; tokenUrl: string; adminEmail: string; serviceAccountKey: string };
}

/** A tenant's place in every ten decides its size and clouds, so each fleet size has the same mix. */
export function tenantPlan(i: number): { size: TenantSize; microsoft: boolean; google: boolean } {
  const k = i % 10;
  if (k === 0) return { size: "large", microsoft: true, google: false };
  if (k === 1) return { size: "medium", microsoft: true, google: true };
  if (k === 2) return { size: "medium", microsoft: false, google: true };
  return { size: "tiny", microsoft: false, google: false };
}

const [count = "100", latency = "20", part = "0", parts = "1"] = process.argv.slice(2);
const latencyMs = Number(latency);
const stops: (() => Promise<void>)[] = [];
// One for every Microsoft simulator: trusted once through NODE_EXTRA_CA_CERTS, it is found for each (one per simulator were all named alike, and only the first was trusted).
const certificate = JSON.parse(process.env.CLOUD15_FLEET_CERTIFICATE ?? "null") as { certPem: string; keyPem: string } | null ?? microsoftSimulatorCertificate();
const tenants: FleetTenant[] = [];

for (let i = Number(part); i < Number(count); i += Number(parts)) {
  const plan = tenantPlan(i);
  const id = `fleet-${String(i).padStart(3, "0")}`;
  const accountId = `2000000${String(i).padStart(5, "0")}`;
  const externalId = `ext-${id}`;
  const account = plan.size === "large" ? largeAccount({ buckets: 500, users: 300 }) : exampleCoAccount();
  const aws = await startAwsSimulator({ account: { ...account, accountId, requiredExternalId: externalId }, latencyMs });
  stops.push(() => aws.stop());
  const tenant: FleetTenant = { id, size: plan.size, aws: { endpoint: aws.endpoint, accountId, externalId } };

  if (plan.microsoft) {
    const large = plan.size === "large";
    const m365 = await startMicrosoftSimulator({
      tenant: large ? largeTenant({ users: 500, driveItems: 2000, sharedRatio: 0.02 }) : exampleCoTenant(),
      latencyMs,
      certificate,
    });
    stops.push(() => m365.stop());
    tenant.microsoft = {
      origin: m365.origin,
      tenantId: m365.tenant.tenantId,
      clientId: large ? LARGE_CLIENT_ID : EXAMPLE_CO_CLIENT_ID,
      clientSecret: large ? LARGE_CLIENT_SECRET : EXAMPLE_CO_CLIENT_SECRET,
    };
  }
  if (plan.google) {
    const workspace = await startGoogleSimulator({ workspace: exampleCoWorkspace(), latencyMs });
    stops.push(() => workspace.stop());
    tenant.google = { rootUrl: workspace.rootUrl, tokenUrl: workspace.tokenUrl, adminEmail: EXAMPLE_CO_ADMIN, serviceAccountKey: workspace.serviceAccountKey };
  }
  tenants.push(tenant);
}

process.stdout.write(`${JSON.stringify({ tenants })}\n`);
process.on("SIGTERM", () => { void Promise.all(stops.map((s) => s())).then(() => process.exit(0)); });
