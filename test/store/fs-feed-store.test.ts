import { execFile, spawn } from "node:child_process";
import { chmod, mkdtemp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredAnswer } from "../../feed/answers.ts";
import type { Feed } from "../../feed/schema.ts";
import { FsTenantSecrets } from "../../page/secrets.ts";
import { FsProviderStateStore } from "../../scan/fs-provider-state.ts";
import { scanTenant } from "../../scan/scan-tenant.ts";
import { writeFileAtomic } from "../../store/atomic-write.ts";
import { FsAnswerStore } from "../../store/fs-answer-store.ts";
import { FeedReadError, FsFeedStore } from "../../store/fs-feed-store.ts";
import { FsTicketStore } from "../../tickets/fs-ticket-store.ts";
import { runCli } from "../cli/run-cli.ts";
import { bucket, feedAt, meta, result, run } from "../feed/fixtures.ts";
import { largeFeed } from "./large-feed.ts";

let data: string;
beforeEach(async () => { data = await mkdtemp(join(tmpdir(), "cloud15-store-")); });
afterEach(async () => { await rm(data, { recursive: true, force: true }); });

const PUBLIC = meta("aws.s3.bucket_public", "critical");
const feedOn = (at: string, previous?: Feed) => feedAt(at, [run(PUBLIC, result("fail", bucket("site")))], previous);
const CLOCK = () => new Date("2026-11-05T10:20:30.000Z");
const runChild = promisify(execFile);

describe("FsFeedStore", () => {
  it("reports a tenant without a feed as missing", async () => {
    expect(await new FsFeedStore(data).latest("example-co")).toEqual({ missing: true });
  });

  it("stores the latest feed and one history file per scan, newest first", async () => {
    const store = new FsFeedStore(data);
    const first = feedOn("2026-11-01T00:00:00.000Z");
    const second = feedOn("2026-11-02T00:00:00.000Z", first);
    await store.put("example-co", first);
    await store.put("example-co", second);

    expect(await store.latest("example-co")).toEqual({ feed: second });
    expect(await readdir(join(data, "example-co", "history"))).toEqual([
      `2026-11-01T00-00-00.000Z-${first.scan.id}.json`,
      `2026-11-02T00-00-00.000Z-${second.scan.id}.json`,
    ]);
    expect((await store.history("example-co")).map((f) => f.scan.id)).toEqual([second.scan.id, first.scan.id]);
    expect((await store.history("example-co", 1)).map((f) => f.scan.id)).toEqual([second.scan.id]);
    expect(await store.history("other-co")).toEqual([]);
  });

  it("leaves no temporary files behind", async () => {
    const store = new FsFeedStore(data);
    await store.put("example-co", feedOn("2026-11-01T00:00:00.000Z"));
    expect(await readdir(join(data, "example-co"))).toEqual(["feed.json", "history"]);
  });

  it("never lets a reader see a half-written feed", async () => {
    const path = join(data, "feed.json");
    const big = (n: number) => JSON.stringify({ n, padding: "x".repeat(2_000_000) });
    await writeFileAtomic(path, big(0));
    let writing = true;
    const reads: number[] = [];
    const reader = (async () => {
      while (writing) reads.push((JSON.parse(await readFile(path, "utf8")) as { n: number }).n);
    })();
    for (let n = 1; n <= 15; n += 1) await writeFileAtomic(path, big(n));
    writing = false;
    await reader;
    expect(reads.length).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(path, "utf8")).n).toBe(15);
  });

  it("refuses to store an invalid feed and keeps the previous one byte for byte", async () => {
    const store = new FsFeedStore(data);
    await store.put("example-co", feedOn("2026-11-01T00:00:00.000Z"));
    const before = await readFile(join(data, "example-co", "feed.json"));
    const broken = { ...feedOn("2026-11-02T00:00:00.000Z"), items: [] } as Feed;
    await expect(store.put("example-co", broken)).rejects.toThrow(/invalid feed/);
    expect(await readFile(join(data, "example-co", "feed.json"))).toEqual(before);
  });

  it.each([
    ["unparsable", "{ \"schemaVersion\": ", /not valid JSON/],
    ["schema-invalid", JSON.stringify({ schemaVersion: "1.0", tenant: { id: "example-co" } }), /not a valid feed: \//],
    ["another tenant's", "OTHER", /belongs to tenant other-co/],
  ])("sets an %s previous feed aside and reports where it went", async (_kind, text, problem) => {
    const folder = join(data, "example-co");
    await mkdir(folder, { recursive: true });
    const content = text === "OTHER"
      ? JSON.stringify({ ...feedOn("2026-11-01T00:00:00.000Z"), tenant: { id: "other-co", name: "Other" } })
      : text;
    await writeFile(join(folder, "feed.json"), content);

    const latest = await new FsFeedStore(data, CLOCK).latest("example-co");
    expect(latest).toEqual({ problem: expect.stringMatching(problem), setAsideTo: "example-co/feed.json.corrupt-2026-11-05T10-20-30.000Z" });
    expect(await readdir(folder)).toEqual(["feed.json.corrupt-2026-11-05T10-20-30.000Z"]);
    expect(await readFile(join(folder, "feed.json.corrupt-2026-11-05T10-20-30.000Z"), "utf8")).toBe(content);
  });

  it("rejects tenant ids that could escape the data folder, before touching the disk", async () => {
    const store = new FsFeedStore(join(data, "inner"));
    for (const id of ["../evil", "a/b", "..", "", "UPPER", "a\\b", "-lead"]) {
      await expect(store.latest(id)).rejects.toThrow(/invalid tenant id/);
      await expect(store.history(id)).rejects.toThrow(/invalid tenant id/);
    }
    await expect(store.put("../evil", feedOn("2026-11-01T00:00:00.000Z"))).rejects.toThrow(/invalid tenant id/);
    expect(await readdir(data)).toEqual([]);
  });

  it("refuses a feed filed under another tenant's id", async () => {
    await expect(new FsFeedStore(data).put("other-co", feedOn("2026-11-01T00:00:00.000Z"))).rejects.toThrow(/cannot be stored as other-co/);
  });

  it("skips a damaged history entry rather than failing", async () => {
    const store = new FsFeedStore(data);
    const first = feedOn("2026-11-01T00:00:00.000Z");
    await store.put("example-co", first);
    await writeFile(join(data, "example-co", "history", "2026-11-03T00-00-00.000Z-broken.json"), "{");
    expect((await store.history("example-co")).map((f) => f.scan.id)).toEqual([first.scan.id]);
  });
});

describe("FsFeedStore when the latest feed cannot be read", () => {
  it("does not set it aside: it retries, then fails the scan loudly and stores nothing", async () => {
    // EISDIR is a real read error that root cannot bypass (unlike a chmod 000 file): the
    // path of the latest feed is a folder, holding a good feed that must survive.
    const folder = join(data, "example-co");
    await mkdir(join(folder, "feed.json"), { recursive: true });
    await writeFile(join(folder, "feed.json", "keep.json"), JSON.stringify(feedOn("2026-11-01T00:00:00.000Z")));
    const store = new FsFeedStore(data, CLOCK, { readRetryDelaysMs: [1, 1] });

    await expect(store.latest("example-co")).rejects.toThrow(
      /the previous feed .*feed\.json could not be read after 3 attempts \(EISDIR.*left as it is and nothing was stored/,
    );
    const scan = scanTenant({ tenant: { id: "example-co", name: "Example Co." }, store, scanners: [] });
    await expect(scan).rejects.toBeInstanceOf(FeedReadError);
    // Nothing set aside, no history, the folder as it was.
    expect(await readdir(folder)).toEqual(["feed.json"]);
    expect(await readdir(join(folder, "feed.json"))).toEqual(["keep.json"]);
  });

  it("reads it once a passing EMFILE clears, and it stays the previous feed", async () => {
    // A child process limited to 512 descriptors takes them all, so the store's first read meets a
    // real EMFILE; it frees them while the store waits to try again.
    const first = feedOn("2026-11-01T00:00:00.000Z");
    await new FsFeedStore(data).put("example-co", first);
    const script = new URL("../support/emfile-feed-read.ts", import.meta.url).pathname;
    const { stdout } = await runChild("sh", ["-c", 'ulimit -n 512 && exec "$0" "$@"', process.execPath, "--import", "tsx", script, data, "example-co"]);
    const out = JSON.parse(stdout) as { firstRead: string; held: number; latest: unknown };
    expect(out.firstRead).toBe("EMFILE");
    expect(out.held).toBeGreaterThan(0);
    expect(out.latest).toEqual({ scanId: first.scan.id });
    expect(await readdir(join(data, "example-co"))).toEqual(["feed.json", "history"]);
  });
});

describe("FsFeedStore history and file modes", () => {
  const historyNames = (dir: string) => readdir(join(dir, "example-co", "history"));

  it("deletes history older than historyDays before the scan it stores (400 by default, as in S3)", async () => {
    const store = new FsFeedStore(data);
    const old = feedOn("2025-09-01T00:00:00.000Z");
    const kept = feedOn("2025-10-01T00:00:00.000Z", old);
    await store.put("example-co", old);
    await store.put("example-co", kept);
    expect(await historyNames(data)).toHaveLength(2);
    // 2026-10-10 is 404 days after 2025-09-01 and 374 after 2025-10-01.
    const latest = feedOn("2026-10-10T00:00:00.000Z", kept);
    await writeFile(join(data, "example-co", "history", "notes.txt"), "not ours");
    await store.put("example-co", latest);
    expect(await historyNames(data)).toEqual([
      `2025-10-01T00-00-00.000Z-${kept.scan.id}.json`, `2026-10-10T00-00-00.000Z-${latest.scan.id}.json`, "notes.txt",
    ]);

    const short = new FsFeedStore(data, CLOCK, { historyDays: 30 });
    await short.put("example-co", feedOn("2026-10-20T00:00:00.000Z", latest));
    expect((await historyNames(data)).filter((n) => n.endsWith(".json"))).toHaveLength(2);
  });

  it("writes the feed, history, answers, outbox, provider state and page secret readable by the owner only", async () => {
    const folder = join(data, "example-co");
    await mkdir(folder, { recursive: true, mode: 0o755 });
    await chmod(folder, 0o755);
    // Files an older cloud15 left readable by everyone are narrowed when next written.
    await writeFile(join(folder, "feed.json"), JSON.stringify(feedOn("2026-10-31T00:00:00.000Z")), { mode: 0o644 });
    await writeFile(join(folder, "answers.jsonl"), "", { mode: 0o644 });
    await chmod(join(folder, "answers.jsonl"), 0o644);

    await new FsFeedStore(data).put("example-co", feedOn("2026-11-01T00:00:00.000Z"));
    const answer: StoredAnswer = { kind: "item", item: 1, answer: "done", id: "answer-0001", at: "2026-11-01T00:00:00.000Z" };
    await new FsAnswerStore(data).append("example-co", answer);
    await new FsTicketStore(data).enroll("example-co", "webhook", "2026-11-01T00:00:00.000Z");
    await new FsProviderStateStore(data, "example-co").write("microsoft-delta", { link: "x" });
    await new FsTenantSecrets(data).ensure("example-co");

    const modes: Record<string, string> = {};
    const walk = async (dir: string, rel: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        modes[`${rel}${entry.name}`] = ((await stat(path)).mode & 0o777).toString(8);
        if (entry.isDirectory()) await walk(path, `${rel}${entry.name}/`);
      }
    };
    await walk(folder, "");
    expect(Object.keys(modes).sort()).toEqual([
      ".page-secret", "answers.jsonl", "feed.json", "history", expect.stringMatching(/^history\/.*\.json$/),
      "state", "state/microsoft-delta.json", "tickets", "tickets/keys.json",
    ]);
    for (const [name, mode] of Object.entries(modes)) {
      const isFolder = ["history", "state", "tickets"].includes(name);
      expect(mode, name).toBe(isFolder ? "700" : "600");
    }
    expect(((await stat(folder)).mode & 0o777).toString(8)).toBe("700");
  });
});

describe("cloud15 scan --history-days", () => {
  it("refuses a number of days that is not a whole number from 1, before reading the config", async () => {
    for (const bad of ["0", "1.5"]) {
      const out = await runCli(["scan", "--config", join(data, "absent.json"), "--history-days", bad]);
      expect(out.code, bad).toBe(2);
      expect(out.stderr).toContain(`--history-days expects a whole number 1-36500, got ${JSON.stringify(bad)}`);
    }
  });
});

describe("FsFeedStore writing a large feed", () => {
  it("stores the latest feed and its history file as JSON.stringify(feed, null, 2) and a newline, byte for byte", async () => {
    const feed = largeFeed();
    await new FsFeedStore(data).put("example-co", feed);
    const expected = `${JSON.stringify(feed, null, 2)}\n`;
    expect(await readFile(join(data, "example-co", "feed.json"), "utf8") === expected).toBe(true);
    const [historyFile] = await readdir(join(data, "example-co", "history"));
    expect(await readFile(join(data, "example-co", "history", historyFile!), "utf8") === expected).toBe(true);
  });

  it("writes pieces of any size, small, multi-byte and larger than a batch, as their joined text", async () => {
    const path = join(data, "pieces.txt");
    const pieces = ["{", ...Array.from({ length: 5_000 }, (_, i) => `"k${i}": "値 ${i} ✓",`), "ル".repeat(300_000), "\n", "}"];
    await writeFileAtomic(path, pieces);
    expect(await readFile(path, "utf8") === pieces.join("")).toBe(true);
  });

  it("keeps the previous file byte for byte, and leaves no temporary file, when the text fails midway", async () => {
    const path = join(data, "feed.json");
    await writeFileAtomic(path, "previous\n");
    function* failing(): Generator<string> {
      yield "x".repeat(200_000);
      throw new Error("serialising failed");
    }
    await expect(writeFileAtomic(path, failing())).rejects.toThrow(/serialising failed/);
    expect(await readFile(path, "utf8")).toBe("previous\n");
    expect(await readdir(data)).toEqual(["feed.json"]);
  });

  it("keeps the previous feed when the process dies in the middle of writing the next, and the next store removes the dead writer's temporary file", async () => {
    const store = new FsFeedStore(data);
    const previous = feedOn("2026-11-01T00:00:00.000Z");
    await store.put("example-co", previous);
    const before = await readFile(join(data, "example-co", "feed.json"));
    const next = join(data, "next.json");
    await writeFile(next, JSON.stringify(largeFeed()));

    const script = new URL("../support/killed-mid-write.ts", import.meta.url).pathname;
    const child = spawn(process.execPath, ["--import", "tsx", script, data, next], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const said = await new Promise<string>((resolve) => child.stdout.setEncoding("utf8").once("data", resolve));
    expect(said).toMatch(/\.tmp\n$/);
    child.kill("SIGKILL");
    await exited;

    expect(await readFile(join(data, "example-co", "feed.json"))).toEqual(before);
    expect(await store.latest("example-co")).toEqual({ feed: previous });
    // The half-written history file is a hidden temporary file; the history is the previous scan's alone.
    expect((await store.history("example-co")).map((f) => f.scan.id)).toEqual([previous.scan.id]);
    const history = join(data, "example-co", "history");
    expect(await readdir(history)).toContain(said.trim());

    // The next scan stored removes what the killed writer left, and not what a live one is writing.
    const live = `.in-the-making.json.${process.pid}-0123abcd.tmp`;
    await writeFile(join(history, live), "{");
    const after = feedOn("2026-11-03T00:00:00.000Z", previous);
    await store.put("example-co", after);
    expect((await readdir(history)).filter((n) => n.endsWith(".tmp"))).toEqual([live]);
    expect((await store.history("example-co")).map((f) => f.scan.id)).toEqual([after.scan.id, previous.scan.id]);
  });
});
