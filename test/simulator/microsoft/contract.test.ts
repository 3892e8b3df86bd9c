import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectGraph, type GraphConnection } from "../../support/graph-sdk-client.ts";
import { ThrottleGate } from "../../../providers/microsoft/throttle.ts";
import { exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { changeItem, deleteItem } from "../../../simulator/microsoft/model.ts";
import { withEligibleGlobalAdmins } from "../../../simulator/microsoft/scenarios.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator } from "../../../simulator/microsoft/server.ts";
import { EXAMPLE_CO_CLIENT_SECRET } from "../../../simulator/microsoft/example-co.ts";
import { microsoftConfig } from "../../support/microsoft.ts";

/**
 * The simulator is held to Microsoft Graph's API reference, not to the parser's idea of it:
 * each fixture under contract/ is a documented example response (trimmed, with its page),
 * the simulator's answer to the same request is compared field by field where both have the
 * field, and every field the provider reads must be in both.
 */
interface Contract {
  source: string;
  request: string;
  reads: string[];
  documented: Record<string, unknown>;
  /** The reference page wraps the body in this key; the service sends it bare. */
  documentedWrapper?: string;
  /** Graph's version the request goes to (default v1.0): a few reads exist in beta only. */
  version?: "v1.0" | "beta";
}

const dir = new URL("./contract/", import.meta.url);
const contracts = readdirSync(dir).filter((f) => f.endsWith(".json"))
  .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(f, dir), "utf8")) as Contract] as const);

type JsonType = "string" | "number" | "boolean" | "object" | "array" | "null";

/** Every path in a JSON value with the types seen there; array items merge under `[]`. */
function shape(value: unknown, path = "", out = new Map<string, Set<JsonType>>()): Map<string, Set<JsonType>> {
  const type: JsonType = value === null ? "null" : Array.isArray(value) ? "array" : typeof value as JsonType;
  if (path !== "") out.set(path, (out.get(path) ?? new Set()).add(type));
  if (Array.isArray(value)) for (const item of value) shape(item, `${path}[]`, out);
  else if (type === "object") for (const [k, v] of Object.entries(value as object)) shape(v, path === "" ? k : `${path}.${k}`, out);
  return out;
}

/** Paths both carry with types that cannot meet (null meets anything: Graph sends null for "not set"). */
function mismatches(documented: Map<string, Set<JsonType>>, simulated: Map<string, Set<JsonType>>): string[] {
  const out: string[] = [];
  for (const [path, types] of documented) {
    const sim = simulated.get(path);
    if (!sim) continue;
    const a = [...types].filter((t) => t !== "null");
    const b = [...sim].filter((t) => t !== "null");
    if (a.length > 0 && b.length > 0 && !a.some((t) => b.includes(t))) out.push(`${path}: documented ${a.join("|")}, simulator ${b.join("|")}`);
  }
  return out;
}

let sim: MicrosoftSimulator;
let connection: GraphConnection;
beforeAll(async () => {
  const tenant = exampleCoTenant();
  withEligibleGlobalAdmins(tenant, [tenant.users.find((u) => u.userPrincipalName.startsWith("ito@"))!]);
  // Example Co. has none; the contract needs one to compare.
  tenant.sensitivityLabels = [{ id: "5f4c1b2e-0000-4000-8000-000000000001", name: "社外秘", isActive: true, sensitivity: 4 }];
  sim = await startMicrosoftSimulator({ tenant });
  connection = connectGraph(microsoftConfig(sim), { clientSecret: EXAMPLE_CO_CLIENT_SECRET }, new ThrottleGate(),
    { requestTimeoutMs: 10_000, maxSockets: 4, maxRetries: 0, caCertificatePem: sim.caCertificatePem });
});
afterAll(async () => {
  connection.destroy();
  await sim.stop();
});

/** Fills a request's placeholders; `{salesChanges}` is a deltaLink after which one file changed and one was deleted. */
async function request(template: string): Promise<string> {
  const salesSite = sim.tenant.sites.find((s) => s.webUrl.endsWith("/sites/sales"))!;
  const sales = salesSite.drives[0]!;
  const tanaka = sim.tenant.users.find((u) => u.userPrincipalName.startsWith("tanaka@"))!;
  if (template.includes("{salesChanges}")) {
    const full = await connection.client.api(`/drives/${sales.id}/root/delta`).get() as { "@odata.deltaLink": string };
    const [, proposal, figures] = sales.items.slice(1);
    changeItem(sales, figures!.id, (item) => { item.name = "売上実績_v2.xlsx"; });
    deleteItem(sales, proposal!.id);
    return full["@odata.deltaLink"];
  }
  return template
    .replace("{salesSite}", salesSite.id)
    .replace("{salesDrive}", sales.id)
    .replace("{catalogue}", sales.items.find((i) => i.name === "製品カタログ.pdf")!.id)
    .replace("{tanaka}", tanaka.id);
}

describe("Microsoft simulator against the documented Graph example responses", () => {
  it("has a contract for every shape the provider reads", () => {
    expect(contracts.map(([name]) => name).sort()).toEqual([
      "all-sites", "authentication-methods", "backup-restore", "conditional-access-policies", "drive-delta", "health-overviews",
      "item-permissions", "organization", "protection-policies", "role-assignments", "role-eligibility-schedules", "secure-score-control-profiles",
      "secure-scores", "security-defaults", "sensitivity-labels", "sharepoint-settings", "site-drives", "subscribed-skus", "user-registration-details",
      "users-signinactivity",
    ]);
    for (const [, c] of contracts) expect(c.source).toMatch(/^https:\/\/learn\.microsoft\.com\/graph\/api\//);
  });

  for (const [name, contract] of contracts) {
    it(`${name}: answers ${contract.request.split("?")[0]} in the shape ${contract.source.split(" ")[0]} documents`, async () => {
      const answer = await connection.client.api(await request(contract.request)).version(contract.version ?? "v1.0").get() as Record<string, unknown>;
      const documentedBody = contract.documentedWrapper ? contract.documented[contract.documentedWrapper] : contract.documented;
      const documented = shape(documentedBody);
      const simulated = shape(answer);
      expect(mismatches(documented, simulated)).toEqual([]);
      for (const path of contract.reads) {
        expect([path, documented.has(path)]).toEqual([path, true]);
        expect([path, simulated.has(path)]).toEqual([path, true]);
      }
    });
  }
});
