/**
 * Run as a child with a low descriptor limit (`ulimit -n`): takes every free file descriptor,
 * so reading the latest feed fails with a real EMFILE, then frees them while the store waits
 * to try again. Prints what `latest()` returned, and the error the first read met.
 */
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FsFeedStore } from "../../store/fs-feed-store.ts";

const [dataDir, tenantId] = process.argv.slice(2) as [string, string];
const store = new FsFeedStore(dataDir, () => new Date(), { readRetryDelaysMs: [300, 300, 300] });

const held: number[] = [];
try {
  for (;;) held.push(openSync("/dev/null", "r"));
} catch (err) {
  if ((err as NodeJS.ErrnoException).code !== "EMFILE") throw err;
}
let firstRead = "read";
try {
  readFileSync(join(dataDir, tenantId, "feed.json"));
} catch (err) {
  firstRead = (err as NodeJS.ErrnoException).code ?? String(err);
}
// Freed after the first read has surely failed, before the store tries again.
setTimeout(() => { for (const fd of held) closeSync(fd); }, 150);
const latest = await store.latest(tenantId);
process.stdout.write(JSON.stringify({ firstRead, held: held.length, latest: "feed" in latest ? { scanId: latest.feed.scan.id } : latest }));
