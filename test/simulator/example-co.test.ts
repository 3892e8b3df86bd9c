import { describe, expect, it } from "vitest";
import { exampleCoAccount, largeAccount } from "../../simulator/aws/example-co.ts";
import { ALL_USERS_URI } from "../../simulator/aws/model.ts";
import { policyIsPublic } from "../../simulator/aws/policy-status.ts";

describe("Example Co.", () => {
  const account = exampleCoAccount(new Date("2026-06-01T00:00:00Z"));
  const bucket = (name: string) => account.buckets.find((b) => b.name === name)!;
  const selections = account.backup["ap-northeast-1"]!.plans.flatMap((p) => p.selections);

  it("is plain JSON and a fresh copy each call", () => {
    expect(JSON.parse(JSON.stringify(account))).toEqual(account);
    const other = exampleCoAccount();
    other.buckets.length = 0;
    expect(exampleCoAccount().buckets.length).toBeGreaterThan(0);
  });

  it("has the mistakes small companies make", () => {
    expect(account.publicAccessBlock).toBeUndefined();
    expect([account.rootMfa, account.rootAccessKeys]).toEqual([false, true]);
    expect(account.passwordPolicy?.minimumLength).toBe(6);
    expect(bucket("example-co-public-assets").acl).toContainEqual({ granteeType: "Group", grantee: ALL_USERS_URI, permission: "READ" });
    expect(policyIsPublic(bucket("example-co-website").policy!)).toBe(true);
    expect([bucket("example-co-us-export").region, bucket("example-co-us-export").versioning]).toEqual(["us-east-1", undefined]);
    const hr = bucket("example-co-hr-archive");
    expect(hr.versioning).toBe("Enabled");
    expect(selections.some((s) => s.resources.includes("arn:aws:s3:::example-co-hr-archive"))).toBe(false);
    const suzuki = account.users.find((u) => u.name === "suzuki")!;
    expect([suzuki.password !== undefined, suzuki.mfa]).toEqual([true, false]);
    const ci = account.users.find((u) => u.name === "ci-deploy")!;
    expect(ci.password).toBeUndefined();
    expect(ci.accessKeys).toEqual([{ active: true, createdAt: "2025-04-27T00:00:00.000Z", lastUsed: "2026-05-31T00:00:00.000Z" }]);
    expect(account.users.find((u) => u.name === "old-contractor")!.accessKeys[0]!.lastUsed).toBeUndefined();
  });

  it("has things done right", () => {
    expect(policyIsPublic(bucket("example-co-partner-share").policy!)).toBe(false);
    expect(policyIsPublic(bucket("example-co-cdn-origin").policy!)).toBe(false);
    expect(bucket("example-co-invoices")).toMatchObject({
      versioning: "Enabled",
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    });
    expect(selections.some((s) => s.resources.includes("arn:aws:s3:::example-co-invoices"))).toBe(true);
    expect(bucket("example-co-logs").tags).toEqual({ backup: "daily" });
    expect(selections.some((s) => s.tags?.some((t) => t.key === "backup" && t.value === "daily"))).toBe(true);
    for (const name of ["tanaka", "sato"]) expect(account.users.find((u) => u.name === name)?.mfa).toBe(true);
    expect(account.administratorAccess).toEqual({
      users: ["tanaka", "suzuki"], groups: [{ name: "admins", members: ["sato"] }], roles: ["OrganizationAccountAccessRole"],
    });
  });
});

describe("largeAccount", () => {
  it("builds the requested size with a repeatable, realistic mix", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const account = largeAccount({ buckets: 1000, users: 1000 }, now);
    expect(largeAccount({ buckets: 1000, users: 1000 }, now)).toEqual(account);
    expect([account.buckets.length, account.users.length]).toEqual([1000, 1000]);
    expect(new Set(account.buckets.map((b) => b.name)).size).toBe(1000);
    const count = (pred: (b: (typeof account.buckets)[number]) => boolean) => account.buckets.filter(pred).length;
    expect(count((b) => b.region === "us-east-1")).toBeGreaterThan(20);
    expect(count((b) => b.region === "ap-northeast-3")).toBeGreaterThan(50);
    expect(count((b) => b.acl.length > 0)).toBeGreaterThan(10);
    expect(count((b) => b.policy !== undefined)).toBeGreaterThan(10);
    expect(count((b) => b.versioning === "Enabled")).toBeGreaterThan(300);
    expect(account.users.every((u) => u.accessKeys.length <= 2)).toBe(true);
    expect(account.users.filter((u) => u.password !== undefined && !u.mfa).length).toBeGreaterThan(50);
  });
});
