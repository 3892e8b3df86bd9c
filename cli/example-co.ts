import type { GoogleTenantConfig, MicrosoftTenantConfig, TenantConfig } from "../config/schema.ts";
import type { SiteConfig } from "../config/site-config.ts";
import type { AwsCredentials } from "../providers/aws/clients.ts";
import { EXAMPLE_CO_ADMIN } from "../simulator/google/example-co.ts";
import { EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_TENANT_ID } from "../simulator/microsoft/example-co.ts";

/**
 * The simulator accepts any signature; these stand in for real keys so the SDK's default
 * chain is never consulted. They are handed over in code, never put in a config file.
 */
export const SIMULATOR_CREDENTIALS: AwsCredentials = {
  accessKeyId: "AKIAEXAMPLECOSIM0000",
  secretAccessKey: "simulator-only-not-a-secret",
};

/** The demo tenant: the simulated Example Co. account behind `endpoint`, and its Workspace, Microsoft 365 and online shop when given. */
export function exampleCoTenant(endpoint: string, google?: GoogleTenantConfig, microsoft?: MicrosoftTenantConfig, sites?: SiteConfig[]): TenantConfig {
  return {
    id: "example-co",
    name: "株式会社エグザンプル (Example Co.)",
    language: "ja",
    aws: { region: "ap-northeast-1", endpoint },
    ...(google ? { google } : {}),
    ...(microsoft ? { microsoft } : {}),
    ...(sites ? { sites } : {}),
  };
}

/**
 * Example Co.'s Workspace behind a Google simulator. The key reference says where a real
 * deployment keeps its key; the demo hands the simulator's key to the scan instead
 * (ScanCredentials), so no key is ever written to a file.
 */
export function exampleCoGoogle(simulator: { rootUrl: string; tokenUrl: string }): GoogleTenantConfig {
  return {
    adminEmail: EXAMPLE_CO_ADMIN,
    serviceAccountKey: { env: "CLOUD15_EXAMPLE_CO_GOOGLE_KEY" },
    rootUrl: simulator.rootUrl,
    tokenUrl: simulator.tokenUrl,
  };
}

/**
 * Example Co.'s Microsoft 365 behind a Microsoft simulator (Entra token endpoint and Graph on
 * one https origin). As for Google, the secret reference says where a real deployment keeps
 * it; the demo hands the simulator's secret and certificate authority to the scan instead.
 */
export function exampleCoMicrosoft(simulator: { origin: string }): MicrosoftTenantConfig {
  return {
    tenantId: EXAMPLE_CO_TENANT_ID,
    clientId: EXAMPLE_CO_CLIENT_ID,
    clientSecret: { env: "CLOUD15_EXAMPLE_CO_GRAPH_SECRET" },
    graphUrl: simulator.origin,
    authorityHost: simulator.origin,
  };
}
