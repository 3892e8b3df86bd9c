import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/s3-bucket-backup.ts";
import { runCheck } from "../../../checks/framework.ts";
import type { RegionBackup } from "../../../providers/aws/facts.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { backupCovering, collected, daysAgo, denied, failed, goodBucket, goodFacts, NOW, selection } from "./fixture.ts";

const byTag: RegionBackup = {
  region: "ap-northeast-1", plans: [{ id: "plan-1", name: "daily" }], recoveryPoints: [],
  selections: [selection({ name: "tagged", listOfTags: [{ key: "backup", value: "daily" }] })],
};
const run = (bucket: ReturnType<typeof goodBucket>, backup: RegionBackup | ReturnType<typeof failed> = backupCovering([])) =>
  runCheck(check, goodFacts({
    buckets: collected([bucket]),
    backup: collected({ "ap-northeast-1": "ok" in backup ? backup : collected(backup) }),
  }), awsContext({ now: NOW }))[0]!;

describe("aws.s3.bucket_backup", () => {
  it("passes a bucket selected by ARN in an AWS Backup plan", () => {
    expect(run(goodBucket("b"), backupCovering(["arn:aws:s3:::b"])).status).toBe("pass");
  });

  it("passes a bucket selected by a wildcard ARN", () => {
    expect(run(goodBucket("b"), backupCovering(["arn:aws:s3:::*"])).status).toBe("pass");
  });

  it("passes a bucket selected by tag", () => {
    expect(run(goodBucket("b", { tags: collected({ backup: "daily" }) }), byTag).status).toBe("pass");
  });

  it("fails a bucket whose only recovery point is older than 35 days, and says how old", () => {
    const r = run(goodBucket("b", { replication: collected(null) }), {
      ...backupCovering([]), recoveryPoints: [{ arn: "arn:aws:s3:::b", lastBackupTime: daysAgo(200) }],
    });
    expect(r.status).toBe("fail");
    expect(r.evidence!.lastRecoveryPoint).toBe(daysAgo(200));
    expect(r.message!.en).toContain("older than 35 days");
  });

  it("passes a bucket with a recovery point from last week", () => {
    const r = run(goodBucket("b"), { ...backupCovering([]), recoveryPoints: [{ arn: "arn:aws:s3:::b", lastBackupTime: daysAgo(7) }] });
    expect(r.status).toBe("pass");
  });

  it("fails, not passes, a recovery point whose time AWS Backup did not record", () => {
    const r = run(goodBucket("b", { replication: collected(null) }), {
      ...backupCovering([]), recoveryPoints: [{ arn: "arn:aws:s3:::b", lastBackupTime: null }],
    });
    expect(r.status).toBe("fail");
  });

  it("fails a bucket that a Conditions selection excludes (everything except backup=false)", () => {
    const exceptFalse = { ...byTag, selections: [selection({ resources: ["*"], conditions: [{ operator: "StringNotEquals", key: "backup", value: "false" }] })] };
    expect(run(goodBucket("b", { replication: collected(null), tags: collected({ backup: "false" }) }), exceptFalse).status).toBe("fail");
    expect(run(goodBucket("b", { tags: collected({}) }), exceptFalse).status).toBe("pass");
  });

  it("passes a bucket that is replicated though not in AWS Backup", () => {
    const r = run(goodBucket("b", { replication: collected({ enabledRules: 1, destinations: ["arn:aws:s3:::b-copy"] }) }));
    expect(r.status).toBe("pass");
    expect(r.evidence!.replication).toEqual({ enabledRules: 1, destinations: ["arn:aws:s3:::b-copy"] });
  });

  it("fails a bucket with neither backup nor replication", () => {
    const r = run(goodBucket("b", { replication: collected(null) }));
    expect(r.status).toBe("fail");
  });

  it("reports error, not pass, when AWS Backup could not be read and there is no replication", () => {
    const r = run(goodBucket("b", { replication: collected(null) }), failed(denied("ListBackupPlans", "backup:ListBackupPlans")));
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("backup:ListBackupPlans");
  });

  it("reports error naming s3:GetBucketTagging when a tag selection exists and the tags could not be read", () => {
    const r = run(goodBucket("b", { replication: collected(null), tags: failed(denied("GetBucketTagging", "s3:GetBucketTagging")) }), byTag);
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("s3:GetBucketTagging");
  });

  it("reports error naming s3:GetReplicationConfiguration when replication could not be read for an uncovered bucket", () => {
    const r = run(goodBucket("b", { replication: failed(denied("GetBucketReplication", "s3:GetReplicationConfiguration")) }));
    expect(r.status).toBe("error");
  });
});
