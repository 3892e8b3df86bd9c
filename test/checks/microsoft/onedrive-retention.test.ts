import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/onedrive-retention.ts";
import { collected, denied, failed, goodFacts, GOOD_SHAREPOINT, microsoftContext } from "./fixture.ts";

const withDays = (days: number | null) => goodFacts({ sharePoint: collected({ ...GOOD_SHAREPOINT, deletedUserPersonalSiteRetentionPeriodInDays: days }) });

describe("microsoft.onedrive.leaver_retention", () => {
  it("passes 90 days or more, and fails Microsoft's default of 30", () => {
    expect(runCheck(check, withDays(90), microsoftContext())[0]!.status).toBe("pass");
    const r = runCheck(check, withDays(30), microsoftContext())[0]!;
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("A deleted user's OneDrive is gone after 30 days (90 or more advised).");
  });

  it("reports error, not pass, when the setting is absent or outside Microsoft's bounds", () => {
    const r = runCheck(check, withDays(null), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.cause).toMatchObject({ operation: "GetSharePointSettings", code: "UnknownValue" });
  });

  it("reports error naming SharePointTenantSettings.Read.All when the settings are denied", () => {
    const r = runCheck(check, goodFacts({ sharePoint: failed(denied("GetSharePointSettings", "SharePointTenantSettings.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("SharePointTenantSettings.Read.All");
  });
});
