import { randomBytes } from "node:crypto";
import { link, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PRIVATE_FILE_MODE, privateFolder } from "../store/private-folder.ts";
import { assertTenantId } from "../store/tenant-id.ts";

/**
 * Where the page finds each tenant's secret. Locally it is a file beside the tenant's feed;
 * a Lambda implements `get` over SSM Parameter Store and passes it to the handler.
 */
export interface TenantSecrets {
  /** The tenant's secret, or undefined if it has none. Requests never create one. */
  get(tenantId: string): Promise<Buffer | undefined>;
  /**
   * The IT vendor's secret, for the overview of every tenant (page/vendor/), or undefined
   * while there is none. It is not any tenant's: no tenant credential verifies under it.
   */
  vendor(): Promise<Buffer | undefined>;
}

/** The operator's side: create a tenant's secret, or replace it to revoke everything issued under it. */
export interface TenantSecretAdmin {
  ensure(tenantId: string): Promise<Buffer>;
  /**
   * A new random secret in place of the old: every link, session cookie and API token issued
   * under the old one stops verifying, since each is a MAC under it.
   */
  rotate(tenantId: string): Promise<Buffer>;
}

const SECRET_FILE = ".page-secret";
/** Beside the tenants' folders, not in one: a tenant id cannot start with a dot. */
const VENDOR_SECRET_FILE = ".vendor-secret";
const SECRET_TEXT = /^[0-9a-f]{64}$/;

/** `DATA/<tenant>/.page-secret`: 32 random bytes as hex, readable by the owner of the process only. */
export class FsTenantSecrets implements TenantSecrets, TenantSecretAdmin {
  constructor(private readonly dataDir: string) {}

  get(tenantId: string): Promise<Buffer | undefined> {
    return this.read(this.path(tenantId));
  }

  vendor(): Promise<Buffer | undefined> {
    return this.read(join(this.dataDir, VENDOR_SECRET_FILE));
  }

  /** The tenant's secret, created on first use. Only the operator's side (printing links) calls this. */
  ensure(tenantId: string): Promise<Buffer> {
    return this.create(this.path(tenantId));
  }

  /** The vendor's secret, created on first use by `cloud15 serve`. */
  ensureVendor(): Promise<Buffer> {
    return this.create(join(this.dataDir, VENDOR_SECRET_FILE));
  }

  private async read(path: string): Promise<Buffer | undefined> {
    let text: string;
    try {
      text = (await readFile(path, "utf8")).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    // A damaged secret must stop the server, not be silently replaced: that would revoke every link.
    if (!SECRET_TEXT.test(text)) throw new Error(`${path} is not a page secret (64 hex digits)`);
    return Buffer.from(text, "hex");
  }

  private async create(path: string): Promise<Buffer> {
    const existing = await this.read(path);
    if (existing) return existing;
    const secret = randomBytes(32);
    // Written aside, then hard-linked into place: link() fails if the name exists, and the file
    // appears whole. Two processes starting at once thus agree on one secret, and neither can
    // read the other's half-written file.
    const draft = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    await writeFile(draft, `${secret.toString("hex")}\n`, { flag: "wx", mode: PRIVATE_FILE_MODE });
    try {
      await link(draft, path);
      return secret;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const winner = await this.read(path);
      if (!winner) throw error;
      return winner;
    } finally {
      await unlink(draft);
    }
  }

  /**
   * Written aside and renamed over the old one: a request sees the old secret or the new,
   * never a half-written file. The server reads the secret on every request, so the old
   * credentials stop working at once.
   */
  async rotate(tenantId: string): Promise<Buffer> {
    const secret = randomBytes(32);
    await privateFolder(join(this.dataDir, assertTenantId(tenantId)));
    const draft = `${this.path(tenantId)}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await writeFile(draft, `${secret.toString("hex")}\n`, { flag: "wx", mode: PRIVATE_FILE_MODE });
      await rename(draft, this.path(tenantId));
    } catch (error) {
      await rm(draft, { force: true });
      throw error;
    }
    return secret;
  }

  private path(tenantId: string): string {
    return join(this.dataDir, tenantId, SECRET_FILE);
  }
}
