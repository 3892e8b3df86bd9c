/**
 * Run as a child: stores a large feed with FsFeedStore.put and stops dead in the middle of
 * writing it (a finding's getter blocks once part of the text is on disk), after saying so on
 * stdout. The test then kills this process as a crash or a power cut would.
 */
import { readdirSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Feed } from "../../feed/schema.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";

const [dataDir, feedFile] = process.argv.slice(2) as [string, string];
const feed = JSON.parse((await import("node:fs")).readFileSync(feedFile, "utf8")) as Feed;
const history = join(dataDir, feed.tenant.id, "history");
const half = feed.findings[Math.floor(feed.findings.length / 2)]!;
const message = half.message;
Object.defineProperty(half, "message", {
  enumerable: true,
  get() {
    const partial = readdirSync(history).find((n) => n.endsWith(".tmp") && statSync(join(history, n)).size > 0);
    if (partial !== undefined) {
      writeSync(1, `${partial}\n`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    return message;
  },
});
await new FsFeedStore(dataDir).put(feed.tenant.id, feed);
writeSync(1, "stored whole\n");
