import { describe, expect, it } from "vitest";
import check from "../../../checks/google/data-region.ts";
import { collected, failed, goodFacts, notDelegated, run } from "./fixture.ts";

describe("google.data.region (item 15, always manual: Japan cannot be chosen)", () => {
  it("is manual with no preference when no data region is set, saying Japan cannot be chosen", () => {
    const r = run(check, goodFacts())[0]!;
    expect(r.status).toBe("manual");
    expect(r.message!.en).toBe("Data region: No preference (not set: stored in data centres worldwide). Japan cannot be chosen, so review this assuming storage abroad.");
    expect(r.evidence).toEqual({ dataRegionPolicies: [] });
  });

  it("is manual, never pass, even when data is pinned to a region, and shows the region and where it applies", () => {
    const us = { setting: "data_regions.data_at_rest_region", orgUnit: "orgUnits/office", value: { region: "US" } };
    const r = run(check, goodFacts({ policies: collected([us]) }))[0]!;
    expect(r.status).toBe("manual");
    expect(r.message!.ja).toMatch(/^データリージョン: 米国（orgUnits\/office）。/);
  });

  it("stays manual for a region value cloud15 does not know, naming it as unknown rather than quoting raw JSON", () => {
    const odd = { setting: "data_regions.data_at_rest_region", value: { region: "ASIA_PACIFIC" } };
    const r = run(check, goodFacts({ policies: collected([odd]) }))[0]!;
    expect(r.status).toBe("manual");
    expect(r.message!.ja).toMatch(/^データリージョン: 判別できない設定。/);
    expect(r.message!.en).not.toContain("{");
    expect(r.evidence).toEqual({ dataRegionPolicies: [{ setting: "data_regions.data_at_rest_region", appliesTo: "customer", value: { region: "ASIA_PACIFIC" } }] });
  });

  it("reports error, not manual, when the policies could not be read", () => {
    const r = run(check, goodFacts({ policies: failed(notDelegated("policies.list", "https://www.googleapis.com/auth/cloud-identity.policies.readonly")) }))[0]!;
    expect(r.status).toBe("error");
  });
});
