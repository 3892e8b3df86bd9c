import { describe, expect, it } from "vitest";
import { IPA_ITEMS } from "../../checks/catalogue.ts";
import { itemStatus } from "../../feed/items.ts";
import { isFeed } from "../../feed/validate.ts";
import { ACCOUNT, bucket, feedAt, meta, result, run } from "./fixtures.ts";

const T1 = "2026-11-01T00:00:00.000Z";
const counts = (c: Partial<Record<"pass" | "fail" | "error" | "manual" | "skipped", number>>) =>
  ({ pass: 0, fail: 0, error: 0, manual: 0, skipped: 0, ...c });

describe("the 15-item grid", () => {
  it("decides an item's status from the results mapped to it", () => {
    expect(itemStatus(counts({ pass: 2, fail: 1 }))).toBe("partial");
    expect(itemStatus(counts({ fail: 2 }))).toBe("fail");
    expect(itemStatus(counts({ fail: 1, error: 3 }))).toBe("fail");
    expect(itemStatus(counts({ pass: 3, fail: 1, error: 1 }))).toBe("partial");
    expect(itemStatus(counts({ pass: 3 }))).toBe("pass");
    expect(itemStatus(counts({ pass: 3, error: 1 }))).toBe("error");
    expect(itemStatus(counts({ error: 1 }))).toBe("error");
    expect(itemStatus(counts({ skipped: 2, manual: 1 }))).toBe("manual");
    expect(itemStatus(counts({}))).toBe("manual");
  });

  it("always lists all 15 items, manual where no check maps to them", () => {
    const feed = feedAt(T1, [run(meta("aws.s3.bucket_public", "critical", [8]), result("fail", bucket("site")))]);
    expect(feed.items.map((i) => i.number)).toEqual(IPA_ITEMS.map((i) => i.number));
    expect(feed.items.find((i) => i.number === 8)).toMatchObject({ status: "fail", checks: ["aws.s3.bucket_public"] });
    expect(feed.items.filter((i) => i.number !== 8).every((i) => i.status === "manual" && i.checks.length === 0)).toBe(true);
  });

  it("counts a check mapped to several items on each of them", () => {
    const feed = feedAt(T1, [run(meta("aws.iam.root_mfa", "critical", [7, 9]), result("pass", ACCOUNT))]);
    expect(feed.items.find((i) => i.number === 7)?.counts.pass).toBe(1);
    expect(feed.items.find((i) => i.number === 9)?.counts.pass).toBe(1);
  });

  it("lets an attestation decide only items without automated results, and shows it on every item that has one", () => {
    const feed = feedAt(T1, [run(meta("aws.s3.bucket_public", "critical", [8]), result("fail", bucket("site")))], undefined, {
      attestations: {
        "1": { answer: "done", date: "2026-10-01" },
        "2": { answer: "partly", date: "2026-10-01", note: "見直し中" },
        "3": { answer: "not_done", date: "2026-10-01" },
        "5": { answer: "not_applicable", date: "2026-10-01" },
        "8": { answer: "done", date: "2026-10-01", by: "社長" },
      },
    });
    const item = (n: number) => feed.items.find((i) => i.number === n)!;
    expect(item(1).status).toBe("pass");
    expect(item(2)).toMatchObject({ status: "partial", attestation: { answer: "partly", note: "見直し中" } });
    expect(item(3).status).toBe("fail");
    expect(item(4)).toMatchObject({ status: "manual" });
    expect(item(4).attestation).toBeUndefined();
    expect(item(5).status).toBe("pass");
    // The scan saw a public bucket: the owner's "done" is shown but does not hide it.
    expect(item(8)).toMatchObject({ status: "fail", attestation: { answer: "done", by: "社長" } });
    expect(isFeed(feed)).toBe(true);
  });

  it("lets an attestation answer an item whose checks were all skipped", () => {
    const feed = feedAt(T1, [run(meta("aws.s3.bucket_region", "medium", [15]), result("skipped", bucket("a")))], undefined, {
      attestations: { "15": { answer: "done", date: "2026-10-01" } },
    });
    expect(feed.items.find((i) => i.number === 15)?.status).toBe("pass");
  });
});
