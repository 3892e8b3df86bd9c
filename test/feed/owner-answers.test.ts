import { describe, expect, it } from "vitest";
import { answersInForce, parseAnswerInput, type AnswerInput, type StoredAnswer } from "../../feed/answers.ts";
import { findingId } from "../../feed/finding-id.ts";
import { feedWithRecordedAnswers, OWNER_CHECK_PREFIX } from "../../feed/owner-view.ts";
import type { Feed } from "../../feed/schema.ts";
import { isFeed } from "../../feed/validate.ts";
import { bucket, feedAt, meta, result, run } from "./fixtures.ts";

const T1 = "2026-11-01T00:00:00.000Z";
const T2 = "2026-11-08T00:00:00.000Z";
const T3 = "2026-11-15T00:00:00.000Z";

let ids = 0;
function recorded(answer: AnswerInput, at: string): StoredAnswer {
  ids += 1;
  return { ...answer, id: `answer-${String(ids).padStart(4, "0")}`, at } as StoredAnswer;
}

/** One public bucket (item 8) fails, one versioned bucket (item 10) passes. */
const checks = () => [
  run(meta("aws.s3.bucket_public", "high", [8]), result("fail", bucket("site"))),
  run(meta("aws.s3.bucket_versioning", "medium", [10]), result("pass", bucket("backups"))),
];

const item = (feed: Feed, n: number) => feed.items.find((i) => i.number === n)!;
const ownerFinding = (feed: Feed, n: number) => feed.findings.find((f) => f.checkId === `${OWNER_CHECK_PREFIX}${n}`);

describe("the owner's answers in the feed", () => {
  it("turns a 'not done' into a failing owner finding a ticket outbox can take like any other", () => {
    const answers = [recorded({ kind: "item", item: 1, answer: "not_done", by: "山田", note: "未定" }, "2026-10-30T09:00:00.000Z")];
    const feed = feedAt(T1, checks(), undefined, { recordedAnswers: answers });
    expect(isFeed(feed)).toBe(true);
    expect(item(feed, 1)).toMatchObject({ status: "fail", attestation: { answer: "not_done", by: "山田", date: "2026-10-30", note: "未定" } });
    expect(ownerFinding(feed, 1)).toMatchObject({
      id: findingId("example-co", "owner.item_1", "cloud15:tenant:example-co"),
      provider: "owner", status: "fail", state: "new", ipaItems: [1],
      evidence: { answer: "not_done", by: "山田", date: "2026-10-30", note: "未定" },
      firstSeen: "2026-10-30T09:00:00.000Z",
    });
    // Counted like any failing finding, so the score and the counts move.
    expect(feed.summary.byStatus.fail).toBe(2);
    expect(feed.summary.new).toBe(2);
  });

  it("keeps the owner finding open across scans and resolves it when the answer becomes 'done'", () => {
    const first = [recorded({ kind: "item", item: 2, answer: "not_done" }, "2026-10-30T09:00:00.000Z")];
    const scan1 = feedAt(T1, checks(), undefined, { recordedAnswers: first });
    const scan2 = feedAt(T2, checks(), scan1, { recordedAnswers: first });
    expect(ownerFinding(scan2, 2)).toMatchObject({ status: "fail", state: "open", firstSeen: ownerFinding(scan1, 2)!.firstSeen, lastSeen: T2 });
    const later = [...first, recorded({ kind: "item", item: 2, answer: "done" }, "2026-11-10T00:00:00.000Z")];
    const scan3 = feedAt(T3, checks(), scan2, { recordedAnswers: later });
    expect(ownerFinding(scan3, 2)).toMatchObject({ status: "pass", state: "resolved" });
    expect(item(scan3, 2).status).toBe("pass");
  });

  it("lets the scan decide the items it covers: an answer there is shown but makes no owner finding", () => {
    const answers = [recorded({ kind: "item", item: 8, answer: "done" }, "2026-10-30T09:00:00.000Z")];
    const feed = feedAt(T1, checks(), undefined, { recordedAnswers: answers });
    expect(item(feed, 8)).toMatchObject({ status: "fail", attestation: { answer: "done" } });
    expect(ownerFinding(feed, 8)).toBeUndefined();
  });

  it("lets a recorded answer win over the config's pre-seeded one, and keeps the config's where none was recorded", () => {
    const answers = [recorded({ kind: "item", item: 3, answer: "partly" }, "2026-10-30T09:00:00.000Z")];
    const feed = feedAt(T1, checks(), undefined, {
      attestations: { "3": { answer: "done", date: "2026-10-01" }, "4": { answer: "not_applicable", date: "2026-10-01" } },
      recordedAnswers: answers,
    });
    expect(item(feed, 3)).toMatchObject({ status: "partial", attestation: { answer: "partly" } });
    expect(ownerFinding(feed, 3)).toMatchObject({ status: "fail", severity: "medium" });
    expect(item(feed, 4)).toMatchObject({ status: "pass", attestation: { answer: "not_applicable" } });
    expect(ownerFinding(feed, 4)).toMatchObject({ status: "skipped" });
  });

  it("changes grid and score on the page without a rescan, and the next scan agrees", () => {
    const scanned = feedAt(T1, checks());
    const answers = [
      recorded({ kind: "item", item: 1, answer: "done", by: "社長" }, "2026-11-02T00:00:00.000Z"),
      recorded({ kind: "selfCheck", question: 3, answer: "unknown", by: "社長" }, "2026-11-02T00:01:00.000Z"),
    ];
    const view = feedWithRecordedAnswers(scanned, answers, new Date("2026-11-02T00:02:00.000Z"));
    expect(isFeed(view)).toBe(true);
    expect(item(scanned, 1).status).toBe("manual");
    expect(item(view, 1)).toMatchObject({ status: "pass", attestation: { answer: "done", by: "社長", date: "2026-11-02" } });
    expect(view.summary.score).toBeGreaterThan(scanned.summary.score);
    expect(view.selfCheck).toMatchObject({ score: -1, answered: 1, complete: false });

    const rescanned = feedAt(T2, checks(), scanned, { recordedAnswers: answers });
    expect(item(rescanned, 1)).toEqual(item(view, 1));
    expect(rescanned.summary.score).toBe(view.summary.score);
    expect(rescanned.selfCheck).toEqual(view.selfCheck);
    // Viewing the rescanned feed changes nothing: what the scan stored is what the page shows.
    expect(feedWithRecordedAnswers(rescanned, answers, new Date(T3))).toEqual(rescanned);
  });
});

describe("an answer from the page", () => {
  it("is accepted with its note and name trimmed", () => {
    expect(parseAnswerInput({ kind: "item", item: 1, answer: "done", note: "  経理のみ ", by: " 山田 " }))
      .toEqual({ input: { kind: "item", item: 1, answer: "done", note: "経理のみ", by: "山田" } });
    expect(parseAnswerInput({ kind: "selfCheck", question: 25, answer: "unknown", note: "" }))
      .toEqual({ input: { kind: "selfCheck", question: 25, answer: "unknown" } });
  });

  it("is refused with a reason for an unknown item, a bad value or an oversized note", () => {
    const problem = (body: unknown) => ("problem" in parseAnswerInput(body) ? (parseAnswerInput(body) as { problem: string }).problem : "");
    expect(problem({ kind: "item", item: 16, answer: "done" })).toBe("unknown item 16: items are numbered 1 to 15");
    expect(problem({ kind: "item", item: "1", answer: "done" })).toMatch(/unknown item "1"/);
    expect(problem({ kind: "item", item: 1, answer: "yes" })).toBe("answer must be one of done, partly, not_done, not_applicable");
    expect(problem({ kind: "selfCheck", question: 26, answer: "done" })).toMatch(/unknown question 26/);
    expect(problem({ kind: "selfCheck", question: 1, answer: "not_applicable" })).toBe("answer must be one of done, partly, not_done, unknown");
    expect(problem({ kind: "item", item: 1, answer: "done", note: "x".repeat(2001) })).toBe("note is 2001 characters long; at most 2000 are allowed");
    expect(problem({ kind: "item", item: 1, answer: "done", by: 42 })).toBe("by must be text");
    expect(problem({ kind: "item", item: 1, answer: "done", at: T1 })).toBe('unknown field "at"');
    expect(problem([])).toBe("expected a JSON object");
    expect(problem({ kind: "other" })).toBe('kind must be "item" or "selfCheck"');
  });

  it("supersedes, in force, an earlier answer to the same item or question", () => {
    const inForce = answersInForce({}, [
      recorded({ kind: "item", item: 1, answer: "not_done" }, "2026-11-01T00:00:00.000Z"),
      recorded({ kind: "selfCheck", question: 2, answer: "partly" }, "2026-11-01T00:00:00.000Z"),
      recorded({ kind: "item", item: 1, answer: "done", by: "B" }, "2026-11-03T00:00:00.000Z"),
      recorded({ kind: "selfCheck", question: 2, answer: "done" }, "2026-11-04T00:00:00.000Z"),
    ]);
    expect(inForce.items["1"]).toEqual({ answer: "done", date: "2026-11-03", by: "B" });
    expect(inForce.itemAnsweredAt.get(1)).toBe("2026-11-03T00:00:00.000Z");
    expect(inForce.selfCheck).toEqual([{ question: 2, answer: "done", date: "2026-11-04" }]);
  });
});
