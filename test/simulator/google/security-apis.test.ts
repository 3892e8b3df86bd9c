import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { errorOf, googleApis, SCOPE } from "./clients.ts";

let sim: GoogleSimulator;
let api: ReturnType<typeof googleApis>;

const USER_LABELS = "https://www.googleapis.com/auth/drive.labels.readonly";

beforeAll(async () => {
  const workspace = exampleCoWorkspace();
  workspace.delegation[workspace.serviceAccount.clientId]!.push(USER_LABELS);
  sim = await startGoogleSimulator({ workspace, pageSizeCap: 2 });
  api = googleApis(sim, { retries: 0 });
});
afterAll(() => sim.stop());

describe("Alert Center alerts.list", () => {
  it("filters on createTime and pages with nextPageToken", async () => {
    const auth = api.credential(EXAMPLE_CO_ADMIN, SCOPE.alerts);
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const first = await api.get(auth, "v1beta1/alerts", { filter: `createTime >= "${since}"` });
    expect(first.data.alerts).toHaveLength(2);
    const second = await api.get(auth, "v1beta1/alerts", { filter: `createTime >= "${since}"`, pageToken: first.data.nextPageToken });
    expect(second.data.nextPageToken).toBeUndefined();
    expect([...first.data.alerts, ...second.data.alerts].map((a: { type: string }) => a.type)).toEqual(["User reported phishing", "Suspicious login", "Leaked password"]);
  });

  it("answers 400 INVALID_ARGUMENT, in google.rpc form, to a filter outside its grammar", async () => {
    const err = await errorOf(api.get(api.credential(EXAMPLE_CO_ADMIN, SCOPE.alerts), "v1beta1/alerts", { filter: "severity = HIGH" }));
    expect(err.response?.data.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
  });

  it("answers 403 for a token without apps.alerts, and for a user who is not an administrator", async () => {
    const scope = await errorOf(api.get(api.credential(EXAMPLE_CO_ADMIN, SCOPE.users), "v1beta1/alerts"));
    expect(scope.response?.status).toBe(403);
    expect(scope.response?.data.error.details[0].reason).toBe("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    const user = await errorOf(api.get(api.credential("ito@example-co.jp", SCOPE.alerts), "v1beta1/alerts"));
    expect(user.response?.data).toEqual({ error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" } });
  });
});

describe("License Manager licenseAssignments.listForProduct", () => {
  it("lists the product's licences for the real customer id, maxResults a page", async () => {
    const auth = api.credential(EXAMPLE_CO_ADMIN, SCOPE.licensing);
    const first = await api.get(auth, "apps/licensing/v1/product/Google-Apps/users", { customerId: "C03ex4mpl", maxResults: 1000 });
    expect(first.data.items).toHaveLength(2);
    expect(first.data.nextPageToken).toEqual(expect.any(String));
  });

  it("refuses my_customer, which this API does not accept, and asks for the customer id", async () => {
    const auth = api.credential(EXAMPLE_CO_ADMIN, SCOPE.licensing);
    expect((await errorOf(api.get(auth, "apps/licensing/v1/product/Google-Apps/users", { customerId: "my_customer" }))).response?.status).toBe(403);
    const missing = await errorOf(api.get(auth, "apps/licensing/v1/product/Google-Apps/users"));
    expect(missing.response?.data.error.errors[0]).toMatchObject({ reason: "required", location: "customerId" });
  });

  it("answers 400 to maxResults above 1000", async () => {
    const err = await errorOf(api.get(api.credential(EXAMPLE_CO_ADMIN, SCOPE.licensing), "apps/licensing/v1/product/Google-Apps/users", { customerId: "C03ex4mpl", maxResults: 1001 }));
    expect(err.response?.data.error.errors[0]).toMatchObject({ reason: "invalidParameter", location: "maxResults" });
  });
});

describe("Drive Labels labels.list", () => {
  it("lists drafts too with useAdminAccess, and only published labels without it", async () => {
    const admin = await api.get(api.credential(EXAMPLE_CO_ADMIN, SCOPE.labels), "v2/labels", { useAdminAccess: true });
    expect(admin.data.labels.map((l: { lifecycle: { state: string } }) => l.lifecycle.state)).toEqual(["UNPUBLISHED_DRAFT"]);
    const user = await api.get(api.credential("ito@example-co.jp", USER_LABELS), "v2/labels");
    expect(user.data).toEqual({});
  });

  it("answers 403 to useAdminAccess without an admin labels scope", async () => {
    const err = await errorOf(api.get(api.credential(EXAMPLE_CO_ADMIN, USER_LABELS), "v2/labels", { useAdminAccess: true }));
    expect(err.response?.data.error).toMatchObject({ code: 403, status: "PERMISSION_DENIED" });
  });
});
