import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check, { allowedGeos } from "../../../checks/microsoft/data-location.ts";
import { collected, denied, failed, goodFacts, GOOD_ORGANIZATION, microsoftContext, TANAKA, user } from "./fixture.ts";

describe("microsoft.tenant.data_location", () => {
  it("maps the allowed AWS regions to Microsoft 365 geographies (Tokyo and Osaka are JPN)", () => {
    expect([...allowedGeos(["ap-northeast-1", "ap-northeast-3"])]).toEqual(["JPN"]);
    expect([...allowedGeos(["us-east-1", "eu-central-1"])].sort()).toEqual(["DEU", "NAM"]);
  });

  it("is manual with the admin-center path for a single-geo tenant signed up in Japan: Graph cannot confirm it", () => {
    const r = runCheck(check, goodFacts(), microsoftContext())[0]!;
    expect(r.status).toBe("manual");
    expect(r.resource.consoleUrl).toContain("DataLocation");
    expect(r.evidence).toMatchObject({ countryLetterCode: "JP", likelyGeography: "JPN" });
  });

  it("fails a single-geo tenant signed up in another country", () => {
    const facts = goodFacts({ organization: collected({ ...GOOD_ORGANIZATION, countryLetterCode: "US" }) });
    expect(runCheck(check, facts, microsoftContext())[0]!.status).toBe("fail");
  });

  it("with Multi-Geo, passes the Japanese geography and fails the North American one, per geography", () => {
    const facts = goodFacts({
      users: collected([TANAKA, user("jane", { preferredDataLocation: "NAM" })]),
      sites: collected([
        { id: "s1", displayName: "Acme", webUrl: "https://acme.sharepoint.com", personal: false, dataLocationCode: "JPN" },
        { id: "s2", displayName: "US", webUrl: "https://acme.sharepoint.com/sites/us", personal: false, dataLocationCode: "NAM" },
      ]),
    });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.uid, r.status])).toEqual([["m365geo:JPN", "pass"], ["m365geo:NAM", "fail"]]);
    expect(results[1]!.message!.en).toBe("1 site(s) and 1 user(s) keep data in NAM, outside the allowed geographies (JPN).");
  });

  it("judges Multi-Geo placements without the organization, and is error naming Organization.Read.All only where it needs the sign-up country", () => {
    const organization = failed(denied("GetOrganization", "Organization.Read.All"));
    const multiGeo = goodFacts({ organization, users: collected([user("jane", { preferredDataLocation: "NAM" })]) });
    expect(runCheck(check, multiGeo, microsoftContext()).map((r) => r.status)).toEqual(["fail"]);
    const single = runCheck(check, goodFacts({ organization }), microsoftContext());
    expect(single.map((r) => r.status)).toEqual(["error"]);
    expect(single[0]!.reason!.en).toContain("Organization.Read.All");
  });

  it("reports error naming Sites.Read.All when the sites could not be listed", () => {
    const r = runCheck(check, goodFacts({ sites: failed(denied("ListSites", "Sites.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("Sites.Read.All");
  });
});
