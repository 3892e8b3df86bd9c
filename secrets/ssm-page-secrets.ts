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

/**
 * Each tenant's page secret as an SSM SecureString, read at run time and cached for a few
 * minutes per Lambda container: one SSM call per tenant per container, not per request, and
 * a replaced secret still takes effect soon. The value never leaves this object but as bytes
 * for the MAC.
 */
export class SsmPageSecrets implements TenantSecrets, TenantSecretAdmin {
  private readonly cache = new Map<string, { secret: Buffer | undefined; until: number }>();

  constructor(private readonly ssm: SSMClient, private readonly prefix: string, private readonly clock = () => Date.now()) {}

  async get(tenantId: string): Promise<Buffer | undefined> {
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > this.clock()) return cached.secret;
    const secret = await this.fetch(tenantId);
    this.cache.set(tenantId, { secret, until: this.clock() + (secret ? FOUND_TTL_MS : MISSING_TTL_MS) });
    return secret;
  }

  /** The tenant's secret, created on first use. Only the operator's side (`cloud15 link`) calls this. */
  async ensure(tenantId: string): Promise<Buffer> {
    const existing = await this.fetch(tenantId);
    if (existing) return existing;
    const secret = randomBytes(32);
    try {
      // Overwrite false: two operators onboarding at once agree on the first secret written.
      await this.ssm.send(new PutParameterCommand({
        Name: pageSecretName(this.prefix, tenantId),
        Type: "SecureString",
        Value: secret.toString("hex"),
        Overwrite: false,
        Description: `cloud15 findings page secret of tenant ${tenantId}: links, sessions and API tokens derive from it`,
      }));
      return secret;
    } catch (err) {
      if (!(err instanceof ParameterAlreadyExists)) throw err;
      const winner = await this.fetch(tenantId);
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

  private async fetch(tenantId: string): Promise<Buffer | undefined> {
    const name = pageSecretName(this.prefix, tenantId);
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
