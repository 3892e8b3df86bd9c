import { TenantSchema } from "../config/schema.ts";

/** The config's own rule for tenant ids, so the store accepts exactly what a config may name. */
const TENANT_ID = new RegExp(TenantSchema.properties.id.pattern!);

/**
 * Tenant ids become folder names; this is the only gate between an id and the file
 * system, so `..`, slashes and the like never reach a path.
 */
export function assertTenantId(tenantId: string): string {
  if (!TENANT_ID.test(tenantId)) {
    throw new Error(`invalid tenant id ${JSON.stringify(tenantId)}: expected lower-case letters, digits and hyphens`);
  }
  return tenantId;
}
