import { createPrivateKey, type KeyObject } from "node:crypto";
import type { GoogleTenantConfig } from "../../config/schema.ts";
import { describeSecretRef, SecretReader } from "../../secrets/secret-ref.ts";

/** The fields of a service-account key file the JWT grant needs. */
export interface ServiceAccountKey {
  clientEmail: string;
  /**
   * Parsed once: signing with the PEM text would parse it again for every token, and a scan
   * signs one per user. A KeyObject also prints nothing of itself.
   */
  privateKey: KeyObject;
  clientId?: string;
}

/** The key could not be read or is not a service-account key; the message never quotes it. */
export class ServiceAccountKeyError extends Error {
  override readonly name = "InvalidServiceAccountKey";
}

/**
 * The tenant's service-account key: the one the caller handed in (the demo), or the secret
 * the config points to. Errors say where the key was looked for and what is wrong with it,
 * and nothing of what it holds.
 */
export async function resolveServiceAccountKey(
  google: GoogleTenantConfig,
  given: string | undefined,
  secrets: SecretReader = new SecretReader(),
): Promise<ServiceAccountKey> {
  if (given !== undefined) return parseServiceAccountKey(given, "handed to the scan");
  return parseServiceAccountKey(await secrets.read(google.serviceAccountKey), describeSecretRef(google.serviceAccountKey));
}

export function parseServiceAccountKey(text: string, where: string): ServiceAccountKey {
  const bad = (what: string) =>
    new ServiceAccountKeyError(`the service account key ${where} ${what}; expected the JSON key file from Google Cloud console > IAM & Admin > Service accounts > Keys`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text, which may be the private key.
    throw bad("is not JSON");
  }
  if (typeof parsed !== "object" || parsed === null) throw bad("is not a JSON object");
  const key = parsed as Record<string, unknown>;
  if (key.type !== undefined && key.type !== "service_account") throw bad(`is a credential of type "${String(key.type).slice(0, 40)}", not a service account key`);
  if (typeof key.client_email !== "string" || !key.client_email.includes("@")) throw bad("has no client_email");
  if (typeof key.private_key !== "string" || !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key.private_key)) throw bad("has no PEM private_key");
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.private_key);
  } catch {
    throw bad("has a private_key that is not a readable RSA key");
  }
  return {
    clientEmail: key.client_email,
    privateKey,
    ...(typeof key.client_id === "string" ? { clientId: key.client_id } : {}),
  };
}
