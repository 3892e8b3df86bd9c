import { describe, expect, it } from "vitest";
import check from "../../../checks/google/drive-sharing-policy.ts";
import { collected, failed, goodFacts, notDelegated, restrictedSharing, run } from "./fixture.ts";

const POLICIES = "https://www.googleapis.com/auth/cloud-identity.policies.readonly";

describe("google.drive.sharing_policy", () => {
  it("passes an org unit limited to allowlisted domains, and one where publishing is turned off", () => {
    const off = { setting: "drive_and_docs.external_sharing", orgUnit: "orgUnits/sales", value: { externalSharingMode: "ALLOWED", allowPublishingFiles: false } };
    const results = run(check, goodFacts({ policies: collected([restrictedSharing, off]) }));
    expect(results.map((r) => [r.resource.uid, r.status])).toEqual([
      ["google:policy/drive_and_docs.external_sharing/orgUnits/root", "pass"],
      ["google:policy/drive_and_docs.external_sharing/orgUnits/sales", "pass"],
    ]);
  });

  it("fails an org unit that lets users publish, reading fields it leaves out as Google's defaults", () => {
    const open = { setting: "drive_and_docs.external_sharing", orgUnit: "orgUnits/root", value: { warnForExternalSharing: false } };
    const r = run(check, goodFacts({ policies: collected([open]) }))[0]!;
    expect(r).toMatchObject({
      status: "fail",
      evidence: { externalSharingMode: "ALLOWED", allowPublishingFiles: true, warnForExternalSharing: false },
      message: { en: "Users in orgUnits/root may publish files on the web or share them with anyone who has the link." },
    });
  });

  it("fails a customer that never changed the sharing settings, on the tenant resource", () => {
    const dataRegion = { setting: "data_regions.data_at_rest_region", value: { region: "US" } };
    const r = run(check, goodFacts({ policies: collected([dataRegion]) }));
    expect(r).toEqual([expect.objectContaining({ status: "fail", resource: expect.objectContaining({ uid: "google:domain/acme.example" }) })]);
    expect(r[0]!.message!.en).toMatch(/never changed/);
  });

  it("reports error naming the Policy API scope when it could not be read", () => {
    const r = run(check, goodFacts({ policies: failed(notDelegated("policies.list", POLICIES)) }))[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain(POLICIES);
  });
});
