import { describe, expect, it } from "vitest";
import { backupCoverage, selects } from "../../../providers/aws/backup-coverage.ts";
import type { RegionBackup } from "../../../providers/aws/facts.ts";
import { daysAgo, NOW, selection } from "../../checks/aws/fixture.ts";

const ARN = "arn:aws:s3:::acme-data";
const region = (overrides: Partial<RegionBackup>): RegionBackup => ({
  region: "ap-northeast-1", plans: [{ id: "plan-1", name: "daily" }], selections: [], recoveryPoints: [], ...overrides,
});

describe("AWS Backup selection logic", () => {
  it("Resources are OR'ed and accept wildcards; NotResources exclude", () => {
    expect(selects(selection({ resources: ["arn:aws:s3:::other", "arn:aws:s3:::acme-*"] }), ARN, undefined)).toBe(true);
    expect(selects(selection({ resources: ["arn:aws:s3:::*"], notResources: [ARN] }), ARN, undefined)).toBe(false);
  });

  it("ListOfTags entries are OR'ed", () => {
    const s = selection({ listOfTags: [{ key: "backup", value: "daily" }, { key: "backup", value: "weekly" }] });
    expect(selects(s, ARN, { backup: "weekly" })).toBe(true);
    expect(selects(s, ARN, { backup: "never" })).toBe(false);
  });

  it("Conditions are AND'ed: one failing condition unselects", () => {
    const s = selection({ conditions: [
      { operator: "StringEquals", key: "backup", value: "true" },
      { operator: "StringEquals", key: "stage", value: "prod" },
    ] });
    expect(selects(s, ARN, { backup: "true", stage: "prod" })).toBe(true);
    expect(selects(s, ARN, { backup: "true", stage: "dev" })).toBe(false);
  });

  it("'everything except backup=false' (StringNotEquals) leaves out the excluded buckets and keeps untagged ones", () => {
    const s = selection({ resources: ["*"], conditions: [{ operator: "StringNotEquals", key: "backup", value: "false" }] });
    expect(selects(s, ARN, { backup: "false" })).toBe(false);
    expect(selects(s, ARN, {})).toBe(true);
  });

  it("StringLike and StringNotLike match with * wildcards, case-sensitively", () => {
    expect(selects(selection({ conditions: [{ operator: "StringLike", key: "env", value: "prod*" }] }), ARN, { env: "production" })).toBe(true);
    expect(selects(selection({ conditions: [{ operator: "StringLike", key: "env", value: "prod*" }] }), ARN, { env: "Production" })).toBe(false);
    expect(selects(selection({ conditions: [{ operator: "StringNotLike", key: "env", value: "*test*" }] }), ARN, { env: "my-test-1" })).toBe(false);
  });

  it("ListOfTags and Conditions together must both hold, and Resources narrow both", () => {
    const s = selection({ resources: ["arn:aws:s3:::acme-*"], listOfTags: [{ key: "backup", value: "daily" }], conditions: [{ operator: "StringNotEquals", key: "stage", value: "dev" }] });
    expect(selects(s, ARN, { backup: "daily", stage: "prod" })).toBe(true);
    expect(selects(s, ARN, { backup: "daily", stage: "dev" })).toBe(false);
    expect(selects(s, "arn:aws:s3:::other", { backup: "daily" })).toBe(false);
  });

  it("needs the tags before it can say, and does not count a selection with neither ARNs nor tags", () => {
    expect(selects(selection({ conditions: [{ operator: "StringEquals", key: "a", value: "b" }] }), ARN, undefined)).toBe("needs-tags");
    expect(selects(selection({}), ARN, {})).toBe(false);
  });
});

describe("backupCoverage", () => {
  it("is covered by a plan's selection, and names it", () => {
    expect(backupCoverage(region({ selections: [selection({ resources: [ARN] })] }), ARN, undefined, NOW))
      .toEqual({ covered: true, by: { selection: "important", plan: "daily" } });
  });

  it("is covered by a recovery point from the last 35 days, not by an older one or one without a time", () => {
    expect(backupCoverage(region({ recoveryPoints: [{ arn: ARN, lastBackupTime: daysAgo(34) }] }), ARN, undefined, NOW).covered).toBe(true);
    expect(backupCoverage(region({ recoveryPoints: [{ arn: ARN, lastBackupTime: daysAgo(36) }] }), ARN, undefined, NOW))
      .toEqual({ covered: false, needsTags: false, staleRecoveryPoint: daysAgo(36) });
    expect(backupCoverage(region({ recoveryPoints: [{ arn: ARN, lastBackupTime: null }] }), ARN, undefined, NOW).covered).toBe(false);
  });
});
