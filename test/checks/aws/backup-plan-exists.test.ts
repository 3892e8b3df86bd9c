import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/backup-plan-exists.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodFacts } from "./fixture.ts";

const daily = [{ id: "plan-1", name: "daily" }];

describe("aws.backup.plan_exists", () => {
  it("passes when a region has a backup plan", () => {
    const r = runCheck(check, goodFacts(), awsContext())[0]!;
    expect(r.status).toBe("pass");
    expect(r.evidence).toEqual({ regionsWithPlans: ["ap-northeast-1"] });
  });

  it("fails an account with no backup plan in any region", () => {
    const facts = goodFacts({ backupPlans: collected({ "ap-northeast-1": collected([]), "us-east-1": collected([]) }) });
    expect(runCheck(check, facts, awsContext())[0]!.status).toBe("fail");
  });

  it("passes on a plan found in one region even when another region could not be read", () => {
    const facts = goodFacts({ backupPlans: collected({
      "ap-northeast-1": collected(daily),
      "us-east-1": failed(denied("ListBackupPlans", "backup:ListBackupPlans")),
    }) });
    expect(runCheck(check, facts, awsContext())[0]!.status).toBe("pass");
  });

  it("reports error, not fail or pass, when no plan was seen and a region could not be read", () => {
    const facts = goodFacts({ backupPlans: collected({
      "ap-northeast-1": collected([]),
      "us-east-1": failed(denied("ListBackupPlans", "backup:ListBackupPlans")),
    }) });
    const r = runCheck(check, facts, awsContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("backup:ListBackupPlans");
  });

  it("still passes when only the selections and recovery points could not be read: it reads the plans alone", () => {
    const facts = goodFacts({
      backup: collected({ "ap-northeast-1": failed(denied("ListProtectedResources", "backup:ListProtectedResources")) }),
    });
    expect(runCheck(check, facts, awsContext())[0]!.status).toBe("pass");
  });
});
