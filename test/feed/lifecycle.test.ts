import { describe, expect, it } from "vitest";
import { findingId } from "../../feed/finding-id.ts";
import type { Feed } from "../../feed/schema.ts";
import { isFeed } from "../../feed/validate.ts";
import { ACCOUNT, bucket, feedAt, meta, result, run } from "./fixtures.ts";

const PUBLIC = meta("aws.s3.bucket_public", "critical");
const ROOT_MFA = meta("aws.iam.root_mfa", "critical", [7, 9]);
const T1 = "2026-11-01T00:00:00.000Z";
const T2 = "2026-11-02T00:00:00.000Z";
const T3 = "2026-11-03T00:00:00.000Z";

function findingOf(feed: Feed, checkId: string, uid: string) {
  const found = feed.findings.find((f) => f.id === findingId("example-co", checkId, uid));
  if (!found) throw new Error(`no finding for ${checkId} on ${uid}`);
  return found;
}

describe("finding lifecycle against the previous feed", () => {
  it("marks a failure new, then open with its first sighting kept, then resolved", () => {
    const uid = bucket("site").uid;
    const first = feedAt(T1, [run(PUBLIC, result("fail", bucket("site")))]);
    expect(findingOf(first, PUBLIC.id, uid)).toMatchObject({ status: "fail", state: "new", firstSeen: T1, lastSeen: T1 });

    const second = feedAt(T2, [run(PUBLIC, result("fail", bucket("site")))], first);
    expect(findingOf(second, PUBLIC.id, uid)).toMatchObject({ status: "fail", state: "open", firstSeen: T1, lastSeen: T2 });

    const third = feedAt(T3, [run(PUBLIC, result("pass", bucket("site")))], second);
    expect(findingOf(third, PUBLIC.id, uid)).toMatchObject({ status: "pass", state: "resolved", lastSeen: T3 });
    expect(third.summary).toMatchObject({ new: 0, open: 0, resolved: 1 });
    for (const feed of [first, second, third]) expect(isFeed(feed)).toBe(true);
  });

  it("treats a pass that was never failing as having no lifecycle state", () => {
    const first = feedAt(T1, [run(PUBLIC, result("pass", bucket("invoices")))]);
    const second = feedAt(T2, [run(PUBLIC, result("pass", bucket("invoices")))], first);
    const finding = findingOf(second, PUBLIC.id, bucket("invoices").uid);
    expect(finding.state).toBeUndefined();
    expect(finding).toMatchObject({ firstSeen: T1, lastSeen: T2 });
  });

  it("starts a new failure's firstSeen when it starts failing, not when the resource was first seen", () => {
    const first = feedAt(T1, [run(PUBLIC, result("pass", bucket("site")))]);
    const second = feedAt(T2, [run(PUBLIC, result("fail", bucket("site")))], first);
    expect(findingOf(second, PUBLIC.id, bucket("site").uid)).toMatchObject({ state: "new", firstSeen: T2 });
  });

  it("does not resolve a failure whose check now errors: keeps it failing and open, lastSeen unchanged", () => {
    const first = feedAt(T1, [
      run(PUBLIC, result("fail", bucket("site"))),
      run(ROOT_MFA, result("fail", ACCOUNT)),
    ]);
    const denied = { operation: "ListBuckets", permission: "s3:ListAllMyBuckets", code: "AccessDenied", message: "denied" };
    const second = feedAt(T2, [
      // The whole check could not run: its error sits on the account, not on the bucket.
      run(PUBLIC, result("error", ACCOUNT, { reason: { ja: "拒否", en: "ListBuckets was denied" }, cause: denied })),
      // The account-level check errors on the very resource that failed before.
      run(ROOT_MFA, result("error", ACCOUNT, { reason: { ja: "拒否", en: "GetAccountSummary was denied" } })),
    ], first);

    const site = findingOf(second, PUBLIC.id, bucket("site").uid);
    expect(site).toMatchObject({ status: "fail", state: "open", firstSeen: T1, lastSeen: T1, cause: denied });
    expect(site.reason?.en).toMatch(/Could not be checked in this scan \(ListBuckets was denied\)/);
    const root = findingOf(second, ROOT_MFA.id, ACCOUNT.uid);
    expect(root).toMatchObject({ status: "fail", state: "open", lastSeen: T1 });
    expect(second.summary.resolved).toBe(0);
    expect(isFeed(second)).toBe(true);
  });

  it("does not resolve a failure when its own resource errors while the check ran", () => {
    const first = feedAt(T1, [run(PUBLIC, result("fail", bucket("site")), result("pass", bucket("invoices")))]);
    const second = feedAt(T2, [run(PUBLIC, result("error", bucket("site")), result("pass", bucket("invoices")))], first);
    expect(findingOf(second, PUBLIC.id, bucket("site").uid)).toMatchObject({ status: "fail", state: "open", lastSeen: T1 });
    expect(second.findings.filter((f) => f.checkId === PUBLIC.id)).toHaveLength(2);
  });

  it("resolves a failure whose resource is gone while its check ran without error", () => {
    const first = feedAt(T1, [run(PUBLIC, result("fail", bucket("old-site")), result("pass", bucket("invoices")))]);
    const second = feedAt(T2, [run(PUBLIC, result("pass", bucket("invoices")))], first);
    const gone = findingOf(second, PUBLIC.id, bucket("old-site").uid);
    expect(gone).toMatchObject({ status: "pass", state: "resolved", firstSeen: T1, lastSeen: T2 });
    expect(gone.evidence?.note).toMatch(/no longer exists/);
    expect(gone.message?.en).toMatch(/no longer exists/);

    // Once resolved, a vanished resource leaves the feed for good.
    const third = feedAt(T3, [run(PUBLIC, result("pass", bucket("invoices")))], second);
    expect(third.findings.map((f) => f.resource.name)).toEqual(["invoices"]);
  });

  it("carries a vanished failure instead of resolving it when its check had any error", () => {
    const first = feedAt(T1, [run(PUBLIC, result("fail", bucket("old-site")), result("pass", bucket("invoices")))]);
    const second = feedAt(T2, [run(PUBLIC, result("error", bucket("invoices")))], first);
    expect(findingOf(second, PUBLIC.id, bucket("old-site").uid)).toMatchObject({ status: "fail", state: "open", lastSeen: T1 });
  });

  it("drops findings of checks that did not run at all in this scan", () => {
    const first = feedAt(T1, [run(PUBLIC, result("fail", bucket("site")))]);
    const second = feedAt(T2, [run(ROOT_MFA, result("pass", ACCOUNT))], first);
    expect(second.findings.map((f) => f.checkId)).toEqual([ROOT_MFA.id]);
  });

  it("reports the same resource once per check, with the worse verdict", () => {
    const feed = feedAt(T1, [run(PUBLIC, result("pass", bucket("site")), result("fail", bucket("site")))]);
    expect(feed.findings).toHaveLength(1);
    expect(feed.findings[0]!.status).toBe("fail");
  });

  it("treats every failure as new after the previous feed was set aside", () => {
    const feed = feedAt(T1, [run(PUBLIC, result("fail", bucket("site")))], undefined, {
      previous: { problem: "not valid JSON", setAsideTo: "example-co/feed.json.corrupt-x" },
    });
    expect(feed.findings[0]!.state).toBe("new");
    expect(feed.scan.previousFeed).toEqual({ status: "set_aside", problem: "not valid JSON", setAsideTo: "example-co/feed.json.corrupt-x" });
  });

  it("lists failures first and the most severe first", () => {
    const feed = feedAt(T1, [
      run(meta("aws.s3.bucket_versioning", "medium", [10]), result("fail", bucket("a"))),
      run(PUBLIC, result("pass", bucket("a")), result("fail", bucket("b"))),
    ]);
    expect(feed.findings.map((f) => [f.status, f.severity])).toEqual([["fail", "critical"], ["fail", "medium"], ["pass", "critical"]]);
  });
});
