import { readFile } from "node:fs/promises";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { Type, type Static } from "@sinclair/typebox";

/**
 * Where a secret lives. The config names the place, never the value: an environment
 * variable, a file (mounted secret, key file), or an SSM Parameter Store SecureString.
 */
export const SecretRefSchema = Type.Union([
  Type.Object({ env: Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$", description: "environment variable name" }) }, { additionalProperties: false }),
  Type.Object({ file: Type.String({ minLength: 1, description: "path to a file holding the secret" }) }, { additionalProperties: false }),
  Type.Object({
    ssm: Type.String({ pattern: "^/", description: "SSM Parameter Store parameter name (SecureString)" }),
    region: Type.Optional(Type.String()),
  }, { additionalProperties: false }),
], { description: "a reference to a secret: {\"env\": NAME}, {\"file\": PATH} or {\"ssm\": \"/param/name\"}" });

export type SecretRef = Static<typeof SecretRefSchema>;

/** A secret could not be read; the message says where it was looked for, never its value. */
export class SecretError extends Error {
  constructor(readonly ref: SecretRef, reason: string) {
    super(`secret ${describeSecretRef(ref)}: ${reason}`);
    this.name = "SecretError";
  }
}

export function describeSecretRef(ref: SecretRef): string {
  if ("env" in ref) return `from environment variable ${ref.env}`;
  if ("file" in ref) return `from file ${ref.file}`;
  return `from SSM parameter ${ref.ssm}`;
}

export interface SecretReaderOptions {
  /** SSM endpoint override (moto in tests). */
  ssmEndpoint?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads secrets at run time and caches them for the life of the reader (one scan, one Lambda
 * container), so a secret is fetched once however many calls use it.
 */
export class SecretReader {
  private readonly cache = new Map<string, Promise<string>>();
  private ssm?: SSMClient;

  constructor(private readonly opts: SecretReaderOptions = {}) {}

  read(ref: SecretRef): Promise<string> {
    const key = JSON.stringify(ref);
    let value = this.cache.get(key);
    if (!value) {
      value = this.fetch(ref);
      // A failure is not cached: the next scan may find the secret in place.
      value.catch(() => this.cache.delete(key));
      this.cache.set(key, value);
    }
    return value;
  }

  private async fetch(ref: SecretRef): Promise<string> {
    if ("env" in ref) {
      const v = (this.opts.env ?? process.env)[ref.env];
      if (v === undefined || v === "") throw new SecretError(ref, "the variable is not set");
      return v;
    }
    if ("file" in ref) {
      try {
        const v = (await readFile(ref.file, "utf8")).trim();
        if (v === "") throw new SecretError(ref, "the file is empty");
        return v;
      } catch (err) {
        if (err instanceof SecretError) throw err;
        throw new SecretError(ref, `cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    }
    // Loaded on first use: most commands never read SSM, and the client costs ~350 ms to import.
    const { GetParameterCommand, SSMClient } = await import("./ssm-client.ts");
    this.ssm ??= new SSMClient({
      ...(ref.region ? { region: ref.region } : {}),
      ...(this.opts.ssmEndpoint ? { endpoint: this.opts.ssmEndpoint } : {}),
    });
    try {
      const out = await this.ssm.send(new GetParameterCommand({ Name: ref.ssm, WithDecryption: true }));
      const v = out.Parameter?.Value;
      if (!v) throw new SecretError(ref, "the parameter has no value");
      return v;
    } catch (err) {
      if (err instanceof SecretError) throw err;
      throw new SecretError(ref, `${(err as Error).name}: cannot read the parameter`);
    }
  }
}
