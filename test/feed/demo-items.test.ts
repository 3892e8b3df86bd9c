import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Feed } from "../../feed/schema.ts";
import { feedProblems } from "../../feed/validate.ts";
import { scanExampleCo } from "../support/example-co-scan.ts";

/**
 * How many of the 15 items the scan itself answers for the demo company (issue 14 asks for at
 * least 10): an item counts when a check gave it a pass, fail or error, not only manual or
 * skipped results. Today's checks reach items 4, 7, 8, 9, 10 and 15; raise this as checks for
 * further items land.
 */
const MIN_AUTOMATED_ITEMS = 10;

let dataDir: string;
let feed: Feed;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cloud15-demo-items-"));
  feed = await scanExampleCo(dataDir);
});

afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Items with at least one automated verdict among the scan's own findings (the owner's answers are not the scan's). */
function automatedItems(f: Feed): number[] {
  const items = new Set<number>();
  for (const finding of f.findings) {
    if (finding.provider === "owner" || !["pass", "fail", "error"].includes(finding.status)) continue;
    for (const n of finding.ipaItems) items.add(n);
  }
  return [...items].sort((a, b) => a - b);
}

describe("the demo company's 15 items, as the scan answers them", () => {
  it(`has automated results for at least ${MIN_AUTOMATED_ITEMS} distinct items`, () => {
    expect(feedProblems(feed)).toEqual([]);
    expect(feed.scan.providers.filter((p) => p.status !== "ok")).toEqual([]);
    const items = automatedItems(feed);
    expect(items.length, `items answered: ${items.join(", ")}`).toBeGreaterThanOrEqual(MIN_AUTOMATED_ITEMS);
    // The grid agrees: every such item has a status of its own, not "awaiting the owner".
    for (const n of items) expect(feed.items.find((i) => i.number === n)!.status, `item ${n}`).not.toBe("manual");
  });

  it("answers item 4 from the owner's rules: a bucket outside the allowed regions breaks one, named with its value", () => {
    const item4 = feed.items.find((i) => i.number === 4)!;
    expect(["fail", "partial"]).toContain(item4.status);
    const rules = item4.reasons?.flatMap((r) => (r.rule ? [`${r.rule.name.ja}: ${r.rule.value.ja}`] : [])) ?? [];
    expect(rules).toContain("データを置いてよい地域: 東京・大阪");
    expect(item4.reasons?.every((r) => r.rule !== undefined && r.reason !== undefined)).toBe(true);
    const outside = feed.findings.find((f) => f.checkId === "aws.s3.bucket_region" && f.status === "fail");
    expect(outside?.ipaItems).toContain(4);
  });

  it("gives a reason, in both languages, for every check it shows beside an item", () => {
    for (const item of feed.items) {
      for (const r of item.reasons ?? []) {
        expect(r.reason?.ja, `${item.number} ${r.checkId}`).toMatch(/\S/);
        expect(r.reason?.en, `${item.number} ${r.checkId}`).toMatch(/\S/);
      }
      expect((item.reasons ?? []).map((r) => r.checkId)).toEqual(item.checks);
    }
  });
});
