import type { TenantConfig } from "../config/schema.ts";
import type { AwsCredentials } from "../providers/aws/clients.ts";

/**
 * The simulator accepts any signature; these stand in for real keys so the SDK's default
 * chain is never consulted. They are handed over in code, never put in a config file.
 */
export const SIMULATOR_CREDENTIALS: AwsCredentials = {
  accessKeyId: "AKIAEXAMPLECOSIM0000",
  secretAccessKey: "simulator-only-not-a-secret",
};

/** The demo tenant: the simulated Example Co. account behind `endpoint`. */
export function exampleCoTenant(endpoint: string): TenantConfig {
  return {
    id: "example-co",
    name: "株式会社エグザンプル (Example Co.)",
    language: "ja",
    aws: { region: "ap-northeast-1", endpoint },
  };
}
