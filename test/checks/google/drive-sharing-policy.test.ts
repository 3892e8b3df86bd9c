import { describe, expect, it } from "vitest";
import check from "../../../checks/google/drive-sharing-policy.ts";
import { collected, failed, goodFacts, notDelegated, restrictedSharing, run, sharingPolicy } from "./fixture.ts";

const POLICIES = "https://www.googleapis.com/auth/cloud-identity.policies.readonly";
const ORGUNITS = "https://www.googleapis.com/auth/admin.directory.orgunit.readonly";
const verdicts = (results: ReturnType<typeof run>) => results.map((r) => [r.resource.name, r.status]);

describe("google.drive.sharing_policy", () => {
  it("passes an org unit limited to allowlisted domains, and one where publishing is turned off", () => {
    const off = sharingPolicy("sales", { externalSharingMode: "ALLOWED", allowPublishingFiles: false });
    const results = run(check, goodFacts({ policies: collected([restrictedSharing, off]) }));
    expect(results.map((r) => [r.resource.uid, r.status])).toEqual([
      ["google:policy/drive_and_docs.external_sharing/orgUnits/root", "pass"],
      ["google:policy/drive_and_docs.external_sharing/orgUnits/sales", "pass"],
    ]);
    expect(results.map((r) => r.resource.name)).toEqual(["drive_and_docs.external_sharing (/)", "drive_and_docs.external_sharing (/Sales)"]);
  });

  it("fails an org unit that lets users publish, reading fields nobody set as Google's defaults", () => {
    const open = sharingPolicy("root", { warnForExternalSharing: false });
    const r = run(check, goodFacts({ policies: collected([open]) }))[0]!;
    expect(r).toMatchObject({
      status: "fail",
      evidence: { externalSharingMode: "ALLOWED", allowPublishingFiles: true, warnForExternalSharing: false },
      message: { en: "Users in the top-level organizational unit (/) may publish files on the web or share them with anyone who has the link." },
    });
  });

  it("fails a customer that never changed the sharing settings, on the tenant resource", () => {
    const dataRegion = { setting: "data_regions.data_at_rest_region", value: { region: "US" } };
    const r = run(check, goodFacts({ policies: collected([dataRegion]) }));
    expect(r).toEqual([expect.objectContaining({ status: "fail", resource: expect.objectContaining({ uid: "google:domain/acme.example" }) })]);
    expect(r[0]!.message!.en).toMatch(/never changed/);
  });

  it("fails the top-level unit on Google's defaults when only a sub-unit has a setting, and passes the sub-unit", () => {
    const sales = sharingPolicy("sales", { externalSharingMode: "DISALLOWED" });
    const results = run(check, goodFacts({ policies: collected([sales]) }));
    expect(verdicts(results)).toEqual([["Google Workspace acme.example", "fail"], ["drive_and_docs.external_sharing (/Sales)", "pass"]]);
    expect(results[0]!.message!.en).toBe("The sharing settings of the top-level organizational unit were never changed: by Google's defaults, anyone may publish files.");
  });

  it("lets a sub-unit inherit what its parent set and it did not", () => {
    const root = sharingPolicy("root", { externalSharingMode: "ALLOWED", allowPublishingFiles: false });
    const sales = sharingPolicy("sales", { warnForExternalSharing: false });
    const results = run(check, goodFacts({ policies: collected([root, sales]) }));
    expect(verdicts(results)).toEqual([["drive_and_docs.external_sharing (/)", "pass"], ["drive_and_docs.external_sharing (/Sales)", "pass"]]);
    expect(results[1]!.evidence).toMatchObject({ allowPublishingFiles: false, warnForExternalSharing: false, inheritedFrom: ["orgUnits/root", "orgUnits/sales"] });
  });

  it("reports error, not pass, for an externalSharingMode Google added later, and for the units that inherit it", () => {
    const root = sharingPolicy("root", { externalSharingMode: "ALLOWED_WITH_NEW_OPTION", allowPublishingFiles: false });
    const sales = sharingPolicy("sales", { allowPublishingFiles: false });
    const results = run(check, goodFacts({ policies: collected([root, sales]) }));
    expect(results.map((r) => r.status)).toEqual(["error", "error"]);
    expect(results[0]!.cause).toMatchObject({ operation: "policies.list", code: "UnrecognisedValue" });
    expect(results[0]!.cause!.message).toContain("ALLOWED_WITH_NEW_OPTION");
  });

  it("reports error, not pass, for EXTERNAL_SHARING_MODE_UNSPECIFIED and for a value of the wrong type", () => {
    for (const value of [{ externalSharingMode: "EXTERNAL_SHARING_MODE_UNSPECIFIED" }, { externalSharingMode: "DISALLOWED", allowPublishingFiles: "false" }]) {
      expect(run(check, goodFacts({ policies: collected([sharingPolicy("root", value)]) })).map((r) => r.status)).toEqual(["error"]);
    }
  });

  it("judges each policy alone and reports the top level as error naming the scope, when org units could not be read", () => {
    const sales = sharingPolicy("sales", { externalSharingMode: "DISALLOWED" });
    const results = run(check, goodFacts({ policies: collected([sales]), orgUnits: failed(notDelegated("orgunits.list", ORGUNITS)) }));
    expect(results.map((r) => [r.resource.uid, r.status])).toEqual([
      ["google:domain/acme.example", "error"],
      ["google:policy/drive_and_docs.external_sharing/orgUnits/sales", "pass"],
    ]);
    expect(results[0]!.reason!.en).toContain(ORGUNITS);
  });

  it("needs no org units to fail a customer with no sharing setting at all", () => {
    const results = run(check, goodFacts({ policies: collected([]), orgUnits: failed(notDelegated("orgunits.list", ORGUNITS)) }));
    expect(results.map((r) => r.status)).toEqual(["fail"]);
  });

  it("reports error naming the Policy API scope when it could not be read", () => {
    const r = run(check, goodFacts({ policies: failed(notDelegated("policies.list", POLICIES)) }))[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain(POLICIES);
  });
});
