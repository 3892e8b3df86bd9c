import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/iam-administrator-count.ts";
import { runCheck } from "../../../checks/framework.ts";
import type { AdministratorPrincipals } from "../../../providers/aws/facts.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { admin, collected, denied, failed, goodFacts } from "./fixture.ts";

const run = (a: AdministratorPrincipals) => runCheck(check, goodFacts({ administrators: collected(a) }), awsContext())[0]!;

describe("aws.iam.administrator_count", () => {
  it("passes two administrators and names how each holds the rights", () => {
    const r = run({
      users: [
        admin("tanaka"),
        admin("sato", [{ kind: "aws-managed", name: "AdministratorAccess", group: "Admins" }]),
      ],
      roles: [],
    });
    expect(r.status).toBe("pass");
    expect(r.message!.ja).toBe("管理者: sato（グループ Admins の管理ポリシー AdministratorAccess）、tanaka（管理ポリシー AdministratorAccess）");
    expect(r.message!.en).toContain("sato (AWS managed policy AdministratorAccess of group Admins)");
  });

  it("counts users who hold the power through an inline policy or an assumable role, and says so", () => {
    const r = run({
      users: [
        admin("a"), admin("b"), admin("c"),
        admin("d", [{ kind: "inline", name: "everything" }]),
        admin("e", [], ["Ops"]),
      ],
      roles: [{ name: "Ops", policies: [{ kind: "customer-managed", name: "FullAccess" }], trustsAccount: false, trustedUsers: ["e"] }],
    });
    expect(r.status).toBe("fail");
    expect(r.message!.en).toContain("5 users hold administrator rights (at most 4 advised)");
    expect(r.message!.en).toContain("d (inline policy everything)");
    expect(r.message!.en).toContain("e (can assume role Ops (customer managed policy FullAccess))");
    expect(r.message!.ja).toContain("e（ロール Ops を引き受け可能（カスタマー管理ポリシー FullAccess））");
  });

  it("fails when no IAM user is an administrator", () => {
    expect(run({ users: [], roles: [] }).status).toBe("fail");
  });

  it("reports error naming iam:GetAccountAuthorizationDetails, not pass, when the call is denied", () => {
    const r = runCheck(check, goodFacts({
      administrators: failed(denied("GetAccountAuthorizationDetails", "iam:GetAccountAuthorizationDetails")),
    }), awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("iam:GetAccountAuthorizationDetails");
  });
});
