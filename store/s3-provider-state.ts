import type { S3Client } from "@aws-sdk/client-s3";
import type { ProviderStateStore } from "../scan/provider-scanner.ts";
import { providerStateKey } from "./s3-layout.ts";
import { readObjectText, writeJsonObject } from "./s3-objects.ts";

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * A tenant's provider state on Lambda: `state/<tenant>/<name>.json` in the deployment's
 * bucket, as FsProviderStateStore keeps it next to the feed. S3, not DynamoDB: delta tokens
 * for every drive of a large tenant outgrow an item. Each PUT replaces the object whole.
 */
export class S3ProviderStateStore implements ProviderStateStore {
  constructor(private readonly s3: S3Client, private readonly bucket: string, private readonly tenantId: string) {}

  async read(name: string): Promise<unknown> {
    const text = await readObjectText(this.s3, this.bucket, this.key(name));
    return text === undefined ? undefined : JSON.parse(text);
  }

  async write(name: string, value: unknown): Promise<void> {
    await writeJsonObject(this.s3, this.bucket, this.key(name), JSON.stringify(value));
  }

  private key(name: string): string {
    if (!NAME.test(name)) throw new Error(`invalid state name ${JSON.stringify(name)}`);
    return providerStateKey(this.tenantId, name);
  }
}
