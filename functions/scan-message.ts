import { TENANT_ID } from "../page/auth.ts";

/**
 * What the scan queue carries, and what a direct invoke of `scan` takes: a tenant, and for a
 * continuation the scan it continues. Never the config or a secret: the scanner reads those
 * itself, at run time.
 */
export interface ScanMessage {
  tenantId: string;
  scanId?: string;
}

const SCAN_ID = /^[0-9a-f-]{36}$/;

/** The message, or an explanation of why it is not one (a poison message is logged and dropped, never retried). */
export function parseScanMessage(value: unknown): ScanMessage | string {
  if (typeof value !== "object" || value === null) return "not an object";
  const { tenantId, scanId } = value as Record<string, unknown>;
  if (typeof tenantId !== "string" || !TENANT_ID.test(tenantId)) return "tenantId is not a tenant id";
  if (scanId === undefined) return { tenantId };
  if (typeof scanId !== "string" || !SCAN_ID.test(scanId)) return "scanId is not a scan id";
  return { tenantId, scanId };
}
