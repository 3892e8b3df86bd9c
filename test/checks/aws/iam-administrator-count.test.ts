import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/iam-administrator-count.ts";
import { runCheck } from "../../../checks/framework.ts";
import type { AdministratorPrincipals } from "../../../providers/aws/facts.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

const run = (a: AdministratorPrincipals) => runCheck(check, goodFacts({ administrators: collected(a) }), awsContext())[0]!;

describe("aws.iam.administrator_count", () => {
  it("passes two administrators, counting a group's members once", () => {
    const r = run({ users: ["tanaka"], roles: ["OrganizationAccountAccessRole"], groups: [{ name: "admins", members: ["tanaka", "sato"] }] });
    expect(r.status).toBe("pass");
    expect(r.evidence!.users).toEqual(["sato", "tanaka"]);
  });

  it("fails six administrators", () => {
    const r = run({ users: ["a", "b", "c", "d", "e", "f"], roles: [], groups: [] });
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("6 users hold administrator rights (at most 4 advised).");
  });

  it("fails when no IAM user is an administrator", () => {
    expect(run({ users: [], roles: [], groups: [] }).status).toBe("fail");
  });

  it("reports error naming iam:ListEntitiesForPolicy, not pass, when the call is denied", () => {
    const r = runCheck(check, goodFacts({ administrators: failed(denied("ListEntitiesForPolicy", "iam:ListEntitiesForPolicy")) }), awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("iam:ListEntitiesForPolicy");
  });
});
