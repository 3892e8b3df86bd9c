import { MICROSOFT_CHECKS } from "../checks/microsoft/index.ts";
import type { ResourceRef } from "../checks/framework.ts";
import { resolvePolicy } from "../config/load.ts";
import type { MicrosoftTenantConfig, TenantConfig } from "../config/schema.ts";
import type { MicrosoftSecrets } from "../providers/microsoft/transport.ts";
import type { DeltaStateStore } from "../providers/microsoft/delta-state.ts";
import type { MicrosoftFacts } from "../providers/microsoft/facts.ts";
import { SecretError, SecretReader, type SecretRef } from "../secrets/secret-ref.ts";
import type { Collected, CollectRequest, ProviderScanner, ProviderStateStore } from "./provider-scanner.ts";

/** The delta state's name in the tenant's state store: `DATA/<tenant>/state/microsoft-delta.json` on a laptop. */
export const DELTA_STATE_NAME = "microsoft-delta";

export const microsoftScanner: ProviderScanner<MicrosoftFacts> = {
  provider: "microsoft",
  checks: MICROSOFT_CHECKS,
  configured: (tenant) => tenant.microsoft !== undefined,
  fallbackResource,
  keepsState: true,

  async collect(tenant: TenantConfig, request: CollectRequest): Promise<Collected<MicrosoftFacts>> {
    if (!tenant.microsoft) throw new Error(`tenant ${tenant.id} has no microsoft settings`);
    const handed = request.credentials?.microsoft;
    // Loaded only for a tenant that uses it, so an AWS-only scan (and its cold start on Lambda,
    // where the bundle keeps this in its own chunk) never loads the Microsoft SDKs.
    const { collectMicrosoftFacts } = await import("../providers/microsoft/collect.ts");
    const collection = await collectMicrosoftFacts(tenant.microsoft, {
      secrets: await secretsFor(tenant.microsoft, handed),
      ownerPolicy: { anyoneLinks: resolvePolicy(tenant).anyoneLinks },
      ...(handed?.caCertificatePem ? { tuning: { caCertificatePem: handed.caCertificatePem } } : {}),
      ...(request.concurrency ? { concurrency: request.concurrency } : {}),
      ...(request.deadline ? { deadline: request.deadline } : {}),
      ...(request.state ? { state: deltaStore(request.state) } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    return {
      facts: collection.facts,
      tenantResource: fallbackResource(tenant),
      apiCalls: collection.apiCalls,
      errors: collection.errors,
      reachedAccount: collection.facts.organization.ok,
      ...(collection.organization ? { account: `${collection.organization.displayName} (${collection.organization.id})` } : {}),
      startedAt: collection.startedAt,
      finishedAt: collection.finishedAt,
      ...(collection.notes.length > 0 ? { notes: collection.notes } : {}),
    };
  },
};

/**
 * The configured tenant id (a GUID or the tenant's domain) stands for the tenant: known
 * before any call, so account-level findings keep their ids even when a scan fails.
 */
function fallbackResource(tenant: TenantConfig): ResourceRef {
  const id = tenant.microsoft?.tenantId ?? tenant.id;
  return { uid: `entra:tenants/${id}`, name: `Microsoft 365 (${id})`, type: "Microsoft.Entra/Tenant", consoleUrl: "https://admin.microsoft.com/" };
}

/** Secret values handed in (the demo, tests) win; otherwise the config's references are read now, never stored. */
async function secretsFor(config: MicrosoftTenantConfig, handed: MicrosoftSecrets | undefined): Promise<MicrosoftSecrets> {
  if (handed?.clientSecret || handed?.certificatePem) return handed;
  const reader = new SecretReader();
  const read = async (key: "clientSecret" | "certificate", ref: SecretRef) => {
    try {
      return await reader.read(ref);
    } catch (err) {
      if (err instanceof SecretError) throw Object.assign(new Error(`microsoft.${key}: ${err.message}`), { name: "SecretError" });
      throw err;
    }
  };
  if (config.certificate) return { certificatePem: await read("certificate", config.certificate) };
  if (config.clientSecret) return { clientSecret: await read("clientSecret", config.clientSecret) };
  throw Object.assign(new Error("microsoft: set clientSecret or certificate to where the app registration's secret or certificate is kept"), { name: "ConfigError" });
}

function deltaStore(state: ProviderStateStore): DeltaStateStore {
  return { load: () => state.read(DELTA_STATE_NAME), save: (value) => state.write(DELTA_STATE_NAME, value) };
}
