import type { Provider } from "../checks/framework.ts";
import { TENANT_ID } from "../page/auth.ts";

/**
 * What each provider's scan queue carries, and what a direct invoke of a scan function takes:
 * a tenant and the scan round dispatch started for it (its id, its clock, and every provider
 * it waits for). The queue says which provider. Never the config or a secret: the scanner
 * reads those itself, at run time.
 */
export interface ScanMessage {
  tenantId: string;
  scanId: string;
  /** ISO 8601. */
  startedAt: string;
  providers: Provider[];
}

const SCAN_ID = /^[0-9a-f-]{36}$/;
const PROVIDERS: readonly string[] = ["aws", "microsoft", "google", "site"] satisfies Provider[];

/** The message, or an explanation of why it is not one (a poison message is logged and dropped, never retried). */
export function parseScanMessage(value: unknown): ScanMessage | string {
  if (typeof value !== "object" || value === null) return "not an object";
  const { tenantId, scanId, startedAt, providers } = value as Record<string, unknown>;
  if (typeof tenantId !== "string" || !TENANT_ID.test(tenantId)) return "tenantId is not a tenant id";
  if (typeof scanId !== "string" || !SCAN_ID.test(scanId)) return "scanId is not a scan id";
  if (typeof startedAt !== "string" || Number.isNaN(Date.parse(startedAt))) return "startedAt is not a time";
  if (!Array.isArray(providers) || providers.length === 0 || providers.some((p) => typeof p !== "string" || !PROVIDERS.includes(p)) || new Set(providers).size !== providers.length) {
    return "providers is not a list of providers";
  }
  return { tenantId, scanId, startedAt, providers: providers as Provider[] };
}
