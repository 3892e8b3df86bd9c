import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { googleApis, SCOPE } from "./clients.ts";
import { copiedDiscovery, departures, discovery } from "./discovery-schema.ts";

/**
 * Every shape the simulator serves, held to Google's discovery documents as the googleapis
 * clients carry them (their generated `Schema$…` types): each field it sends is documented,
 * with the documented JSON type, and each enum value is one the documentation lists. Asked
 * with `fields=*` so nothing the simulator can send escapes the comparison.
 */
const directory = discovery("@googleapis/admin", "directory_v1.ts");
const drive = discovery("@googleapis/drive", "v3.ts");
const cloudIdentity = discovery("@googleapis/cloudidentity", "v1.ts");
const alertCenter = copiedDiscovery("alertcenter-v1beta1.ts");
const licensing = copiedDiscovery("licensing-v1.ts");
const driveLabels = copiedDiscovery("drivelabels-v2.ts");
const ORGUNITS = "https://www.googleapis.com/auth/admin.directory.orgunit.readonly";

let sim: GoogleSimulator;
let api: ReturnType<typeof googleApis>;

beforeAll(async () => {
  const workspace = exampleCoWorkspace();
  // Every sentinel the simulator can serve, so each is held to the schema too.
  workspace.users[0]!.files[0]!.permissions.push({ type: "anyone", role: "publishedReader", view: "published", allowFileDiscovery: false });
  workspace.alerts.push({ alertId: "undetermined", type: "Suspicious login", source: "Google identity", createTime: new Date().toISOString(), severity: "" });
  sim = await startGoogleSimulator({ workspace });
  api = googleApis(sim, { retries: 0 });
});
afterAll(() => sim.stop());

describe("the simulator against Google's discovery documents", () => {
  it("serves Directory users.list as admin#directory#users, never-signed-in users with the 1970 sentinel", async () => {
    const { data } = await api.directory.users.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.users), customer: "my_customer", fields: "*" });
    expect(departures(data, directory.schema("Schema$Users"))).toEqual([]);
    expect(data.users!.find((u) => u.primaryEmail === "watanabe@example-co.jp")!.lastLoginTime).toBe("1970-01-01T00:00:00.000Z");
    for (const u of data.users!) for (const flag of ["isAdmin", "isDelegatedAdmin", "isEnrolledIn2Sv", "isEnforcedIn2Sv", "suspended", "archived"] as const) expect(typeof u[flag]).toBe("boolean");
  });

  it("serves Directory orgunits.list as admin#directory#orgUnits, the top-level unit included on request", async () => {
    const { data } = await api.directory.orgunits.list({ auth: api.credential(EXAMPLE_CO_ADMIN, ORGUNITS), customerId: "my_customer", type: "allIncludingParent", fields: "*" });
    expect(departures(data, directory.schema("Schema$OrgUnits"))).toEqual([]);
    expect(data.organizationUnits!.map((o) => [o.orgUnitPath, o.orgUnitId])).toEqual([["/", "id:03ph8a2z0example"], ["/Office", "id:03ph8a2z1office"], ["/Sales", "id:03ph8a2z2sales"]]);
    const children = await api.directory.orgunits.list({ auth: api.credential(EXAMPLE_CO_ADMIN, ORGUNITS), customerId: "my_customer" });
    expect(children.data.organizationUnits!.map((o) => o.orgUnitPath)).toEqual(["/Office", "/Sales"]);
  });

  it("serves Drive files.list as drive#fileList, with documented permission types, roles and views", async () => {
    const { data } = await api.drive.files.list({ auth: api.credential("tanaka@example-co.jp", SCOPE.metadata), fields: "*" });
    expect(departures(data, drive.schema("Schema$FileList"))).toEqual([]);
    const permissions = data.files!.flatMap((f) => f.permissions ?? []);
    expect(permissions.some((p) => p.view === "published")).toBe(true);
    for (const p of permissions) {
      expect(drive.documentedValues("Schema$Permission", "type")).toContain(p.type);
      // A published view's role, publishedReader, is documented under `view`.
      expect([...drive.documentedValues("Schema$Permission", "role"), ...drive.documentedValues("Schema$Permission", "view")]).toContain(p.role);
      if (p.view) expect(drive.documentedValues("Schema$Permission", "view")).toContain(p.view);
    }
    expect(drive.documentedValues("Schema$Permission", "view")).toContain("published");
  });

  it("serves Drive permissions.list as drive#permissionList, shared-drive members included", async () => {
    const { data: drives } = await api.drive.drives.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.drive), useDomainAdminAccess: true, fields: "*" });
    expect(departures(drives, drive.schema("Schema$DriveList"))).toEqual([]);
    for (const d of drives.drives!) {
      const { data } = await api.drive.permissions.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.drive), fileId: d.id!, supportsAllDrives: true, useDomainAdminAccess: true, fields: "*" });
      expect(departures(data, drive.schema("Schema$PermissionList"))).toEqual([]);
    }
  });

  it("serves Cloud Identity policies.list as a ListPoliciesResponse, with a documented policy type", async () => {
    const { data } = await api.cloudIdentity.policies.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.policies), fields: "*" });
    expect(departures(data, cloudIdentity.schema("Schema$ListPoliciesResponse"))).toEqual([]);
    // The generated type leaves the enum out: policies are ADMIN (set in the Admin console) or
    // SYSTEM (provided by Google Workspace), https://cloud.google.com/identity/docs/concepts/policy-api-concepts.
    for (const p of data.policies!) expect(["POLICY_TYPE_UNSPECIFIED", "SYSTEM", "ADMIN"]).toContain(p.type);
  });

  it("serves Alert Center alerts.list as a ListAlertsResponse, with documented statuses and severities (empty when undetermined)", async () => {
    const { data } = await api.get(api.credential(EXAMPLE_CO_ADMIN, SCOPE.alerts), "v1beta1/alerts", { fields: "*" });
    expect(departures(data, alertCenter.schema("Schema$ListAlertsResponse"))).toEqual([]);
    // AlertMetadata: "The supported values … * NOT_STARTED * IN_PROGRESS * CLOSED"; severity "* HIGH * MEDIUM * LOW", or "".
    for (const a of data.alerts) {
      if (a.metadata.status !== undefined) expect(["NOT_STARTED", "IN_PROGRESS", "CLOSED"]).toContain(a.metadata.status);
      expect(["HIGH", "MEDIUM", "LOW", ""]).toContain(a.metadata.severity);
    }
    expect(data.alerts.some((a: { metadata: { severity: string } }) => a.metadata.severity === "")).toBe(true);
  });

  it("serves License Manager listForProduct as a LicenseAssignmentList", async () => {
    const { data } = await api.get(api.credential(EXAMPLE_CO_ADMIN, SCOPE.licensing), "apps/licensing/v1/product/Google-Apps/users", { customerId: "C03ex4mpl", fields: "*" });
    expect(departures(data, licensing.schema("Schema$LicenseAssignmentList"))).toEqual([]);
    expect(data.kind).toBe("licensing#licenseAssignmentList");
    expect(data.items[0]).toMatchObject({ kind: "licensing#licenseAssignment", productId: "Google-Apps", skuId: "1010020028", skuName: "Google Workspace Business Standard" });
  });

  it("serves Drive Labels labels.list as a ListLabelsResponse, with a documented lifecycle state", async () => {
    const { data } = await api.get(api.credential(EXAMPLE_CO_ADMIN, SCOPE.labels), "v2/labels", { useAdminAccess: true, fields: "*" });
    expect(departures(data, driveLabels.schema("Schema$GoogleAppsDriveLabelsV2ListLabelsResponse"))).toEqual([]);
    // Lifecycle: "`UNPUBLISHED_DRAFT` (starting state) … `PUBLISHED` … `DISABLED`".
    for (const l of data.labels) expect(["UNPUBLISHED_DRAFT", "PUBLISHED", "DISABLED"]).toContain(l.lifecycle.state);
  });

  it("answers the JWT bearer grant with the fields of an OAuth 2.0 access token response (RFC 6749 section 5.1)", async () => {
    const jwt = api.credential(EXAMPLE_CO_ADMIN, SCOPE.users);
    const { res } = await jwt.authorize().then(() => ({ res: jwt.credentials }));
    expect(res.access_token).toMatch(/^ya29\./);
    expect(res.token_type).toBe("Bearer");
    const body = await (await fetch(sim.tokenUrl, { method: "POST", body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "x.y.z" }) })).json();
    expect(body).toEqual({ error: "invalid_grant", error_description: expect.any(String) });
  });

  it("finds what the schema does not document", () => {
    expect(departures({ kind: "drive#fileList", files: [{ id: "1", sharedWithEveryone: true, trashed: "no" }] }, drive.schema("Schema$FileList"))).toEqual([
      "$.files[0].sharedWithEveryone: not a documented field of Schema$File",
      '$.files[0].trashed: "no" is not a boolean',
    ]);
  });
});
