import { describe, expect, it } from "vitest";
import { waitUntil } from "../../simulator/wait-until.ts";

describe("the simulator's latency", () => {
  it("never answers before arrival + latency, for latencies that fall between milliseconds", async () => {
    const early: number[] = [];
    await Promise.all(Array.from({ length: 60 }, async (_, i) => {
      const due = performance.now() + 2 + (i % 10) / 10;
      await waitUntil(due);
      const late = performance.now() - due;
      if (late < 0) early.push(late);
    }));
    expect(early).toEqual([]);
  });

  it("answers at once when the answer took longer than the latency to work out", async () => {
    const due = performance.now() - 5;
    let done = false;
    const waiting = waitUntil(due).then(() => { done = true; });
    await Promise.resolve();
    expect(done).toBe(true);
    await waiting;
  });
});
