import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoredAnswer } from "../../feed/answers.ts";
import { FsAnswerStore } from "../../store/fs-answer-store.ts";

let data: string;
let store: FsAnswerStore;

beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), "cloud15-answers-"));
  store = new FsAnswerStore(data);
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

const answer = (n: number, value: "done" | "not_done" = "done"): StoredAnswer =>
  ({ kind: "item", item: (n % 15) + 1, answer: value, id: `answer-${String(n).padStart(4, "0")}`, at: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString() });

describe("the data-folder answer store", () => {
  it("appends answers and keeps every earlier one, oldest first", async () => {
    await store.append("example-co", answer(1, "not_done"));
    await store.append("example-co", answer(16, "done"));
    expect(await store.list("example-co")).toEqual([answer(1, "not_done"), answer(16, "done")]);
    expect(await store.list("other-co")).toEqual([]);
  });

  it("loses no answer when many are recorded at once", async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append("example-co", answer(i))));
    const ids = (await store.list("example-co")).map((a) => a.id).sort();
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => answer(i).id).sort());
  });

  it("keeps a line torn by a crash apart from the next answer, and every complete answer", async () => {
    await store.append("example-co", answer(1));
    await appendFile(join(data, "example-co", "answers.jsonl"), '{"kind":"item","item":2,"ans');
    await store.append("example-co", answer(3));
    expect(await store.list("example-co")).toEqual([answer(1), answer(3)]);
    expect((await readFile(join(data, "example-co", "answers.jsonl"), "utf8")).split("\n")).toHaveLength(4);
  });

  it("refuses an invalid answer and a tenant id that is not a folder name", async () => {
    await expect(store.append("example-co", { ...answer(1), item: 16 } as StoredAnswer)).rejects.toThrow(/invalid answer/);
    await expect(store.append("../escape", answer(1))).rejects.toThrow(/invalid tenant id/);
    expect(await store.list("example-co")).toEqual([]);
  });
});
