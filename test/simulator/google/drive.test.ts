import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { errorOf, googleApis, SCOPE } from "./clients.ts";

let sim: GoogleSimulator;
let api: ReturnType<typeof googleApis>;
const as = (local: string, scope: string = SCOPE.metadata) => api.credential(`${local}@example-co.jp`, scope);
const PUBLIC = "visibility = 'anyoneWithLink' or visibility = 'anyoneCanFind'";
const salesDrive = () => sim.workspace.sharedDrives.find((d) => d.name === "営業共有")!;

beforeAll(async () => {
  sim = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
  api = googleApis(sim, { retries: 0 });
});
afterAll(() => sim.stop());

describe("Drive files.list", () => {
  it("sends only kind, id, name and mimeType of each file without a fields mask", async () => {
    const page = await api.drive.files.list({ auth: as("ito") });
    expect(Object.keys(page.data).sort()).toEqual(["files", "incompleteSearch", "kind"]);
    expect(page.data.files!.map((f) => Object.keys(f).sort())).toEqual([
      ["id", "kind", "mimeType", "name"], ["id", "kind", "mimeType", "name"],
    ]);
  });

  it("filters on visibility on the server: a user's own public files and nothing else", async () => {
    const page = await api.drive.files.list({
      auth: as("takahashi"), q: `'me' in owners and (${PUBLIC})`, fields: "files(name,owners(emailAddress),permissions(type,role,allowFileDiscovery))",
    });
    expect(page.data.files).toEqual([{
      name: "見積書_A社",
      owners: [{ emailAddress: "takahashi@example-co.jp" }],
      permissions: [{ type: "user", role: "owner" }, { type: "anyone", role: "writer", allowFileDiscovery: false }],
    }]);
    const findable = await api.drive.files.list({ auth: as("ito"), q: "visibility = 'anyoneCanFind'", fields: "files(name)" });
    expect(findable.data.files).toEqual([{ name: "顧客リスト" }]);
  });

  it("answers 400 Invalid Value on q to a query it cannot parse", async () => {
    const err = await errorOf(api.drive.files.list({ auth: as("ito"), q: "sharedWithMe and starred" }));
    expect(err.response?.data).toEqual({
      error: { code: 400, message: "Invalid Value", errors: [{ message: "Invalid Value", domain: "global", reason: "invalid", location: "q", locationType: "parameter" }] },
    });
  });

  it("pages with nextPageToken, bound to the same query", async () => {
    const capped = await startGoogleSimulator({ workspace: exampleCoWorkspace(), pageSizeCap: 1 });
    try {
      const capi = googleApis(capped, { retries: 0 });
      const auth = capi.credential("takahashi@example-co.jp", SCOPE.metadata);
      const first = await capi.drive.files.list({ auth, pageSize: 1000, fields: "nextPageToken,files(name)" });
      const second = await capi.drive.files.list({ auth, pageSize: 1000, fields: "nextPageToken,files(name)", pageToken: first.data.nextPageToken! });
      expect([first.data.files, second.data.files, second.data.nextPageToken]).toEqual([[{ name: "見積書_A社" }], [{ name: "提案資料" }], undefined]);
      const err = await errorOf(capi.drive.files.list({ auth, q: PUBLIC, pageToken: first.data.nextPageToken! }));
      expect(err.response?.data.error.errors[0]).toMatchObject({ reason: "invalid", location: "pageToken" });
    } finally {
      await capped.stop();
    }
  });
});

describe("shared drives", () => {
  it("lists a shared drive's items only with corpora=drive, includeItemsFromAllDrives and supportsAllDrives", async () => {
    const driveId = salesDrive().id;
    const without = await errorOf(api.drive.files.list({ auth: as("takahashi"), corpora: "drive", driveId }));
    expect(without.response?.data.error.message).toBe("The includeItemsFromAllDrives parameter must be set to true when driveId is set.");
    const page = await api.drive.files.list({
      auth: as("takahashi"), corpora: "drive", driveId, includeItemsFromAllDrives: true, supportsAllDrives: true, q: PUBLIC,
      fields: "files(id,name,driveId,permissions,permissionIds)",
    });
    // Shared-drive items carry permission ids, never the permissions themselves.
    expect(page.data.files).toEqual([{ id: expect.any(String), name: "価格表2026", driveId, permissionIds: expect.arrayContaining(["anyoneWithLink"]) }]);
  });

  it("hides a shared drive from a user who is not a member (404)", async () => {
    const err = await errorOf(api.drive.files.list({
      auth: as("kobayashi"), corpora: "drive", driveId: salesDrive().id, includeItemsFromAllDrives: true, supportsAllDrives: true,
    }));
    expect(err.response?.data.error).toMatchObject({ code: 404, message: `Shared drive not found: ${salesDrive().id}`, errors: [{ reason: "notFound", location: "driveId" }] });
  });

  it("gives an item's anyone permission through permissions.list with supportsAllDrives, and 404 without it", async () => {
    const fileId = salesDrive().files[0]!.id;
    const perms = await api.drive.permissions.list({ auth: as("ito"), fileId, supportsAllDrives: true, fields: "permissions(type,role,allowFileDiscovery)" });
    expect(perms.data.permissions).toContainEqual({ type: "anyone", role: "reader", allowFileDiscovery: false });
    const err = await errorOf(api.drive.permissions.list({ auth: as("ito"), fileId }));
    expect(err.response?.data.error).toMatchObject({ code: 404, message: `File not found: ${fileId}.`, errors: [{ reason: "notFound", location: "fileId" }] });
  });

  it("lists every shared drive to a super administrator with useDomainAdminAccess, a member's own to a member", async () => {
    const all = await api.drive.drives.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.drive), useDomainAdminAccess: true, fields: "drives(name,restrictions(domainUsersOnly))" });
    expect(all.data.drives).toEqual([
      { name: "経理", restrictions: { domainUsersOnly: true } },
      { name: "営業共有", restrictions: { domainUsersOnly: false } },
      { name: "採用", restrictions: { domainUsersOnly: false } },
    ]);
    const own = await api.drive.drives.list({ auth: as("sato", SCOPE.drive) });
    expect(own.data).toEqual({ kind: "drive#driveList", drives: [{ kind: "drive#drive", id: expect.any(String), name: "経理" }, { kind: "drive#drive", id: expect.any(String), name: "採用" }] });
    expect((await errorOf(api.drive.drives.list({ auth: as("sato", SCOPE.drive), useDomainAdminAccess: true }))).response?.status).toBe(403);
  });

  it("gives the administrator a drive's members with useDomainAdminAccess though they are not one", async () => {
    const members = await api.drive.permissions.list({
      auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.drive), fileId: salesDrive().id, useDomainAdminAccess: true, supportsAllDrives: true,
      fields: "permissions(emailAddress,role)",
    });
    expect(members.data.permissions).toEqual([
      { emailAddress: "takahashi@example-co.jp", role: "organizer" }, { emailAddress: "ito@example-co.jp", role: "writer" },
    ]);
  });

  it("refuses drives.list to a token with only drive.metadata.readonly", async () => {
    const err = await errorOf(api.drive.drives.list({ auth: api.credential(EXAMPLE_CO_ADMIN, SCOPE.metadata), useDomainAdminAccess: true }));
    expect(err.response?.data.error.errors[0].reason).toBe("insufficientPermissions");
  });
});
