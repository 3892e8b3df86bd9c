import { randomBytes } from "node:crypto";
import {
  GetParameterCommand, ParameterAlreadyExists, ParameterNotFound, PutParameterCommand, type SSMClient,
} from "@aws-sdk/client-ssm";
import type { TenantSecretAdmin, TenantSecrets } from "../page/secrets.ts";
import { assertTenantId } from "../store/tenant-id.ts";

const SECRET_TEXT = /^[0-9a-f]{64}$/;
/** Replacing a tenant's secret (revoking its links and tokens) takes effect within this time. */
const FOUND_TTL_MS = 5 * 60_000;
/** A tenant onboarded a moment ago is recognised within this time. */
const MISSING_TTL_MS = 60_000;

/** `<prefix>/page-secrets/<tenant>`, e.g. `/cloud15/prod/page-secrets/example-co`. */
export function pageSecretName(prefix: string, tenantId: string): string {
  return `${prefix}/page-secrets/${assertTenantId(tenantId)}`;
}

/** `<prefix>/vendor-secret`: the IT vendor's overview of every tenant; outside page-secrets/, where only tenants live. */
export function vendorSecretName(prefix: string): string {
  return `${prefix}/vendor-secret`;
}

/** The cache key of the vendor's secret: not a tenant id, so no tenant can take its place. */
const VENDOR_KEY = "@vendor";

/**
 * Each tenant's page secret as an SSM SecureString, read at run time and cached for a few
 * minutes per Lambda container: one SSM call per tenant per container, not per request, and
 * a replaced secret still takes effect soon. The value never leaves this object but as bytes
 * for the MAC.
 */
export class SsmPageSecrets implements TenantSecrets, TenantSecretAdmin {
  private readonly cache = new Map<string, { secret: Buffer | undefined; until: number }>();

  constructor(private readonly ssm: SSMClient, private readonly prefix: string, private readonly clock = () => Date.now()) {}

  get(tenantId: string): Promise<Buffer | undefined> {
    return this.cached(tenantId, () => pageSecretName(this.prefix, tenantId));
  }

  vendor(): Promise<Buffer | undefined> {
    return this.cached(VENDOR_KEY, () => vendorSecretName(this.prefix));
  }

  /** The tenant's secret, created on first use. Only the operator's side (`cloud15 link`) calls this. */
  ensure(tenantId: string): Promise<Buffer> {
    return this.create(pageSecretName(this.prefix, tenantId), `cloud15 findings page secret of tenant ${tenantId}: links, sessions and API tokens derive from it`);
  }

  /** The vendor's secret, created on first use by `cloud15 link --vendor`. */
  ensureVendor(): Promise<Buffer> {
    return this.create(vendorSecretName(this.prefix), "cloud15 IT vendor's overview secret: its links and sessions derive from it");
  }

  private async cached(key: string, name: () => string): Promise<Buffer | undefined> {
    const cached = this.cache.get(key);
    if (cached && cached.until > this.clock()) return cached.secret;
    const secret = await this.fetch(name());
    this.cache.set(key, { secret, until: this.clock() + (secret ? FOUND_TTL_MS : MISSING_TTL_MS) });
    return secret;
  }

  private async create(name: string, description: string): Promise<Buffer> {
    const existing = await this.fetch(name);
    if (existing) return existing;
    const secret = randomBytes(32);
    try {
      // Overwrite false: two operators onboarding at once agree on the first secret written.
      await this.ssm.send(new PutParameterCommand({
        Name: name,
        Type: "SecureString",
        Value: secret.toString("hex"),
        Overwrite: false,
        Description: description,
      }));
      return secret;
    } catch (err) {
      if (!(err instanceof ParameterAlreadyExists)) throw err;
      const winner = await this.fetch(name);
      if (!winner) throw err;
      return winner;
    }
  }

  /**
   * Overwrites the parameter with a new random secret (SSM keeps the old one as a previous
   * version, for the record). Running page and feed functions still hold the old one for up
   * to FOUND_TTL_MS: that is how long old links, sessions and tokens keep working there.
   */
  async rotate(tenantId: string): Promise<Buffer> {
    const secret = randomBytes(32);
    await this.ssm.send(new PutParameterCommand({
      Name: pageSecretName(this.prefix, tenantId),
      Type: "SecureString",
      Value: secret.toString("hex"),
      Overwrite: true,
    }));
    this.cache.delete(tenantId);
    return secret;
  }

  private async fetch(name: string): Promise<Buffer | undefined> {
    let text: string | undefined;
    try {
      text = (await this.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter?.Value;
    } catch (err) {
      if (err instanceof ParameterNotFound) return undefined;
      throw err;
    }
    // A damaged secret must fail loudly, not be replaced: that would revoke every link.
    if (text === undefined || !SECRET_TEXT.test(text.trim())) throw new Error(`SSM parameter ${name} is not a page secret (64 hex digits)`);
    return Buffer.from(text.trim(), "hex");
  }
}
