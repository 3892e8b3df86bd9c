import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/backup.ts";
import { collected, denied, failed, goodFacts, microsoftContext } from "./fixture.ts";

describe("microsoft.backup.m365_backup", () => {
  it("passes OneDrive, SharePoint and Exchange each protected by an active policy", () => {
    expect(runCheck(check, goodFacts(), microsoftContext()).map((r) => [r.resource.uid, r.status])).toEqual([
      ["m365backup:oneDrive", "pass"], ["m365backup:sharePoint", "pass"], ["m365backup:exchange", "pass"],
    ]);
  });

  it("fails a workload with no policy or an inactive one", () => {
    const facts = goodFacts({ backup: collected({ serviceStatus: "enabled", service: "on", policies: [
      { workload: "oneDrive", id: "1", displayName: "OneDrive", status: "active" },
      { workload: "sharePoint", id: "2", displayName: "Sites", status: "inactive" },
    ] }) });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["pass", "fail", "fail"]);
    expect(results[1]!.message!.en).toBe("The protection policy for SharePoint is not active (Sites (inactive)).");
    expect(results[2]!.message!.en).toBe("No protection policy covers Exchange (mail).");
  });

  it("fails, not errors, every workload when Microsoft 365 Backup is not turned on", () => {
    const results = runCheck(check, goodFacts({ backup: collected({ serviceStatus: "disabled", service: "off", policies: [] }) }), microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["fail", "fail", "fail"]);
    expect(results[0]!.message!.en).toBe("Microsoft 365 Backup is not turned on: OneDrive is not backed up.");
  });

  it("reports error, not pass or fail, when the service status is absent or a value added later", () => {
    for (const serviceStatus of ["(absent)", "unknownFutureValue"]) {
      const results = runCheck(check, goodFacts({ backup: collected({ serviceStatus, service: "unknown", policies: [] }) }), microsoftContext());
      expect(results.map((r) => r.status)).toEqual(["error", "error", "error"]);
      expect(results[0]!.cause!.code).toBe("UnknownValue");
    }
  });

  it("reports error naming BackupRestore-Control.Read.All when the service status is denied", () => {
    const r = runCheck(check, goodFacts({ backup: failed(denied("GetBackupRestore", "BackupRestore-Control.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("BackupRestore-Control.Read.All");
  });
});
