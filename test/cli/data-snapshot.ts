import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Every path under `dir` with a hash of its content, to prove a command changed nothing. */
export async function snapshot(dir: string): Promise<string[]> {
  const lines: string[] = [];
  async function walk(rel: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT" && rel === "") return void lines.push("(absent)");
      throw err;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) {
        lines.push(`${path}/`);
        await walk(path);
      } else {
        lines.push(`${path} ${createHash("sha256").update(await readFile(join(dir, path))).digest("hex")}`);
      }
    }
  }
  await walk("");
  return lines;
}
