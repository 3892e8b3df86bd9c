import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/macie-enabled.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodBucket, goodFacts } from "./fixture.ts";

const buckets = collected([goodBucket("tokyo-data"), goodBucket("virginia-data", { region: collected("us-east-1") })]);

describe("aws.macie.enabled", () => {
  it("passes each region holding buckets where Macie is enabled", () => {
    const facts = goodFacts({ buckets, macie: collected({ "ap-northeast-1": collected("ENABLED"), "us-east-1": collected("ENABLED") }) });
    const results = runCheck(check, facts, awsContext());
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([["ap-northeast-1", "pass"], ["us-east-1", "pass"]]);
  });

  it("fails a region holding buckets where Macie is not enabled or is suspended", () => {
    const facts = goodFacts({ buckets, macie: collected({ "ap-northeast-1": collected("PAUSED"), "us-east-1": collected("NOT_ENABLED") }) });
    const [tokyo, virginia] = runCheck(check, facts, awsContext());
    expect(tokyo!.status).toBe("fail");
    expect(tokyo!.message!.en).toBe("Macie is suspended in region ap-northeast-1.");
    expect(virginia!.status).toBe("fail");
    expect(virginia!.message!.en).toBe("Region us-east-1 holds 1 bucket(s) but Macie is not enabled there.");
  });

  it("judges only regions that hold buckets: Macie off in an empty home region is no finding", () => {
    const facts = goodFacts({ buckets: collected([goodBucket("virginia-data", { region: collected("us-east-1") })]),
      macie: collected({ "ap-northeast-1": collected("NOT_ENABLED"), "us-east-1": collected("ENABLED") }) });
    expect(runCheck(check, facts, awsContext()).map((r) => [r.resource.region, r.status])).toEqual([["us-east-1", "pass"]]);
  });

  it("reports error, not pass, when GetMacieSession was denied in a region", () => {
    const facts = goodFacts({ buckets, macie: collected({ "ap-northeast-1": collected("ENABLED"), "us-east-1": failed(denied("GetMacieSession", "macie2:GetMacieSession")) }) });
    const [, virginia] = runCheck(check, facts, awsContext());
    expect(virginia!.status).toBe("error");
    expect(virginia!.reason!.en).toContain("macie2:GetMacieSession");
  });

  it("reports error when a bucket's region is unknown", () => {
    const facts = goodFacts({ buckets: collected([goodBucket("lost", { region: failed(denied("GetBucketLocation", "s3:GetBucketLocation")) })]) });
    expect(runCheck(check, facts, awsContext()).map((r) => r.status)).toEqual(["error"]);
  });
});
