import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { errorOf, googleApis, SCOPE } from "./clients.ts";

let sim: GoogleSimulator;
let api: ReturnType<typeof googleApis>;
const listIto = () => api.drive.files.list({ auth: api.credential("ito@example-co.jp", SCOPE.metadata), fields: "files(name)" });

beforeAll(async () => {
  sim = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
  // A timeout generous enough for a busy machine; the hung request has a short one of its own.
  api = googleApis(sim, { retries: 3, timeoutMs: 30_000 });
});
beforeEach(() => {
  sim.faults.length = 0;
  sim.resetCalls();
});
afterAll(() => sim.stop());

describe("faults, as the clients see them", () => {
  it("403 userRateLimitExceeded reaches the caller: the Google clients do not retry it", async () => {
    sim.faults.push({ operation: "files.list", kind: "userRateLimitExceeded", subject: "ito@example-co.jp", times: 1 });
    const err = await errorOf(listIto());
    expect(err.response?.data).toEqual({
      error: { code: 403, message: "User Rate Limit Exceeded", errors: [{ message: "User Rate Limit Exceeded", domain: "usageLimits", reason: "userRateLimitExceeded" }] },
    });
    expect(sim.calls["files.list"]).toBe(1);
  });

  it("429 rateLimitExceeded is retried by the clients themselves", async () => {
    sim.faults.push({ operation: "files.list", kind: "rateLimitExceeded", times: 2 });
    const page = await listIto();
    expect(page.data.files?.map((f) => f.name)).toEqual(["提案資料", "顧客リスト"]);
    expect(sim.calls["files.list"]).toBe(3);
  });

  it("a fault for one user leaves the others alone", async () => {
    sim.faults.push({ operation: "*", kind: "userRateLimitExceeded", subject: "takahashi@example-co.jp" });
    expect((await listIto()).status).toBe(200);
  });

  it("Cloud Identity reports quota as 429 RESOURCE_EXHAUSTED in google.rpc form", async () => {
    sim.faults.push({ operation: "policies.list", kind: "userRateLimitExceeded" });
    const err = await errorOf(api.cloudIdentity.policies.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.policies) }));
    expect(err.response?.data.error).toMatchObject({ code: 429, status: "RESOURCE_EXHAUSTED" });
    expect(sim.calls["policies.list"]).toBe(4);
  });

  it("a cut-off answer reaches the googleapis client as status 200 with a string body, not an error", async () => {
    sim.faults.push({ operation: "files.list", kind: "truncatedJson", times: 1 });
    const page = await listIto();
    expect(page.status).toBe(200);
    expect(typeof page.data).toBe("string");
    expect(page.data.files).toBeUndefined();
  });

  it("a denied read answers 403 in each API's own error style", async () => {
    sim.faults.push({ operation: "*", kind: "permissionDenied" });
    const policies = await errorOf(api.cloudIdentity.policies.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.policies) }));
    expect(policies.response?.data).toEqual({ error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" } });
    const files = await errorOf(listIto());
    expect(files.response?.data.error).toMatchObject({ code: 403, errors: [{ reason: "forbidden" }] });
  });

  it("an emptied answer keeps its kind and drops the list and the next page", async () => {
    sim.faults.push({ operation: "users.list", kind: "emptyList", times: 1 });
    const page = await api.directory.users.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.users), customer: "my_customer" });
    expect(page.data).toEqual({ kind: "admin#directory#users", etag: '"sim-etag"' });
  });

  it("a hung request ends in the client's timeout", async () => {
    sim.faults.push({ operation: "users.list", kind: "hang" });
    // The token is fetched patiently; only the hung call runs on the short timeout.
    const patient = api.credential(EXAMPLE_CO_ADMIN, SCOPE.users);
    await patient.authorize();
    const auth = googleApis(sim, { retries: 0, timeoutMs: 300 }).credential(EXAMPLE_CO_ADMIN, SCOPE.users);
    auth.setCredentials(patient.credentials);
    const err = await errorOf(api.directory.users.list({ auth, customer: "my_customer" }));
    expect(err.response).toBeUndefined();
    expect(err.message).toMatch(/abort|timeout/i);
  });
});
