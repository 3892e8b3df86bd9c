import type { CloudProvider, Provider } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";

/**
 * The clouds a tenant's config sets up, in the feed's order: what the nightly scan round waits
 * for. The same test as each scanner's `configured`, without importing the scanners (dispatch
 * carries no provider SDK).
 */
export function configuredProviders(tenant: TenantConfig): CloudProvider[] {
  return (["aws", "microsoft", "google"] as const).filter((provider) => tenant[provider] !== undefined);
}

/** Everything the tenant has: its clouds, and its online shop when it watches one. */
export function tenantProviders(tenant: TenantConfig): Provider[] {
  return [...configuredProviders(tenant), ...((tenant.sites?.length ?? 0) > 0 ? ["site" as const] : [])];
}
