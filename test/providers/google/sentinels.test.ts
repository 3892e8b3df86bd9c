import { afterEach, describe, expect, it } from "vitest";
import type { CheckResult } from "../../../checks/framework.ts";
import { GOOGLE_CHECKS } from "../../../checks/google/index.ts";
import { collectGoogleFacts } from "../../../providers/google/collect.ts";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import type { SimWorkspace } from "../../../simulator/google/model.ts";
import { startGoogleSimulator, type GoogleFault, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { googleContext } from "../../checks/google/fixture.ts";
import { runChecks, statusOf } from "../../support/run-checks.ts";

/** Absent, unknown and sentinel values served over the wire, read by the provider, judged by the checks. */
/** Quick retries; the timeout is wide, for calls that take seconds on a busy machine. */
const FAST = { retries: 2, retryBaseMs: 5, retryMaxMs: 20, requestTimeoutMs: 30_000 };
const ORGUNITS = "https://www.googleapis.com/auth/admin.directory.orgunit.readonly";

let sim: GoogleSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(change: (ws: SimWorkspace) => void = () => {}, faults: GoogleFault[] = []) {
  const workspace = exampleCoWorkspace();
  change(workspace);
  sim = await startGoogleSimulator({ workspace, faults });
  const collection = await collectGoogleFacts(
    { adminEmail: EXAMPLE_CO_ADMIN, serviceAccountKey: { env: "UNUSED" }, rootUrl: sim.rootUrl, tokenUrl: sim.tokenUrl },
    { serviceAccountKey: sim.serviceAccountKey, tuning: FAST },
  );
  return { collection, results: runChecks(GOOGLE_CHECKS, collection.facts, googleContext({ now: new Date() })) };
}

const userOf = (ws: SimWorkspace, local: string) => ws.users.find((u) => u.primaryEmail === `${local}@example-co.jp`)!;
const directoryChecks = ["google.directory.super_admin_count", "google.directory.admin_2sv", "google.directory.user_2sv_enrolled", "google.directory.inactive_users"];
const statuses = (results: Record<string, CheckResult[]>, id: string) => results[id]!.map((r) => r.status);

describe("Directory sentinels", () => {
  it("reports error, not pass, when a user comes back without isAdmin, rather than taking it as false", async () => {
    const { collection, results } = await scan((ws) => { userOf(ws, "suzuki").absentFields = ["isAdmin"]; });
    expect(collection.errors).toEqual([expect.objectContaining({ operation: "users.list", code: "MalformedResponse", message: "users.list returned user suzuki@example-co.jp without isAdmin" })]);
    for (const id of directoryChecks) expect(statuses(results, id), id).toEqual(["error"]);
  });

  it.each(["isDelegatedAdmin", "isEnrolledIn2Sv", "isEnforcedIn2Sv", "suspended", "archived", "lastLoginTime", "creationTime"] as const)(
    "reports error, not pass, when a user comes back without %s",
    async (field) => {
      const { results } = await scan((ws) => { userOf(ws, "ito").absentFields = [field]; });
      expect(statuses(results, "google.directory.user_2sv_enrolled")).toEqual(["error"]);
      expect(results["google.directory.user_2sv_enrolled"]![0]!.cause!.message).toBe(
        field === "lastLoginTime" || field === "creationTime" ? `users.list returned user ito@example-co.jp with ${field} absent` : `users.list returned user ito@example-co.jp without ${field}`,
      );
    },
  );

  it("reports error, not an empty pass, when users.list lists nobody, not even the administrator", async () => {
    const { results } = await scan(() => {}, [{ operation: "users.list", kind: "emptyList" }]);
    for (const id of directoryChecks) expect(statuses(results, id), id).toEqual(["error"]);
    expect(results["google.directory.user_2sv_enrolled"]![0]!.cause!.message).toBe("users.list returned no users, not even the administrator it acted as");
  });

  it("reads lastLoginTime 1970-01-01T00:00:00.000Z as never signed in: fails an old account, passes one made five days ago", async () => {
    const { collection, results } = await scan();
    const users = collection.facts.users.ok ? collection.facts.users.value : [];
    expect(users.find((u) => u.primaryEmail === "watanabe@example-co.jp")!.lastLoginTime).toBeNull();
    expect(statusOf(results, "google.directory.inactive_users", "watanabe@example-co.jp")).toBe("fail");
    expect(statusOf(results, "google.directory.inactive_users", "nakamura@example-co.jp")).toBe("pass");
    expect(results["google.directory.inactive_users"]!.find((r) => r.resource.name === "watanabe@example-co.jp")!.message!.en).toMatch(/has never signed in, 200 days after it was created/);
  });

  it("reports error, not never-signed-in, for a lastLoginTime that is not a date", async () => {
    const { results } = await scan((ws) => { userOf(ws, "watanabe").lastLoginTime = "never"; });
    expect(statuses(results, "google.directory.inactive_users")).toEqual(["error"]);
    expect(results["google.directory.inactive_users"]![0]!.cause!.message).toBe('users.list returned user watanabe@example-co.jp with lastLoginTime "never"');
  });
});

describe("Drive permissions Drive added later", () => {
  it("fails a file with a published view's anyone permission (role publishedReader)", async () => {
    const { results } = await scan((ws) => {
      userOf(ws, "kobayashi").files[0]!.permissions.push({ type: "anyone", role: "publishedReader", view: "published", allowFileDiscovery: false });
    });
    const r = results["google.drive.public_files"]!.find((x) => x.resource.name === "営業日報")!;
    expect(r).toMatchObject({ status: "fail", evidence: { role: "publishedReader", visibility: "anyoneWithLink" } });
  });

  it("fails a file whose only outside permission has a grantee type and role cloud15 does not know", async () => {
    const { results } = await scan((ws) => {
      userOf(ws, "kobayashi").files[0]!.permissions = [{ type: "audience", role: "superViewer" }];
    });
    const r = results["google.drive.public_files"]!.find((x) => x.resource.name === "営業日報")!;
    expect(r).toMatchObject({ status: "fail", evidence: { visibility: "unrecognised", grantee: "audience", role: "superViewer" } });
  });
});

describe("transient and denied answers", () => {
  it("retries a users.list answer cut off halfway and reaches the same verdicts", async () => {
    const { collection, results } = await scan(() => {}, [{ operation: "users.list", kind: "truncatedJson", times: 1 }]);
    expect(collection.errors).toEqual([]);
    expect(collection.apiCalls["users.list"]).toBe(2);
    expect(statusOf(results, "google.directory.admin_2sv", "suzuki@example-co.jp")).toBe("fail");
  });

  it("reports error, never an empty pass, when every users.list answer is cut off", async () => {
    const { collection, results } = await scan(() => {}, [{ operation: "users.list", kind: "truncatedJson" }]);
    expect(collection.apiCalls["users.list"]).toBe(1 + FAST.retries);
    expect(collection.errors).toContainEqual(expect.objectContaining({ operation: "users.list", code: "MalformedResponse" }));
    for (const id of [...directoryChecks, "google.drive.public_files"]) expect(statuses(results, id), id).toEqual(["error"]);
  });

  it("ends one user's Drive in error when their files.list answers stay cut off, and judges the rest", async () => {
    const { results } = await scan(() => {}, [{ operation: "files.list", kind: "truncatedJson", subject: "ito@example-co.jp" }]);
    expect(statusOf(results, "google.drive.public_files", "ito@example-co.jp")).toBe("error");
    expect(statusOf(results, "google.drive.public_files", "見積書_A社")).toBe("fail");
  });

  it("reports error for a cut-off policies.list, not a customer without settings", async () => {
    const { results } = await scan(() => {}, [{ operation: "policies.list", kind: "truncatedJson" }]);
    expect(statuses(results, "google.drive.sharing_policy")).toEqual(["error"]);
    expect(statuses(results, "google.data.region")).toEqual(["error"]);
  });

  it("reports error for the checks that read policies alone when the policy read is denied", async () => {
    const { results } = await scan(() => {}, [{ operation: "policies.list", kind: "permissionDenied" }]);
    const errors = Object.entries(results).filter(([, list]) => list.some((r) => r.status === "error")).map(([id]) => id);
    expect(errors.sort()).toEqual(["google.data.region", "google.drive.classification", "google.drive.sharing_policy", "google.security.protection_settings"]);
    expect(results["google.drive.sharing_policy"]![0]!.cause).toMatchObject({ operation: "policies.list", code: "PERMISSION_DENIED" });
  });
});

describe("Drive sharing policy on Google's defaults", () => {
  const subUnitsOnly = (ws: SimWorkspace) => { ws.policies = ws.policies.filter((p) => p.orgUnitId !== "03ph8a2z0example"); };

  it("fails the top-level unit when only a sub-unit has a sharing setting, and passes the sub-unit", async () => {
    const { results } = await scan(subUnitsOnly);
    expect(results["google.drive.sharing_policy"]!.map((r) => [r.resource.name, r.status])).toEqual([
      ["Google Workspace acme.example", "fail"],
      ["drive_and_docs.external_sharing (/Office)", "pass"],
    ]);
  });

  it("reports error naming the org unit scope for the top level, and judges the sub-unit, when org units cannot be read", async () => {
    const { results } = await scan(subUnitsOnly, [{ operation: "orgunits.list", kind: "permissionDenied" }]);
    const sharing = results["google.drive.sharing_policy"]!;
    expect(sharing.map((r) => [r.resource.uid, r.status])).toEqual([
      ["google:domain/acme.example", "error"],
      ["google:policy/drive_and_docs.external_sharing/orgUnits/03ph8a2z1office", "pass"],
    ]);
    expect(sharing[0]!.cause).toMatchObject({ operation: "orgunits.list", permission: ORGUNITS });
  });

  it("reports error, not pass, for a sharing mode Google added later", async () => {
    const { results } = await scan((ws) => { ws.policies[0]!.value.externalSharingMode = "ALLOWED_FOR_AUDIENCES"; });
    expect(results["google.drive.sharing_policy"]!.map((r) => r.status)).toEqual(["error", "error"]);
  });
});
