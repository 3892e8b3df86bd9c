import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PRIVATE_FILE_MODE } from "./private-folder.ts";

/**
 * Writes a file whole or not at all: the text goes to a temporary file in the same folder
 * (a rename across file systems is not atomic), is flushed to disk, then renamed over the
 * target; the folder is flushed so the rename itself survives a crash. The file is readable by
 * the owner of the process only, whatever mode the file it replaces had.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    const file = await open(temp, "wx", PRIVATE_FILE_MODE);
    try {
      await file.writeFile(text, "utf8");
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dir);
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } catch {
    // Some file systems (and Windows) refuse fsync on a folder; the rename is done either way.
  } finally {
    await handle.close();
  }
}
