import { describe, expect, it } from "vitest";
import check from "../../../checks/google/leaver-licences.ts";
import { collected, failed, goodFacts, licence, notDelegated, run, user } from "./fixture.ts";

const LICENSING = "https://www.googleapis.com/auth/apps.licensing";
const leaver = user("leaver", { suspended: true });

describe("google.directory.leaver_licences", () => {
  it("passes when nobody has left (no suspended or archived account)", () => {
    expect(run(check, goodFacts()).map((r) => r.status)).toEqual(["pass"]);
  });

  it("fails a suspended account that still holds a Workspace licence, naming the edition", () => {
    const [r] = run(check, goodFacts({ users: collected([user("boss", { isAdmin: true }), leaver]), licences: collected([licence("boss@acme.example"), licence("LEAVER@acme.example")]) }));
    expect(r).toMatchObject({ status: "fail", resource: { name: "leaver@acme.example" }, evidence: { licences: ["Google Workspace Business Standard"], driveSearched: false } });
    expect(r!.message!.ja).toBe("leaver@acme.example は停止中ですが、Google Workspace の有料ライセンスが残っています（料金がかかり、ファイルの共有も残ったままです）。");
    expect(r!.message!.en).toContain("still holds Google Workspace Business Standard");
  });

  it("passes an archived account without a Workspace licence, saying its Drive was not searched", () => {
    const [r] = run(check, goodFacts({ users: collected([user("old", { archived: true })]), licences: collected([]) }));
    expect(r).toMatchObject({ status: "pass", evidence: { archived: true, licences: [], driveSearched: false } });
    expect(r!.message!.en).toContain("Its Drive cannot be searched");
  });

  it("reports error naming apps.licensing, not pass, when the licences could not be listed", () => {
    const [r] = run(check, goodFacts({ users: collected([leaver]), licences: failed(notDelegated("licenseAssignments.listForProduct", LICENSING)) }));
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain(LICENSING);
  });
});
