import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Feed } from "../../feed/schema.ts";
import { writeFileAtomic } from "../../store/atomic-write.ts";
import { FsFeedStore } from "../../store/fs-feed-store.ts";
import { bucket, feedAt, meta, result, run } from "../feed/fixtures.ts";

let data: string;
beforeEach(async () => { data = await mkdtemp(join(tmpdir(), "cloud15-store-")); });
afterEach(async () => { await rm(data, { recursive: true, force: true }); });

const PUBLIC = meta("aws.s3.bucket_public", "critical");
const feedOn = (at: string, previous?: Feed) => feedAt(at, [run(PUBLIC, result("fail", bucket("site")))], previous);
const CLOCK = () => new Date("2026-11-05T10:20:30.000Z");

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
