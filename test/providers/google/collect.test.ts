import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GOOGLE_CHECKS } from "../../../checks/google/index.ts";
import type { CheckResult } from "../../../checks/framework.ts";
import type { GoogleTenantConfig } from "../../../config/schema.ts";
import { collectGoogleFacts, type GoogleCollectOptions } from "../../../providers/google/collect.ts";
import type { GoogleFacts } from "../../../providers/google/facts.ts";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace, READONLY_SCOPES } from "../../../simulator/google/example-co.ts";
import type { SimWorkspace } from "../../../simulator/google/model.ts";
import { startGoogleSimulator, type GoogleFault, type GoogleSimulator } from "../../../simulator/google/server.ts";
import { googleContext } from "../../checks/google/fixture.ts";
import { runChecks, statusOf } from "../../support/run-checks.ts";

const SCOPE = {
  alerts: "https://www.googleapis.com/auth/apps.alerts",
  licensing: "https://www.googleapis.com/auth/apps.licensing",
  labels: "https://www.googleapis.com/auth/drive.admin.labels.readonly",
  users: "https://www.googleapis.com/auth/admin.directory.user.readonly",
  metadata: "https://www.googleapis.com/auth/drive.metadata.readonly",
  drive: "https://www.googleapis.com/auth/drive.readonly",
  policies: "https://www.googleapis.com/auth/cloud-identity.policies.readonly",
};
/** Quick retries; the timeout is wide, for calls that take seconds on a busy machine. */
const FAST = { retries: 2, retryBaseMs: 5, retryMaxMs: 20, requestTimeoutMs: 30_000 };

let sim: GoogleSimulator | undefined;
afterEach(async () => { await sim?.stop(); sim = undefined; });

async function scan(opts: {
  workspace?: SimWorkspace; faults?: GoogleFault[]; pageSizeCap?: number; collect?: GoogleCollectOptions; config?: Partial<GoogleTenantConfig>;
} = {}) {
  sim = await startGoogleSimulator({ workspace: opts.workspace ?? exampleCoWorkspace(), faults: opts.faults, pageSizeCap: opts.pageSizeCap });
  const config: GoogleTenantConfig = {
    adminEmail: EXAMPLE_CO_ADMIN, serviceAccountKey: { env: "CLOUD15_TEST_UNUSED" }, rootUrl: sim.rootUrl, tokenUrl: sim.tokenUrl, ...opts.config,
  };
  const collection = await collectGoogleFacts(config, { serviceAccountKey: sim.serviceAccountKey, tuning: FAST, ...opts.collect });
  return { collection, results: runGoogleChecks(collection.facts) };
}

function runGoogleChecks(facts: GoogleFacts): Record<string, CheckResult[]> {
  return runChecks(GOOGLE_CHECKS, facts, googleContext({ now: new Date() }));
}

const withoutScope = (scope: string) => {
  const workspace = exampleCoWorkspace();
  workspace.delegation[workspace.serviceAccount.clientId] = READONLY_SCOPES.filter((s) => s !== scope);
  return workspace;
};

describe("Google provider against the simulated Example Co. Workspace", () => {
  it("finds the demo company's mistakes beside what it did right, with the fewest calls the APIs allow", async () => {
    const { collection, results } = await scan();
    expect(collection.errors).toEqual([]);
    expect(collection.customerId).toBe("C03ex4mpl");
    expect(statusOf(results, "google.directory.admin_2sv", "suzuki@example-co.jp")).toBe("fail");
    expect(statusOf(results, "google.directory.admin_2sv", "tanaka@example-co.jp")).toBe("pass");
    expect(statusOf(results, "google.drive.public_files", "顧客リスト")).toBe("fail");
    expect(statusOf(results, "google.drive.public_files", "kobayashi@example-co.jp")).toBe("pass");
    // Seven tokens as the administrator (one per scope), one per active user; one listing per user.
    expect(collection.apiCalls).toEqual({
      token: 18, "users.list": 1, "orgunits.list": 1, "files.list": 13, "permissions.list": 3, "drives.list": 1, "policies.list": 1,
      "alerts.list": 1, "licenseAssignments.listForProduct": 1, "labels.list": 1,
    });
    expect(sim!.calls).toEqual(collection.apiCalls);
  });

  it("follows nextPageToken through every listing and reaches the same verdicts", async () => {
    const whole = await scan();
    await sim!.stop();
    const paged = await scan({ pageSizeCap: 1 });
    expect(paged.collection.apiCalls["users.list"]).toBe(13);
    expect(paged.collection.apiCalls["drives.list"]).toBe(3);
    expect(paged.collection.apiCalls["policies.list"]).toBe(5);
    // Three alerts of the last month, twelve licences, one label.
    expect(paged.collection.apiCalls["alerts.list"]).toBe(3);
    expect(paged.collection.apiCalls["licenseAssignments.listForProduct"]).toBe(12);
    expect(paged.collection.apiCalls["labels.list"]).toBe(1);
    const verdicts = (r: Record<string, CheckResult[]>) =>
      Object.fromEntries(Object.entries(r).map(([id, list]) => [id, list.map((x) => `${x.resource.uid} ${x.status}`).sort()]));
    expect(verdicts(paged.results)).toEqual(verdicts(whole.results));
  });

  it("retries 403 userRateLimitExceeded with backoff, which the Google clients do not, and still reaches a verdict", async () => {
    const { collection, results } = await scan({ faults: [{ operation: "files.list", kind: "userRateLimitExceeded", subject: "ito@example-co.jp", times: 2 }] });
    expect(collection.errors).toEqual([]);
    expect(statusOf(results, "google.drive.public_files", "顧客リスト")).toBe("fail");
    expect(collection.apiCalls["files.list"]).toBe(15);
  });

  it("ends one user's Drive in error, not pass, when their quota stays exhausted, and judges everyone else", async () => {
    const { collection, results } = await scan({ faults: [{ operation: "files.list", kind: "userRateLimitExceeded", subject: "ito@example-co.jp" }] });
    const ito = results["google.drive.public_files"]!.find((r) => r.resource.name === "ito@example-co.jp")!;
    expect(ito.status).toBe("error");
    expect(ito.cause).toMatchObject({ operation: "files.list", permission: SCOPE.metadata, code: "userRateLimitExceeded" });
    expect(statusOf(results, "google.drive.public_files", "見積書_A社")).toBe("fail");
    expect(collection.errors).toHaveLength(1);
  });

  it("lets the clients retry 429 themselves, and ends in error when it persists", async () => {
    const { collection, results } = await scan({ faults: [{ operation: "users.list", kind: "rateLimitExceeded" }] });
    expect(sim!.calls["users.list"]).toBe(1 + FAST.retries);
    expect(collection.errors).toEqual([expect.objectContaining({ operation: "users.list", code: "rateLimitExceeded" })]);
    for (const id of ["google.directory.user_2sv_enrolled", "google.directory.super_admin_count", "google.drive.public_files"]) {
      expect(results[id]!.map((r) => r.status), id).toEqual(["error"]);
    }
    expect(statusOf(results, "google.drive.sharing_policy", "drive_and_docs.external_sharing (/Office)")).toBe("pass");
  });

  it("reports error naming drive.readonly for the shared drives alone when delegation leaves that scope out", async () => {
    const { collection, results } = await scan({ workspace: withoutScope(SCOPE.drive) });
    const sharedDrives = results["google.drive.public_files"]!.find((r) => r.resource.uid === "google:drive/shared-drives")!;
    expect(sharedDrives.status).toBe("error");
    expect(sharedDrives.reason!.en).toContain(SCOPE.drive);
    expect(sharedDrives.cause!.message).toMatch(/domain-wide delegation does not grant https:\/\/www.googleapis.com\/auth\/drive.readonly to client 104200000000000000015/);
    expect(statusOf(results, "google.drive.public_files", "見積書_A社")).toBe("fail");
    expect(collection.errors.map((e) => e.permission)).toEqual([SCOPE.drive]);
  });

  it("reports error naming the Policy API scope for the checks that read policies, and nothing else", async () => {
    const { results } = await scan({ workspace: withoutScope(SCOPE.policies) });
    const errors = Object.entries(results).filter(([, list]) => list.some((r) => r.status === "error")).map(([id]) => id);
    expect(errors.sort()).toEqual(["google.data.region", "google.drive.classification", "google.drive.sharing_policy", "google.security.protection_settings"]);
    expect(results["google.data.region"]![0]!.reason!.en).toContain(SCOPE.policies);
  });

  it.each([
    [SCOPE.alerts, ["google.alertcenter.open_alerts"]],
    // Without the editions, an absent classification cannot be told from a missing feature.
    [SCOPE.licensing, ["google.directory.leaver_licences", "google.drive.classification"]],
    [SCOPE.labels, ["google.drive.classification"]],
  ])("reports error naming %s for the checks that need it alone when delegation leaves it out", async (scope, expected) => {
    const { collection, results } = await scan({ workspace: withoutScope(scope) });
    const errors = Object.entries(results).filter(([, list]) => list.some((r) => r.status === "error")).map(([id]) => id);
    expect(errors.sort()).toEqual(expected);
    for (const id of expected) expect(results[id]![0]!.reason!.en, id).toContain(scope);
    expect(collection.errors.map((e) => e.permission)).toEqual([scope]);
  });

  it("asks License Manager with the real customer id when the config says my_customer, which that API refuses", async () => {
    const { collection, results } = await scan({ config: { customerId: "my_customer" } });
    expect(collection.errors).toEqual([]);
    expect(statusOf(results, "google.directory.leaver_licences", "yamada@example-co.jp")).toBe("fail");
  });

  it("reports error, not pass, when Alert Center refuses the administrator, and still judges the leavers", async () => {
    const { results } = await scan({ faults: [{ operation: "alerts.list", kind: "permissionDenied" }] });
    expect(results["google.alertcenter.open_alerts"]![0]).toMatchObject({ status: "error", cause: { operation: "alerts.list", code: "PERMISSION_DENIED", permission: SCOPE.alerts } });
    expect(statusOf(results, "google.directory.leaver_licences", "yamada@example-co.jp")).toBe("fail");
  });

  it("finds the new checks' mistakes in the demo: open alerts, a leaver's licence, admins without recovery, Gmail screening off, nothing classified", async () => {
    const { results } = await scan();
    expect(statusOf(results, "google.alertcenter.open_alerts", "Suspicious login")).toBe("fail");
    expect(statusOf(results, "google.alertcenter.open_alerts", "Leaked password")).toBe("pass");
    expect(statusOf(results, "google.directory.leaver_licences", "yamada@example-co.jp")).toBe("fail");
    expect(statusOf(results, "google.directory.leaver_licences", "matsumoto@example-co.jp")).toBe("pass");
    expect(statusOf(results, "google.directory.admin_recovery", "suzuki@example-co.jp")).toBe("fail");
    expect(statusOf(results, "google.directory.admin_recovery", "tanaka@example-co.jp")).toBe("pass");
    expect(statusOf(results, "google.security.protection_settings", "gmail.email_attachment_safety (orgUnits/03ph8a2z0example)")).toBe("fail");
    expect(statusOf(results, "google.security.protection_settings", "security.less_secure_apps (orgUnits/03ph8a2z0example)")).toBe("pass");
    expect(statusOf(results, "google.drive.classification")).toBe("fail");
  });

  it("asks for a scope delegation refused once, not once per user", async () => {
    const { collection, results } = await scan({ workspace: withoutScope(SCOPE.metadata), collect: { concurrency: 1 } });
    const users = results["google.drive.public_files"]!.filter((r) => r.resource.type === "Google::Directory::User" && r.status !== "skipped");
    expect(users.length).toBe(11);
    expect(users.every((r) => r.status === "error" && r.reason!.en.includes(SCOPE.metadata))).toBe(true);
    // 7 administrator tokens, and a single refused one for the metadata scope.
    expect(sim!.calls.token).toBe(8);
    expect(collection.errors.filter((e) => e.code === "unauthorized_client")).toHaveLength(1);
  });

  it("reports every check as error, naming its scope and domain-wide delegation, when delegation is not granted at all", async () => {
    const workspace = exampleCoWorkspace();
    workspace.delegation = {};
    const { collection, results } = await scan({ workspace });
    expect(Object.keys(results)).toHaveLength(GOOGLE_CHECKS.length);
    for (const [id, list] of Object.entries(results)) {
      expect(list.map((r) => r.status), id).toEqual(["error"]);
      expect(list[0]!.reason!.en, id).toMatch(/needs https:\/\/www\.googleapis\.com\/auth\/[a-z.-]+/);
      expect(list[0]!.cause!.message, id).toMatch(/domain-wide delegation does not grant/);
    }
    // One refused token per scope asked as the administrator; License Manager is not asked without the customer id.
    expect(sim!.calls).toEqual({ token: 6 });
    expect(collection.apiCalls).toEqual({ token: 6 });
  });

  it("says a suspended user's Drive was not searched (skipped, with the reason), and asks no token as them", async () => {
    const { collection, results } = await scan();
    const searched = collection.facts.userDrives.ok ? collection.facts.userDrives.value.map((d) => d.email) : [];
    expect(searched).not.toContain("yamada@example-co.jp");
    expect(statusOf(results, "google.directory.inactive_users", "yamada@example-co.jp")).toBe("skipped");
    expect(results["google.directory.user_2sv_enrolled"]!.map((r) => r.resource.name)).not.toContain("yamada@example-co.jp");
    const yamada = results["google.drive.public_files"]!.find((r) => r.resource.name === "yamada@example-co.jp")!;
    expect(yamada.status).toBe("skipped");
    expect(yamada.reason!.en).toMatch(/^Suspended account: Google lets nobody search its Drive, and the files it shared stay shared/);
    expect(results["google.drive.public_files"]!.map((r) => r.resource.name)).not.toContain("引継ぎ資料");
  });

  it("searches shared drives as a member, reads item permissions with permissions.list, and skips drives closed to outsiders", async () => {
    const { results } = await scan();
    const publicFiles = results["google.drive.public_files"]!;
    expect(publicFiles.find((r) => r.resource.name === "価格表2026")).toMatchObject({ status: "fail", evidence: { sharedDrive: "営業共有", role: "reader" } });
    expect(statusOf(results, "google.drive.public_files", "経理")).toBe("pass");
    expect(publicFiles.map((r) => r.resource.name)).not.toContain("決算書2025");
    expect(statusOf(results, "google.drive.public_files", "採用")).toBe("pass");
  });

  it("reports error for a shared drive no active user belongs to, and judges the other drives", async () => {
    const workspace = exampleCoWorkspace();
    workspace.sharedDrives.find((d) => d.name === "採用")!.members = [{ type: "user", role: "organizer", emailAddress: "yamada@example-co.jp" }];
    const { results } = await scan({ workspace });
    const recruiting = results["google.drive.public_files"]!.find((r) => r.resource.name === "採用")!;
    expect(recruiting).toMatchObject({ status: "error", cause: { code: "NoActiveMember" } });
    expect(statusOf(results, "google.drive.public_files", "価格表2026")).toBe("fail");
  });

  it("gives up on a call that never answers and reports error, not pass", async () => {
    // Every call runs on this timeout, in flight together in this process: on a busy machine an
    // answered call takes seconds, so only a wide timeout keeps the hung call the one it ends.
    const { results } = await scan({ faults: [{ operation: "policies.list", kind: "hang" }], collect: { tuning: { ...FAST, retries: 0, requestTimeoutMs: 15_000 } } });
    expect(statusOf(results, "google.drive.sharing_policy")).toBe("error");
    expect(statusOf(results, "google.directory.admin_2sv", "suzuki@example-co.jp")).toBe("fail");
  });

  it("reports every check as error when the token endpoint refuses a key that was rotated away", async () => {
    sim = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
    const other = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
    await other.stop();
    const collection = await collectGoogleFacts(
      { adminEmail: EXAMPLE_CO_ADMIN, serviceAccountKey: { env: "UNUSED" }, rootUrl: sim.rootUrl, tokenUrl: sim.tokenUrl },
      { serviceAccountKey: other.serviceAccountKey, tuning: FAST },
    );
    const results = runGoogleChecks(collection.facts);
    for (const list of Object.values(results)) expect(list.map((r) => r.status)).toEqual(["error"]);
    expect(collection.errors[0]!.message).toContain("(invalid_grant: Invalid JWT Signature.)");
  });
});

describe("the service account key reference", () => {
  let dir: string | undefined;
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); dir = undefined; });

  async function collectWith(ref: GoogleTenantConfig["serviceAccountKey"], env: NodeJS.ProcessEnv = {}) {
    const { SecretReader } = await import("../../../secrets/secret-ref.ts");
    const collection = await collectGoogleFacts(
      { adminEmail: EXAMPLE_CO_ADMIN, serviceAccountKey: ref, rootUrl: "http://127.0.0.1:9/", tokenUrl: "http://127.0.0.1:9/token" },
      { secrets: new SecretReader({ env }), tuning: FAST },
    );
    return { collection, results: runGoogleChecks(collection.facts) };
  }

  it("ends every check in error, saying where the key was looked for, when the variable is not set", async () => {
    const { collection, results } = await collectWith({ env: "CLOUD15_GOOGLE_KEY" });
    expect(collection.errors).toEqual([{
      operation: "read service account key", code: "SecretError", message: "secret from environment variable CLOUD15_GOOGLE_KEY: the variable is not set",
    }]);
    expect(collection.apiCalls).toEqual({});
    for (const list of Object.values(results)) {
      expect(list.map((r) => r.status)).toEqual(["error"]);
      expect(list[0]!.reason!.en).toContain("CLOUD15_GOOGLE_KEY");
    }
  });

  it("says a file that is not a JSON key file is not one, without ever quoting what it holds", async () => {
    dir = await mkdtemp(join(tmpdir(), "cloud15-gkey-"));
    const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
    await writeFile(join(dir, "key.pem"), pem);
    const { collection, results } = await collectWith({ file: join(dir, "key.pem") });
    for (const list of Object.values(results)) expect(list.map((r) => r.status)).toEqual(["error"]);
    expect(collection.errors[0]!.message).toBe(
      `the service account key from file ${join(dir, "key.pem")} is not JSON; expected the JSON key file from Google Cloud console > IAM & Admin > Service accounts > Keys`,
    );
    expect(JSON.stringify(collection)).not.toMatch(/PRIVATE KEY|MIIEvQ/);
  });

  it("tells a user credential or an API key apart from a service account key", async () => {
    const { collection, results } = await collectWith({ env: "K" }, { K: JSON.stringify({ type: "authorized_user", client_id: "x", refresh_token: "secret-refresh" }) });
    for (const list of Object.values(results)) expect(list.map((r) => r.status)).toEqual(["error"]);
    expect(collection.errors[0]!.message).toMatch(/is a credential of type "authorized_user", not a service account key/);
    expect(JSON.stringify(collection)).not.toContain("secret-refresh");
  });
});
