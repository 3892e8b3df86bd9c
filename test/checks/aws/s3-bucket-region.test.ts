import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/s3-bucket-region.ts";
import { DEFAULT_POLICY, runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodBucket, goodFacts } from "./fixture.ts";

const run = (region: ReturnType<typeof goodBucket>["region"], allowedRegions = DEFAULT_POLICY.allowedRegions) =>
  runCheck(check, goodFacts({ buckets: collected([goodBucket("b", { region })]) }), awsContext({ policy: { ...DEFAULT_POLICY, allowedRegions } }))[0]!;

describe("aws.s3.bucket_region", () => {
  it("passes a bucket in Tokyo or Osaka by default", () => {
    expect(run(collected("ap-northeast-1")).status).toBe("pass");
    expect(run(collected("ap-northeast-3")).status).toBe("pass");
  });

  it("fails a bucket in us-east-1 and says where it is", () => {
    const r = run(collected("us-east-1"));
    expect(r.status).toBe("fail");
    expect(r.message!.ja).toContain("us-east-1");
  });

  it("follows the tenant's allowedRegions", () => {
    expect(run(collected("eu-west-1"), ["eu-west-1"]).status).toBe("pass");
    expect(run(collected("ap-northeast-1"), ["eu-west-1"]).status).toBe("fail");
  });

  it("reports error naming s3:GetBucketLocation, not pass, when the region could not be read", () => {
    const r = run(failed(denied("GetBucketLocation", "s3:GetBucketLocation")));
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("s3:GetBucketLocation");
  });
});
