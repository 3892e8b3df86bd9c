import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/access-analyzer-enabled.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { analyzer, collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.accessanalyzer.enabled", () => {
  it("passes each region with an active external-access analyzer, one result per region", () => {
    const facts = goodFacts({ accessAnalyzers: collected({
      "ap-northeast-1": collected([analyzer()]),
      "us-east-1": collected([analyzer({ type: "ORGANIZATION", arn: "arn:aws:access-analyzer:us-east-1:123456789012:analyzer/org" })]),
    }) });
    const results = runCheck(check, facts, awsContext());
    expect(results.map((r) => [r.resource.region, r.status])).toEqual([["ap-northeast-1", "pass"], ["us-east-1", "pass"]]);
    expect(results[0]!.resource.uid).toBe("arn:aws:access-analyzer:ap-northeast-1:123456789012");
  });

  it("fails a region with no analyzer, and one with only an unused-access or disabled analyzer", () => {
    const facts = goodFacts({ accessAnalyzers: collected({
      "ap-northeast-1": collected([]),
      "ap-northeast-3": collected([analyzer({ type: "ACCOUNT_UNUSED_ACCESS" }), analyzer({ status: "DISABLED" })]),
    }) });
    const results = runCheck(check, facts, awsContext());
    expect(results.map((r) => r.status)).toEqual(["fail", "fail"]);
    expect(results[0]!.message!.en).toBe("No analyzer in region ap-northeast-1.");
  });

  it("reports error for the region whose ListAnalyzers was denied, and still judges the others", () => {
    const facts = goodFacts({ accessAnalyzers: collected({
      "ap-northeast-1": collected([analyzer()]),
      "us-east-1": failed(denied("ListAnalyzers", "access-analyzer:ListAnalyzers")),
    }) });
    const [tokyo, virginia] = runCheck(check, facts, awsContext());
    expect(tokyo!.status).toBe("pass");
    expect(virginia!.status).toBe("error");
    expect(virginia!.reason!.en).toContain("access-analyzer:ListAnalyzers");
  });

  it("reports error, not pass, when the regions in use could not be listed", () => {
    const r = runCheck(check, goodFacts({ accessAnalyzers: failed(denied("DescribeRegions", "ec2:DescribeRegions")) }), awsContext());
    expect(r.map((x) => x.status)).toEqual(["error"]);
    expect(r[0]!.reason!.en).toContain("ec2:DescribeRegions");
  });
});
