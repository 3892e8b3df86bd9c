import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { errorOf, googleApis, SCOPE } from "./clients.ts";

let sim: GoogleSimulator;
let api: ReturnType<typeof googleApis>;
let asAdmin: ReturnType<ReturnType<typeof googleApis>["credential"]>;

beforeAll(async () => {
  sim = await startGoogleSimulator({ workspace: exampleCoWorkspace(), pageSizeCap: 5 });
  api = googleApis(sim, { retries: 0 });
  asAdmin = api.credential(EXAMPLE_CO_ADMIN, SCOPE.users);
});
afterAll(() => sim.stop());

const list = (params: Record<string, unknown>) =>
  api.directory.users.list({ auth: asAdmin, customer: "my_customer", maxResults: 500, ...params });

describe("Directory users.list", () => {
  it("pages with nextPageToken until every user is listed, when the mask asks for the token", async () => {
    const emails: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await list({ fields: "nextPageToken,users(primaryEmail)", ...(pageToken ? { pageToken } : {}) });
      emails.push(...(page.data.users ?? []).map((u) => u.primaryEmail!));
      pageToken = page.data.nextPageToken ?? undefined;
      pages++;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(emails).toEqual(sim.workspace.users.map((u) => u.primaryEmail));
  });

  it("gives no next page to a fields mask that leaves nextPageToken out", async () => {
    const page = await list({ fields: "users(primaryEmail,isEnrolledIn2Sv)" });
    expect(page.data).toEqual({ users: expect.any(Array) });
    expect(page.data.users).toHaveLength(5);
    expect(Object.keys(page.data.users![0]!)).toEqual(["primaryEmail", "isEnrolledIn2Sv"]);
  });

  it("sends the whole user resource without a mask, Directory's 1970 date for a user who never signed in", async () => {
    const page = await list({ query: "orgUnitPath='/Office'" });
    expect(page.data.kind).toBe("admin#directory#users");
    const watanabe = page.data.users!.find((u) => u.primaryEmail === "watanabe@example-co.jp")!;
    expect(watanabe).toMatchObject({
      kind: "admin#directory#user", name: { fullName: "翔 渡辺" }, lastLoginTime: "1970-01-01T00:00:00.000Z",
      isEnforcedIn2Sv: true, isEnrolledIn2Sv: false, orgUnitPath: "/Office", customerId: sim.workspace.customerId,
    });
    expect(page.data.users!.every((u) => u.orgUnitPath === "/Office")).toBe(true);
  });

  it("refuses maxResults above 500 as Google does", async () => {
    const err = await errorOf(list({ maxResults: 501 }));
    expect(err.response?.data.error).toMatchObject({
      code: 400, message: "Invalid value '501'. Values must be within the range: [1, 500]",
      errors: [{ reason: "invalidParameter", location: "maxResults" }],
    });
  });

  it("refuses a page token from another query, and a user who is no administrator", async () => {
    const first = await list({ fields: "nextPageToken,users(id)" });
    expect((await errorOf(list({ query: "isSuspended=false", pageToken: first.data.nextPageToken! }))).response?.status).toBe(400);
    const staff = api.credential("ito@example-co.jp", SCOPE.users);
    const err = await errorOf(api.directory.users.list({ auth: staff, customer: "my_customer" }));
    expect(err.response?.data.error).toMatchObject({ code: 403, message: "Not Authorized to access this resource/api", errors: [{ reason: "forbidden" }] });
  });

  it("answers orgunits.list only with an org unit scope, and only to an administrator", async () => {
    const ORGUNITS = "https://www.googleapis.com/auth/admin.directory.orgunit.readonly";
    const noScope = await errorOf(api.directory.orgunits.list({ auth: asAdmin, customerId: "my_customer" }));
    expect(noScope.response?.status).toBe(403);
    expect(noScope.response?.data.error.errors[0].reason).toBe("insufficientPermissions");
    const staff = await errorOf(api.directory.orgunits.list({ auth: api.credential("ito@example-co.jp", ORGUNITS), customerId: "my_customer" }));
    expect(staff.response?.data.error).toMatchObject({ code: 403, message: "Not Authorized to access this resource/api" });
    const bad = await errorOf(api.directory.orgunits.list({ auth: api.credential(EXAMPLE_CO_ADMIN, ORGUNITS), customerId: "my_customer", type: "everything" }));
    expect(bad.response?.status).toBe(400);
  });
});
