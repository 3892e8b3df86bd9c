import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/cloudtrail-multi-region-logging.ts";
import { runCheck } from "../../../checks/framework.ts";
import type { AwsFacts } from "../../../providers/aws/facts.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts, goodTrail } from "./fixture.ts";

const run = (trails: AwsFacts["trails"]) => runCheck(check, goodFacts({ trails }), awsContext())[0]!;

describe("aws.cloudtrail.multi_region_logging", () => {
  it("passes a multi-region trail that is logging read and write management events", () => {
    const r = run(collected([goodTrail()]));
    expect(r.status).toBe("pass");
    expect(r.evidence).toMatchObject({ trail: "management-events", organizationTrail: false });
  });

  it("passes on the organization's trail, seen in a member account as a shadow trail", () => {
    const org = goodTrail({ name: "org-trail", arn: "arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail", homeRegion: "us-east-1", organization: true });
    expect(run(collected([org])).status).toBe("pass");
  });

  it("fails an account with no trail", () => {
    const r = run(collected([]));
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("There is no trail at all.");
  });

  it("fails a trail that records one region only", () => {
    const r = run(collected([goodTrail({ multiRegion: false, logging: undefined, managementEvents: undefined })]));
    expect(r.status).toBe("fail");
    expect(r.message!.en).toContain("record one region only");
  });

  it("fails a multi-region trail whose logging was stopped", () => {
    const r = run(collected([goodTrail({ logging: collected(false) })]));
    expect(r.status).toBe("fail");
    expect(r.message!.ja).toContain("記録が止まっています");
  });

  it("fails a trail recording write events only, and one recording no management events", () => {
    expect(run(collected([goodTrail({ managementEvents: collected({ read: false, write: true, excludedSources: [] }) })])).status).toBe("fail");
    const none = run(collected([goodTrail({ managementEvents: collected({ read: false, write: false, excludedSources: [] }) })]));
    expect(none.status).toBe("fail");
    expect(none.message!.en).toContain("records no management events");
  });

  it("passes when one good trail exists even if another trail's status could not be read", () => {
    const unreadable = goodTrail({ name: "other", logging: failed(denied("GetTrailStatus", "cloudtrail:GetTrailStatus")) });
    expect(run(collected([unreadable, goodTrail()])).status).toBe("pass");
  });

  it("reports error, not fail, when the only multi-region trail's status could not be read", () => {
    const r = run(collected([goodTrail({ logging: failed(denied("GetTrailStatus", "cloudtrail:GetTrailStatus")) })]));
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("cloudtrail:GetTrailStatus");
  });

  it("reports error, not pass, when DescribeTrails is denied", () => {
    const r = run(failed(denied("DescribeTrails", "cloudtrail:DescribeTrails")));
    expect(r.status).toBe("error");
    expect(r.reason!.ja).toContain("cloudtrail:DescribeTrails");
  });
});
