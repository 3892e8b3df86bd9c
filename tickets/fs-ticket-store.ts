import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../store/atomic-write.ts";
import { privateFolder } from "../store/private-folder.ts";
import { assertTenantId } from "../store/tenant-id.ts";
import type { OutboxEntry, TicketRecord } from "./outbox.ts";
import type { TargetTickets, TicketStore } from "./ticket-store.ts";

interface OutboxFile {
  version: 1;
  entries: OutboxEntry[];
}

interface KeysFile {
  version: 1;
  targets: Record<string, TargetTickets>;
}

/**
 * The outbox and ticket keys in the data folder: `DATA/<tenant>/tickets/outbox.json` and
 * `DATA/<tenant>/tickets/keys.json`, each rewritten whole and atomically. Writes within one
 * process are serialised, so targets delivering side by side never lose each other's writes.
 * An unreadable file is an error, never an empty outbox: that would lose what it holds.
 */
export class FsTicketStore implements TicketStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {}

  async outbox(tenantId: string): Promise<OutboxEntry[]> {
    return (await this.readOutbox(tenantId)).entries;
  }

  putEntries(tenantId: string, entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.serial(async () => {
      const file = await this.readOutbox(tenantId);
      const replaced = new Map(entries.map((e) => [e.id, e]));
      const kept = file.entries.map((e) => replaced.get(e.id) ?? e);
      const known = new Set(file.entries.map((e) => e.id));
      await this.write(tenantId, "outbox.json", { version: 1, entries: [...kept, ...entries.filter((e) => !known.has(e.id))] });
    });
  }

  removeEntry(tenantId: string, entryId: string): Promise<void> {
    return this.serial(async () => {
      const file = await this.readOutbox(tenantId);
      await this.write(tenantId, "outbox.json", { version: 1, entries: file.entries.filter((e) => e.id !== entryId) });
    });
  }

  async targetTickets(tenantId: string, targetId: string): Promise<TargetTickets | undefined> {
    return (await this.readKeys(tenantId)).targets[targetId];
  }

  enroll(tenantId: string, targetId: string, at: string): Promise<void> {
    return this.serial(async () => {
      const file = await this.readKeys(tenantId);
      if (file.targets[targetId]) return;
      file.targets[targetId] = { enrolledAt: at, tickets: {} };
      await this.write(tenantId, "keys.json", file);
    });
  }

  putTicket(tenantId: string, targetId: string, groupId: string, record: TicketRecord): Promise<void> {
    return this.serial(async () => {
      const file = await this.readKeys(tenantId);
      const target = file.targets[targetId] ?? { enrolledAt: record.updatedAt, tickets: {} };
      target.tickets[groupId] = record;
      file.targets[targetId] = target;
      await this.write(tenantId, "keys.json", file);
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private folder(tenantId: string): string {
    return join(this.dataDir, assertTenantId(tenantId), "tickets");
  }

  private async readOutbox(tenantId: string): Promise<OutboxFile> {
    return (await this.read(tenantId, "outbox.json")) as OutboxFile | undefined ?? { version: 1, entries: [] };
  }

  private async readKeys(tenantId: string): Promise<KeysFile> {
    return (await this.read(tenantId, "keys.json")) as KeysFile | undefined ?? { version: 1, targets: {} };
  }

  private async read(tenantId: string, name: string): Promise<unknown> {
    const path = join(this.folder(tenantId), name);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    try {
      const value = JSON.parse(text) as { version?: unknown };
      if (value.version !== 1) throw new Error(`version ${JSON.stringify(value.version)}, expected 1`);
      return value;
    } catch (err) {
      throw new Error(`${path} is unreadable (${(err as Error).message}); it is left as it is so nothing in it is lost`);
    }
  }

  private async write(tenantId: string, name: string, value: OutboxFile | KeysFile): Promise<void> {
    await privateFolder(this.folder(tenantId));
    await writeFileAtomic(join(this.folder(tenantId), name), `${JSON.stringify(value, null, 2)}\n`);
  }
}
