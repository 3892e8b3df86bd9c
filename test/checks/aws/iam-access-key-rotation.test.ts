import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/iam-access-key-rotation.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, daysAgo, denied, failed, goodFacts, NOW, user } from "./fixture.ts";

const withKey = (lastRotated: number, lastUsed: number | null) => user("ci", {
  passwordEnabled: false,
  accessKeys: [
    { slot: 1, active: true, lastRotated: daysAgo(lastRotated), lastUsed: lastUsed === null ? null : daysAgo(lastUsed) },
    { slot: 2, active: false, lastRotated: null, lastUsed: null },
  ],
});
const run = (u: ReturnType<typeof user>) =>
  runCheck(check, goodFacts({ credentialReport: collected({ generatedAt: NOW.toISOString(), users: [u] }) }), awsContext({ now: NOW }))[0]!;

describe("aws.iam.access_key_rotation", () => {
  it("passes a key rotated 30 days ago and used yesterday", () => {
    expect(run(withKey(30, 1)).status).toBe("pass");
  });

  it("fails a key older than 90 days and says how old", () => {
    const r = run(withKey(400, 1));
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("key 1 is 400 days old (limit 90 days).");
  });

  it("passes a key made 80 days ago and never used yet", () => {
    expect(run(withKey(80, null)).status).toBe("pass");
  });

  it("fails a key last used 120 days ago", () => {
    const r = run(withKey(80, 120));
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("key 1 unused for 120 days (limit 90 days).");
  });

  it("reports error for that user, not pass, when a key date could not be read", () => {
    const unreadable = failed({ operation: "GetCredentialReport", code: "UnreadableValue", message: "user ci: access_key_1_last_rotated is \"yesterday\"" });
    const r = run(user("ci", { passwordEnabled: false, accessKeys: unreadable }));
    expect(r.status).toBe("error");
    expect(r.resource.name).toBe("ci");
    expect(r.reason!.en).toContain("access_key_1_last_rotated");
  });

  it("reports error, not pass, when the credential report could not be read", () => {
    const facts = goodFacts({ credentialReport: failed(denied("GetCredentialReport", "iam:GetCredentialReport")) });
    expect(runCheck(check, facts, awsContext())[0]!.status).toBe("error");
  });
});
