import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../store/atomic-write.ts";
import { privateFolder } from "../store/private-folder.ts";
import { assertTenantId } from "../store/tenant-id.ts";
import type { ProviderStateStore } from "./provider-scanner.ts";

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * A tenant's provider state in the data folder, next to its feed: `DATA/<tenant>/state/<name>.json`,
 * written whole or not at all like the feed.
 */
export class FsProviderStateStore implements ProviderStateStore {
  private readonly folder: string;

  constructor(dataDir: string, tenantId: string) {
    this.folder = join(dataDir, assertTenantId(tenantId), "state");
  }

  async read(name: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.path(name), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    return JSON.parse(text);
  }

  async write(name: string, value: unknown): Promise<void> {
    await privateFolder(this.folder);
    await writeFileAtomic(this.path(name), `${JSON.stringify(value)}\n`);
  }

  private path(name: string): string {
    if (!NAME.test(name)) throw new Error(`invalid state name ${JSON.stringify(name)}`);
    return join(this.folder, `${name}.json`);
  }
}
