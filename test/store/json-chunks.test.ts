import { describe, expect, it } from "vitest";
import { prettyJsonChunks } from "../../store/json-chunks.ts";
import { largeFeed } from "./large-feed.ts";

const joined = (value: unknown, depth?: number) => [...prettyJsonChunks(value, depth)].join("");

describe("prettyJsonChunks", () => {
  it("joins to exactly JSON.stringify(value, null, 2) for a feed, at every depth it is walked to", () => {
    const feed = largeFeed();
    expect(feed.findings.length).toBeGreaterThan(300);
    const whole = JSON.stringify(feed, null, 2);
    for (const depth of [0, 1, 2, 3, 4, 10]) expect(joined(feed, depth) === whole, `depth ${depth}`).toBe(true);
  });

  it("writes what JSON.stringify leaves out or turns into null the same way", () => {
    const odd = {
      absent: undefined, fn: () => 1, sym: Symbol("s"),
      list: [undefined, () => 1, Symbol("s"), {}, [], null, new Date(0), { toJSON: (key: string) => `key ${key}` }, new String("boxed"), 0, -0, 1e21, Number.NaN],
      empty: {}, none: [], nested: [[[]], [{ a: [1, { b: { c: "deep" } }] }]], text: "line\nbreak \u2028 \"q\" ✓",
      when: new Date("2026-11-01T00:00:00.000Z"), viaToJson: { toJSON: () => ({ inner: [1, 2] }) }, dropped: { toJSON: () => undefined },
    };
    for (const depth of [0, 1, 2, 3, 10]) expect(joined(odd, depth), `depth ${depth}`).toBe(JSON.stringify(odd, null, 2));
    for (const top of [[], {}, "text", 3, null, [undefined], { toJSON: () => [1] }]) expect(joined(top)).toBe(JSON.stringify(top, null, 2));
  });

  it("refuses a value that has no JSON text, as JSON.stringify gives none", () => {
    expect(() => joined(undefined)).toThrow(/no JSON form/);
    expect(() => joined(() => 1)).toThrow(/no JSON form/);
  });

  it("never holds the feed's text whole: no piece is longer than the longest finding", () => {
    const feed = largeFeed();
    const longestFinding = Math.max(...feed.findings.map((f) => JSON.stringify(f, null, 2).length));
    const pieces = [...prettyJsonChunks(feed)];
    expect(pieces.length).toBeGreaterThan(feed.findings.length);
    // Each finding's text is indented to its place: four spaces a line more than alone.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(longestFinding * 2);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(feed, null, 2).length / 100);
  });
});
