import { describe, expect, it } from "vitest";
import { findingChanges } from "../../tickets/events.ts";
import { alreadyShown, enqueued, groupIdOf, groupUpdates, type TicketRecord } from "../../tickets/outbox.ts";
import { resolveTarget } from "../../tickets/target-config.ts";
import { ACCOUNT, bucket, feedAt, meta, result, run } from "../feed/fixtures.ts";

const PUBLIC = meta("aws.s3.bucket_public", "critical");
const ROOT_MFA = meta("aws.iam.root_mfa", "critical", [7, 9]);
const VERSIONING = meta("aws.s3.bucket_versioning", "medium");
const denied = { operation: "GetBucketAcl", permission: "s3:GetBucketAcl", code: "AccessDenied", message: "denied" };
const error = (name: string) => result("error", bucket(name), { reason: { ja: "拒否", en: "access denied" }, cause: denied });
const kinds = (changes: ReturnType<typeof findingChanges>) => changes.map((c) => `${c.kind} ${c.resource.name}`).sort();
const webhook = (extra = {}) => resolveTarget({ kind: "webhook", url: "https://hooks.example.jp/x", secret: { env: "S" }, ...extra }, "ja");

describe("findingChanges", () => {
  it("opens what newly fails, resolves what stopped failing, and ignores what never failed", () => {
    const first = feedAt("2026-11-01T00:00:00.000Z", [run(PUBLIC, result("fail", bucket("a")), result("fail", bucket("b")), result("pass", bucket("c")))]);
    expect(kinds(findingChanges([], first.findings, first.scan.startedAt))).toEqual(["opened a", "opened b"]);
    const second = feedAt("2026-11-02T00:00:00.000Z", [run(PUBLIC, result("fail", bucket("a")), result("pass", bucket("b")), result("fail", bucket("c")))], first);
    expect(kinds(findingChanges(first.findings, second.findings, second.scan.startedAt))).toEqual(["opened c", "resolved b"]);
  });

  it("reports a failing finding that could not be checked as error, never as resolved, and its return as error_cleared", () => {
    const first = feedAt("2026-11-01T00:00:00.000Z", [run(PUBLIC, result("fail", bucket("a")))]);
    const blind = feedAt("2026-11-02T00:00:00.000Z", [run(PUBLIC, error("a"))], first);
    const changes = findingChanges(first.findings, blind.findings, blind.scan.startedAt);
    expect(changes).toEqual([expect.objectContaining({ kind: "error", note: expect.objectContaining({ en: expect.stringContaining("access denied") }) })]);
    const stillBlind = feedAt("2026-11-03T00:00:00.000Z", [run(PUBLIC, error("a"))], blind);
    expect(findingChanges(blind.findings, stillBlind.findings, stillBlind.scan.startedAt)).toEqual([]);
    const seen = feedAt("2026-11-04T00:00:00.000Z", [run(PUBLIC, result("fail", bucket("a")))], stillBlind);
    expect(kinds(findingChanges(stillBlind.findings, seen.findings, seen.scan.startedAt))).toEqual(["error_cleared a"]);
    const fixed = feedAt("2026-11-05T00:00:00.000Z", [run(PUBLIC, result("pass", bucket("a")))], seen);
    expect(kinds(findingChanges(seen.findings, fixed.findings, fixed.scan.startedAt))).toEqual(["resolved a"]);
  });

  it("does not turn an error on a resource that never failed into a change", () => {
    const first = feedAt("2026-11-01T00:00:00.000Z", [run(PUBLIC, result("pass", bucket("a")))]);
    const blind = feedAt("2026-11-02T00:00:00.000Z", [run(PUBLIC, error("a"))], first);
    expect(findingChanges(first.findings, blind.findings, blind.scan.startedAt)).toEqual([]);
  });
});

describe("groupUpdates", () => {
  const feed = feedAt("2026-11-01T00:00:00.000Z", [
    run(PUBLIC, result("fail", bucket("a")), result("fail", bucket("b")), result("pass", bucket("c"))),
    run(ROOT_MFA, result("fail", ACCOUNT)),
    run(VERSIONING, result("fail", bucket("a"))),
  ]);
  const changes = findingChanges([], feed.findings, feed.scan.startedAt);

  it("makes one update per check, listing every failing resource of it, by default", () => {
    const updates = groupUpdates(webhook(), changes, feed);
    expect(updates.map((u) => `${u.check.id}: ${u.affected.map((f) => f.resource.name).join(", ")}`).sort()).toEqual([
      "aws.iam.root_mfa: AWS account 123456789012", "aws.s3.bucket_public: a, b", "aws.s3.bucket_versioning: a",
    ]);
    expect(updates.find((u) => u.check.id === "aws.s3.bucket_public")!.groupId).toBe(groupIdOf("example-co", "check", { id: "", checkId: "aws.s3.bucket_public" }));
  });

  it("makes one update per finding on request, keyed by the finding id, and drops what is under the threshold", () => {
    const updates = groupUpdates(webhook({ grouping: "finding", minSeverity: "critical" }), changes, feed);
    expect(updates.map((u) => u.affected.map((f) => f.resource.name).join()).sort()).toEqual(["AWS account 123456789012", "a", "b"]);
    for (const u of updates) expect(u.groupId).toBe(u.affected[0]!.id);
  });

  it("keys per-check groups by tenant, so two tenants sharing a tracker project never share a ticket", () => {
    expect(groupIdOf("example-co", "check", { id: "", checkId: "aws.iam.root_mfa" })).not.toBe(groupIdOf("other-co", "check", { id: "", checkId: "aws.iam.root_mfa" }));
  });
});

describe("the outbox entry of a group", () => {
  const first = feedAt("2026-11-01T00:00:00.000Z", [run(PUBLIC, result("fail", bucket("a")))]);
  const [update] = groupUpdates(webhook(), findingChanges([], first.findings, first.scan.startedAt), first);
  const now = new Date("2026-11-01T00:00:01.000Z");

  it("says a change derived twice (a scan re-run after a crash) once, and takes the newer view of what fails", () => {
    const entry = enqueued(undefined, "webhook", update!, now);
    const rerun = feedAt("2026-11-01T06:00:00.000Z", [run(PUBLIC, result("fail", bucket("a")), result("fail", bucket("b")))]);
    const [again] = groupUpdates(webhook(), findingChanges([], rerun.findings, rerun.scan.startedAt), rerun);
    const merged = enqueued(entry, "webhook", again!, now);
    expect(merged.update.changes.map((c) => `${c.kind} ${c.resource.name}`)).toEqual(["opened a", "opened b"]);
    expect(merged.update.affected.map((f) => f.resource.name)).toEqual(["a", "b"]);
    expect(merged.deliveryId).not.toBe(entry.deliveryId);
    expect(merged.enqueuedAt).toBe(entry.enqueuedAt);
  });

  it("keeps every step of a finding that went back and forth while the tracker was away", () => {
    const fixed = feedAt("2026-11-02T00:00:00.000Z", [run(PUBLIC, result("pass", bucket("a")))], first);
    const back = feedAt("2026-11-03T00:00:00.000Z", [run(PUBLIC, result("fail", bucket("a")))], fixed);
    let entry = enqueued(undefined, "webhook", update!, now);
    for (const [before, after] of [[first, fixed], [fixed, back]] as const) {
      const [next] = groupUpdates(webhook(), findingChanges(before.findings, after.findings, after.scan.startedAt), after);
      entry = enqueued(entry, "webhook", next!, now);
    }
    expect(entry.update.changes.map((c) => c.kind)).toEqual(["opened", "resolved", "opened"]);
  });

  it("keeps a failing entry's count and wait when it merges, and revives a dead one with a fresh count", () => {
    const failing = { ...enqueued(undefined, "webhook", update!, now), attempts: 3, nextAttemptAt: "2026-11-02T00:00:00.000Z" };
    expect(enqueued(failing, "webhook", update!, now)).toMatchObject({ attempts: 3, nextAttemptAt: "2026-11-02T00:00:00.000Z" });
    const dead = { ...failing, dead: true as const };
    const revived = enqueued(dead, "webhook", update!, now);
    expect(revived.attempts).toBe(0);
    expect(revived.dead).toBeUndefined();
    expect(revived.nextAttemptAt).toBeUndefined();
  });

  it("counts as already shown only when state and failing findings match the record", () => {
    const record: TicketRecord = { key: "1", open: true, findings: [update!.affected[0]!.id], unverified: [], deliveryId: "x", updatedAt: "" };
    expect(alreadyShown(record, update!)).toBe(true);
    expect(alreadyShown({ ...record, open: false }, update!)).toBe(false);
    expect(alreadyShown({ ...record, findings: [] }, update!)).toBe(false);
    expect(alreadyShown({ ...record, unverified: [update!.affected[0]!.id] }, update!)).toBe(false);
  });
});
