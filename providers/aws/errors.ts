import type { CollectionError } from "../fact.ts";
import { redactSecrets } from "../redact-secrets.ts";
import { AWS_OPERATION_PERMISSIONS, type AwsOperation } from "./permissions.ts";

/** Turns whatever an SDK call threw into a CollectionError naming the permission behind it. */
export function toCollectionError(operation: AwsOperation, err: unknown): CollectionError {
  const e = err as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.Code ?? e?.name ?? "UnknownError";
  const permission = AWS_OPERATION_PERMISSIONS[operation] ?? undefined;
  const status = e?.$metadata?.httpStatusCode;
  const message = sanitize(e?.message ?? String(err)) + (status ? ` (HTTP ${status})` : "");
  return permission ? { operation, permission, code, message } : { operation, code, message };
}

/** Error codes that mean "nothing configured", not "could not look". */
export function isNotFound(err: unknown, codes: readonly string[]): boolean {
  const e = err as { name?: string; Code?: string };
  return codes.includes(e?.name ?? "") || codes.includes(e?.Code ?? "");
}

// Access-key ids and signatures sometimes appear in service messages; they never reach the feed.
function sanitize(message: string): string {
  return redactSecrets(message).slice(0, 500);
}
