import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/support-plan.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

describe("aws.support.plan", () => {
  it("passes a Business or higher plan, with its severity levels as evidence", () => {
    const r = runCheck(check, goodFacts(), awsContext())[0]!;
    expect(r.status).toBe("pass");
    expect(r.evidence).toEqual({ plan: "Business or higher", severityLevels: ["low", "normal", "high", "urgent"] });
  });

  it("shows Basic (or Developer) as a fact for the owner, manual and never fail", () => {
    const r = runCheck(check, goodFacts({ supportPlan: collected({ businessOrHigher: false }) }), awsContext())[0]!;
    expect(r.status).toBe("manual");
    expect(r.evidence).toEqual({ plan: "Basic or Developer" });
    expect(r.message!.ja).toContain("ベーシック");
  });

  it("reports error, not manual, when DescribeSeverityLevels is denied", () => {
    const r = runCheck(check, goodFacts({ supportPlan: failed(denied("DescribeSeverityLevels", "support:DescribeSeverityLevels")) }), awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("support:DescribeSeverityLevels");
  });
});
