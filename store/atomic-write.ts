import { randomBytes } from "node:crypto";
import { copyFile, open, readdir, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PRIVATE_FILE_MODE } from "./private-folder.ts";

/**
 * Writes a file whole or not at all: the text (one string, or pieces written as they come so
 * that a large text is never held whole) goes to a temporary file in the same folder
 * (a rename across file systems is not atomic), is flushed to disk, then renamed over the
 * target; the folder is flushed so the rename itself survives a crash. The file is readable by
 * the owner of the process only, whatever mode the file it replaces had.
 */
export async function writeFileAtomic(path: string, text: string | Iterable<string>): Promise<void> {
  await replaceAtomic(path, (file) => typeof text === "string" ? file.writeFile(text, "utf8") : writePieces(file, text));
}

/** Copies a file whole or not at all, as writeFileAtomic writes one: the text is not read into memory. */
export async function copyFileAtomic(from: string, to: string): Promise<void> {
  await replaceAtomic(to, async (file, temp) => {
    await copyFile(from, temp);
    await file.chmod(PRIVATE_FILE_MODE);
  });
}

/** A temporary file of replaceAtomic's making: `.<name>.<pid of its writer>-<8 hex>.tmp`. */
const TEMP_NAME = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files in `dir` whose writer is gone: a crash or a kill mid-write
 * leaves one behind, and nothing else would ever remove it. A live writer's file may still be
 * in the making, so it stays (as does one whose process id a new process has taken since).
 */
export async function removeAbandonedTemps(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid !== undefined && !processExists(Number(pid))) await rm(join(dir, name), { force: true });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Fills a new temporary file beside `path` (given open, and by name), flushes it and renames it over `path`. */
async function replaceAtomic(path: string, fill: (file: FileHandle, temp: string) => Promise<void>): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    const file = await open(temp, "wx", PRIVATE_FILE_MODE);
    try {
      await fill(file, temp);
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

/** Pieces are joined up to about this many characters a write: a system call per key and comma would cost more than the text. */
const BATCH_CHARS = 32 * 1024;

/**
 * Writes the pieces in batches through one buffer: a new buffer per batch would leave the
 * whole text's bytes outside the heap until the next collection.
 */
async function writePieces(file: FileHandle, pieces: Iterable<string>): Promise<void> {
  const buffer = Buffer.allocUnsafe(4 * BATCH_CHARS);
  for (const batch of batched(pieces)) {
    // A piece longer than the buffer holds (a finding with huge evidence) gets its own.
    const bytes = Buffer.byteLength(batch) <= buffer.length ? buffer.subarray(0, buffer.write(batch)) : Buffer.from(batch);
    for (let done = 0; done < bytes.length;) done += (await file.write(bytes, done, bytes.length - done)).bytesWritten;
  }
}

function* batched(pieces: Iterable<string>): Generator<string> {
  let batch = "";
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = "";
    }
  }
  if (batch.length > 0) yield batch;
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
