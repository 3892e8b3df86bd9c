import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/notification-contacts.ts";
import { collected, denied, failed, goodFacts, GOOD_ORGANIZATION, microsoftContext } from "./fixture.ts";

describe("microsoft.tenant.notification_contacts", () => {
  it("passes when both the technical and the security addresses are set", () => {
    expect(runCheck(check, goodFacts(), microsoftContext()).map((r) => r.status)).toEqual(["pass", "pass"]);
  });

  it("fails the list that is empty, and reports error (not fail, not pass) for one Graph did not send", () => {
    const facts = goodFacts({ organization: collected({ ...GOOD_ORGANIZATION, technicalNotificationMails: null, securityComplianceNotificationMails: [] }) });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["Technical notification addresses", "error"], ["Security and compliance notification addresses", "fail"]]);
    expect(results[0]!.reason!.en).toContain("Organization.Read.All");
    expect(results[1]!.message!.en).toBe("No address receives Microsoft's security and compliance notices.");
  });

  it("reports error naming Organization.Read.All when the organization is denied", () => {
    const r = runCheck(check, goodFacts({ organization: failed(denied("GetOrganization", "Organization.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("Organization.Read.All");
  });
});
