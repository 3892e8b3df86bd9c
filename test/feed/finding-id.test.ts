import { describe, expect, it } from "vitest";
import { findingId } from "../../feed/finding-id.ts";

describe("findingId", () => {
  it("gives the same id for the same tenant, check and resource on every run", () => {
    const a = findingId("example-co", "aws.s3.bucket_public", "arn:aws:s3:::example-co-website");
    expect(a).toBe(findingId("example-co", "aws.s3.bucket_public", "arn:aws:s3:::example-co-website"));
    expect(a).toMatch(/^[0-9a-f]{24}$/);
  });

  it("keeps the published algorithm: open tickets refer to these ids", () => {
    // sha256("example-co\0aws.s3.bucket_public\0arn:aws:s3:::example-co-website"), first 24 hex.
    expect(findingId("example-co", "aws.s3.bucket_public", "arn:aws:s3:::example-co-website"))
      .toBe("2a6c793bb13908898e5f45aa");
  });

  it("differs when the tenant, the check or the resource differs", () => {
    const base = findingId("example-co", "aws.s3.bucket_public", "arn:aws:s3:::a");
    const others = [
      findingId("other-co", "aws.s3.bucket_public", "arn:aws:s3:::a"),
      findingId("example-co", "aws.s3.bucket_versioning", "arn:aws:s3:::a"),
      findingId("example-co", "aws.s3.bucket_public", "arn:aws:s3:::b"),
    ];
    expect(new Set([base, ...others]).size).toBe(4);
  });

  it("cannot be fooled by moving characters between the joined parts", () => {
    expect(findingId("a-b", "c", "d")).not.toBe(findingId("a", "b-c", "d"));
    expect(findingId("a", "b", "c:d")).not.toBe(findingId("a", "b:c", "d"));
    expect(() => findingId("a\0b", "c", "d")).toThrow(/NUL/);
  });
});
