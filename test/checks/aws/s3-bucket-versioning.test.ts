import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/s3-bucket-versioning.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodBucket, goodFacts } from "./fixture.ts";

const run = (b: ReturnType<typeof goodBucket>) => runCheck(check, goodFacts({ buckets: collected([b]) }), awsContext())[0]!;

describe("aws.s3.bucket_versioning", () => {
  it("passes a bucket with versioning enabled", () => {
    expect(run(goodBucket()).status).toBe("pass");
  });

  it("fails a bucket whose versioning was never turned on", () => {
    const r = run(goodBucket("b", { versioning: collected("Disabled") }));
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("Versioning has never been turned on.");
  });

  it("fails a bucket whose versioning is suspended", () => {
    expect(run(goodBucket("b", { versioning: collected("Suspended") })).status).toBe("fail");
  });

  it("reports error naming s3:GetBucketVersioning, not pass, when the call is denied", () => {
    const r = run(goodBucket("b", { versioning: failed(denied("GetBucketVersioning", "s3:GetBucketVersioning")) }));
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("s3:GetBucketVersioning");
  });
});
