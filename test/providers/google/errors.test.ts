import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TUNING, GoogleClients } from "../../../providers/google/clients.ts";
import { GoogleCallError, isRateLimited403, toCollectionError } from "../../../providers/google/errors.ts";
import { parseServiceAccountKey } from "../../../providers/google/key.ts";
import { GOOGLE_SCOPES } from "../../../providers/google/scopes.ts";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../../simulator/google/server.ts";

let sim: GoogleSimulator;
let clients: GoogleClients;

beforeAll(async () => {
  sim = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
  const key = parseServiceAccountKey(sim.serviceAccountKey, "of the simulator");
  clients = new GoogleClients({ adminEmail: EXAMPLE_CO_ADMIN, serviceAccountKey: { env: "UNUSED" }, rootUrl: sim.rootUrl, tokenUrl: sim.tokenUrl }, key, { ...DEFAULT_TUNING, retries: 0 });
});
afterAll(() => sim.stop());

/** A real call through the real client, failed the way the provider sees it. */
async function failure(operation: "drives.list" | "policies.list", scope: (typeof GOOGLE_SCOPES)[keyof typeof GOOGLE_SCOPES], subject: string, send: (auth: ReturnType<GoogleClients["credential"]>) => Promise<unknown>) {
  const auth = clients.credential(subject, scope);
  try {
    await send(auth);
  } catch (cause) {
    return new GoogleCallError({ operation, scope, subject }, cause);
  }
  throw new Error("expected the call to fail");
}

describe("turning Google's errors into collection errors", () => {
  it("names the scope a token lacked, from Google's 403 insufficientPermissions", async () => {
    const err = await failure("drives.list", GOOGLE_SCOPES.driveMetadata, EXAMPLE_CO_ADMIN, (auth) => clients.drive.drives.list({ auth, useDomainAdminAccess: true }));
    expect(toCollectionError("drives.list", err, "1042")).toEqual({
      operation: "drives.list",
      permission: GOOGLE_SCOPES.driveMetadata,
      code: "insufficientPermissions",
      message: `Request had insufficient authentication scopes. (HTTP 403); the access token lacks ${GOOGLE_SCOPES.driveMetadata}`,
    });
    expect(isRateLimited403(err)).toBe(false);
  });

  it("says the Policy API answers only super administrators when it refuses a delegated one", async () => {
    const err = await failure("policies.list", GOOGLE_SCOPES.policies, "sato@example-co.jp", (auth) => clients.cloudIdentity.policies.list({ auth }));
    expect(toCollectionError("policies.list", err, "1042")).toMatchObject({
      code: "PERMISSION_DENIED",
      message: "The caller does not have permission (HTTP 403); only a super administrator can read the Policy API, and sato@example-co.jp acted here",
    });
  });

  it("tells a quota 403 apart, so that it is retried", async () => {
    sim.faults.push({ operation: "drives.list", kind: "userRateLimitExceeded", times: 1 });
    const err = await failure("drives.list", GOOGLE_SCOPES.driveReadonly, EXAMPLE_CO_ADMIN, (auth) => clients.drive.drives.list({ auth, useDomainAdminAccess: true }));
    expect(isRateLimited403(err)).toBe(true);
  });
});
