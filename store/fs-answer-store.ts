import { open, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { isStoredAnswer, type StoredAnswer } from "../feed/answers.ts";
import type { AnswerStore } from "./answer-store.ts";
import { PRIVATE_FILE_MODE, privateFolder } from "./private-folder.ts";
import { assertTenantId } from "./tenant-id.ts";

const FILE = "answers.jsonl";

/**
 * `DATA/<tenant>/answers.jsonl`: one JSON answer per line, appended. Appending never rewrites
 * what is there, so an earlier answer cannot be lost by a later write, and two writers cannot
 * overwrite each other the way a read-modify-write of one JSON document could.
 */
export class FsAnswerStore implements AnswerStore {
  /** Appends of one tenant run one at a time, so the torn-line check below sees settled bytes. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(readonly dataDir: string) {}

  async append(tenantId: string, answer: StoredAnswer): Promise<void> {
    if (!isStoredAnswer(answer)) throw new Error("refusing to store an invalid answer");
    const path = this.path(tenantId);
    const previous = this.queues.get(tenantId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => appendLine(path, JSON.stringify(answer)));
    this.queues.set(tenantId, next);
    await next;
  }

  async list(tenantId: string): Promise<StoredAnswer[]> {
    let text: string;
    try {
      text = await readFile(this.path(tenantId), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
    const answers: StoredAnswer[] = [];
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      // Only a line cut short by a crash mid-write fails to parse; every complete line is kept.
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      if (isStoredAnswer(value)) answers.push(value);
    }
    return answers;
  }

  private path(tenantId: string): string {
    return join(this.dataDir, assertTenantId(tenantId), FILE);
  }
}

/** One line, flushed to disk before the write counts as done. */
async function appendLine(path: string, line: string): Promise<void> {
  await privateFolder(dirname(path));
  const file = await open(path, "a+", PRIVATE_FILE_MODE);
  try {
    // The mode above applies only to a new file; one an older cloud15 made is narrowed here.
    await file.chmod(PRIVATE_FILE_MODE);
    // A crash mid-write can leave a last line without its newline; start on a fresh line so
    // that torn line stays alone instead of swallowing this answer.
    const { size } = await file.stat();
    let prefix = "";
    if (size > 0) {
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      if (last.toString() !== "\n") prefix = "\n";
    }
    await file.appendFile(`${prefix}${line}\n`, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
}
