import { describe, expect, it } from "vitest";
import { FEED_SCHEMA_VERSION } from "../../feed/schema.ts";
import { ajvFor } from "../cli/run-cli.ts";
import { ACCOUNT, bucket, feedAt, meta, result, run } from "./fixtures.ts";

describe("the feed against the schema printed by `cloud15 schema`", () => {
  it("accepts a feed with every kind of finding, lifecycle state and attestation", async () => {
    const validate = await ajvFor(["schema"]);
    const PUBLIC = meta("aws.s3.bucket_public", "critical");
    const denied = { operation: "GetBucketAcl", permission: "s3:GetBucketAcl", code: "AccessDenied", message: "denied" };
    const first = feedAt("2026-11-01T00:00:00.000Z", [
      run(PUBLIC, result("fail", bucket("a")), result("fail", bucket("b")), result("fail", bucket("gone"))),
    ]);
    const second = feedAt("2026-11-02T00:00:00.000Z", [
      run(PUBLIC,
        result("pass", bucket("a"), { evidence: { acl: [], nested: { at: new Date(0).toISOString() } } }),
        result("error", bucket("b"), { reason: { ja: "拒否", en: "denied" }, cause: denied }),
        result("skipped", bucket("c"), { reason: { ja: "対象外", en: "not applicable" } })),
      run(meta("aws.iam.root_mfa", "critical", [7, 9]), result("fail", ACCOUNT, { message: { ja: "MFA なし", en: "no MFA" } })),
    ], first, {
      attestations: { "14": { answer: "done", date: "2026-10-01", note: "契約書確認済み" } },
      providers: [{
        provider: "aws", status: "partial", startedAt: "2026-11-02T00:00:00.000Z", finishedAt: "2026-11-02T00:00:01.000Z",
        apiCalls: { ListBuckets: 1 }, errors: [denied], account: "123456789012",
      }],
    });
    expect(new Set(second.findings.map((f) => f.state))).toEqual(new Set(["resolved", "open", "new", undefined]));
    // The next scan cannot reach AWS: its last verdicts are carried, marked stale (1.1).
    const refused = { operation: "GetCallerIdentity", code: "InvalidClientTokenId", message: "invalid token" };
    const third = feedAt("2026-11-03T00:00:00.000Z", [run(PUBLIC, result("error", ACCOUNT, { cause: refused }))], second, {
      providers: [{ provider: "aws", status: "unreachable", startedAt: "2026-11-03T00:00:00.000Z", finishedAt: "2026-11-03T00:00:01.000Z", apiCalls: {}, errors: [refused] }],
    });
    expect(third.schemaVersion).toBe(FEED_SCHEMA_VERSION);
    expect(third.scan.providers[0]!.stale).toMatchObject({ since: "2026-11-02T00:00:00.000Z" });
    expect(third.findings.length).toBeGreaterThan(0);
    expect(third.findings.every((f) => f.stale === true)).toBe(true);
    // A feed written before 1.1 (the previous feed, the history) stays valid.
    const older = { ...JSON.parse(JSON.stringify(first)), schemaVersion: "1.0" };
    for (const feed of [first, second, third, older]) {
      const valid = validate(JSON.parse(JSON.stringify(feed)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it("rejects a feed that breaks the contract", async () => {
    const validate = await ajvFor(["schema"]);
    const feed = JSON.parse(JSON.stringify(feedAt("2026-11-01T00:00:00.000Z", [])));
    expect(validate(feed)).toBe(true);
    expect(validate({ ...feed, items: feed.items.slice(1) })).toBe(false);
    expect(validate({ ...feed, summary: { ...feed.summary, score: 101 } })).toBe(false);
    expect(validate({ ...feed, scan: { ...feed.scan, startedAt: "yesterday" } })).toBe(false);
    expect(validate({ ...feed, schemaVersion: "2.0" })).toBe(false);
    const provider = { provider: "aws", status: "unreachable", startedAt: feed.scan.startedAt, finishedAt: feed.scan.startedAt, apiCalls: {}, errors: [] };
    expect(validate({ ...feed, scan: { ...feed.scan, providers: [{ ...provider, stale: { since: feed.scan.startedAt } }] } })).toBe(false);
    expect(validate({ ...feed, scan: { ...feed.scan, providers: [{ ...provider, status: "down" }] } })).toBe(false);
  });
});
