import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/service-health.ts";
import type { ServiceHealthIssue } from "../../../providers/microsoft/facts.ts";
import { collected, daysAgo, denied, failed, goodFacts, microsoftContext } from "./fixture.ts";

const issue = (overrides: Partial<ServiceHealthIssue> = {}): ServiceHealthIssue => ({
  id: "EX1", title: "Mail delays", classification: "incident", status: "serviceDegradation", feature: "Mail", impactDescription: null, startDateTime: daysAgo(1), ...overrides,
});

describe("microsoft.service.health", () => {
  it("passes a service running normally, the service's PascalCase state included", () => {
    const r = runCheck(check, goodFacts({ serviceHealth: collected([{ id: "Exchange", service: "Exchange Online", status: "ServiceOperational", openIssues: [] }]) }), microsoftContext());
    expect(r.map((x) => x.status)).toEqual(["pass"]);
  });

  it("shows an open incident or advisory as a fact for the owner (manual), never as a failure", () => {
    const facts = goodFacts({
      serviceHealth: collected([
        { id: "Exchange", service: "Exchange Online", status: "serviceDegradation", openIssues: [issue(), issue({ id: "EX2", classification: "advisory" })] },
        { id: "SharePoint", service: "SharePoint Online", status: "investigating", openIssues: [] },
      ]),
    });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["manual", "manual"]);
    expect(results[0]!.message!.en).toBe(`Exchange Online has 1 open incident(s) and 1 advisory(ies) (since ${daysAgo(1).slice(0, 10)}). Check the impact and expected recovery under Service health.`);
    expect(results[1]!.message!.en).toContain("not running normally");
  });

  it("reports error naming ServiceHealth.Read.All when the health overview is denied", () => {
    const r = runCheck(check, goodFacts({ serviceHealth: failed(denied("ListHealthOverviews", "ServiceHealth.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("ServiceHealth.Read.All");
  });
});
