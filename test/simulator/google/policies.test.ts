import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { errorOf, googleApis, SCOPE } from "./clients.ts";

let sim: GoogleSimulator;
let api: ReturnType<typeof googleApis>;

beforeAll(async () => {
  const workspace = exampleCoWorkspace();
  workspace.policies.push({ type: "settings/data_regions.data_at_rest_region", orgUnitId: "03ph8a2z1office", value: { region: "EUROPE" } });
  sim = await startGoogleSimulator({ workspace, pageSizeCap: 2 });
  api = googleApis(sim, { retries: 0 });
});
afterAll(() => sim.stop());

describe("Cloud Identity policies.list", () => {
  it("filters by setting type with an RE2 pattern and pages with nextPageToken", async () => {
    const auth = api.credential(EXAMPLE_CO_ADMIN, SCOPE.policies);
    const filter = "setting.type.matches('^settings/(drive_and_docs\\\\.external_sharing|data_regions\\\\..+)$')";
    const first = await api.cloudIdentity.policies.list({ auth, filter, pageSize: 100 });
    expect(first.data.policies).toHaveLength(2);
    const second = await api.cloudIdentity.policies.list({ auth, filter, pageSize: 100, pageToken: first.data.nextPageToken! });
    expect(second.data.nextPageToken).toBeUndefined();
    expect(second.data.policies).toEqual([{
      name: expect.stringMatching(/^policies\//),
      customer: "customers/C03ex4mpl",
      policyQuery: {
        query: "entity.org_units.exists(org_unit, org_unit.org_unit_id == orgUnitId('03ph8a2z1office'))",
        orgUnit: "orgUnits/03ph8a2z1office",
        sortOrder: 6,
      },
      setting: { type: "settings/data_regions.data_at_rest_region", value: { region: "EUROPE" } },
      type: "ADMIN",
    }]);
  });

  it("answers only a super administrator, in google.rpc form", async () => {
    const err = await errorOf(api.cloudIdentity.policies.list({ auth: api.credential("sato@example-co.jp", SCOPE.policies) }));
    expect(err.response?.data).toEqual({ error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" } });
  });

  it("answers 400 INVALID_ARGUMENT to a filter outside the documented grammar", async () => {
    const err = await errorOf(api.cloudIdentity.policies.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.policies), filter: "setting.value.x == 1" }));
    expect(err.response?.data.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
  });
});
