import { describe, expect, it } from "vitest";
import check from "../../../checks/google/workspace-backup.ts";
import { collected, failed, goodFacts, notDelegated, run, user } from "./fixture.ts";

describe("google.backup.workspace_data (item 10, manual: Vault is not a backup and cannot be read)", () => {
  it("is manual and counts the accounts whose data needs a backup", () => {
    const r = run(check, goodFacts({ users: collected([user("a"), user("b", { suspended: true })]) }))[0]!;
    expect(r).toMatchObject({ status: "manual", evidence: { activeUsers: 1, accounts: 2 } });
    expect(r.message!.en).toMatch(/Vault is not one\.$/);
  });

  it("reports error when the customer could not be read at all", () => {
    const r = run(check, goodFacts({ users: failed(notDelegated("users.list", "https://www.googleapis.com/auth/admin.directory.user.readonly")) }))[0]!;
    expect(r.status).toBe("error");
  });
});
