import { AWS_CHECKS } from "../checks/aws/index.ts";
import type { Check, Provider, ResourceRef } from "../checks/framework.ts";
import { GOOGLE_CHECKS } from "../checks/google/index.ts";
import { MICROSOFT_CHECKS } from "../checks/microsoft/index.ts";
import type { TenantConfig } from "../config/schema.ts";

/**
 * Every provider's checks without its collector (checks are plain code over facts, no SDK):
 * whichever provider function assembles a scan round rebuilds the other providers' results
 * from their checkpoints with these, without loading their SDKs.
 */
export const PROVIDER_CHECKS: Record<Provider, readonly Check<any>[]> = {
  aws: AWS_CHECKS,
  microsoft: MICROSOFT_CHECKS,
  google: GOOGLE_CHECKS,
};

/**
 * What stands for each provider's account when its own id is unknown (the scan could not even
 * identify it, or failed): known before any call, so account-level findings keep their ids
 * even when a scan fails. Here rather than in the scanners, so that any provider function can
 * say that another provider failed without loading that provider's SDK.
 */
export const FALLBACK_RESOURCE: Record<Provider, (tenant: TenantConfig) => ResourceRef> = {
  aws: (tenant) => ({ uid: `aws:tenant/${tenant.id}`, name: `AWS (${tenant.id})`, type: "AWS::Account" }),
  microsoft: (tenant) => {
    // The configured tenant id (a GUID or the tenant's domain) stands for the tenant.
    const id = tenant.microsoft?.tenantId ?? tenant.id;
    return { uid: `entra:tenants/${id}`, name: `Microsoft 365 (${id})`, type: "Microsoft.Entra/Tenant", consoleUrl: "https://admin.microsoft.com/" };
  },
  google: (tenant) => {
    // The Workspace domain (from the administrator's address) stands for the customer.
    const domain = tenant.google?.adminEmail.split("@")[1] ?? tenant.id;
    return { uid: `google:domain/${domain}`, name: `Google Workspace ${domain}`, type: "Google::Workspace::Customer", consoleUrl: "https://admin.google.com/" };
  },
};

/**
 * The clouds a tenant's config sets up, in the feed's order: what a scan round waits for.
 * The same test as each scanner's `configured`, without importing the scanners (dispatch
 * carries no provider SDK).
 */
export function configuredProviders(tenant: TenantConfig): Provider[] {
  return (["aws", "microsoft", "google"] as const).filter((provider) => tenant[provider] !== undefined);
}
