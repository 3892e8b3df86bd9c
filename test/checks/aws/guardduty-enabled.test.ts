import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/guardduty-enabled.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.guardduty.enabled", () => {
  it("passes a region whose detector is ENABLED", () => {
    expect(runCheck(check, goodFacts(), awsContext()).map((r) => r.status)).toEqual(["pass"]);
  });

  it("fails a region without a detector and one whose detector is DISABLED, saying which", () => {
    const facts = goodFacts({ guardDuty: collected({
      "ap-northeast-1": collected([{ id: "d1", status: "DISABLED" }]), "us-east-1": collected([]),
    }) });
    const results = runCheck(check, facts, awsContext());
    expect(results.map((r) => r.status)).toEqual(["fail", "fail"]);
    expect(results[0]!.message!.en).toContain("suspended");
    expect(results[1]!.message!.en).toContain("never been turned on");
  });

  it("reports error naming guardduty:ListDetectors, not pass, when it is denied", () => {
    const facts = goodFacts({ guardDuty: collected({ "ap-northeast-1": failed(denied("ListDetectors", "guardduty:ListDetectors")) }) });
    const [r] = runCheck(check, facts, awsContext());
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain("guardduty:ListDetectors");
  });
});
