import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/sensitivity-labels.ts";
import { NEEDS_INFORMATION_PROTECTION } from "../../../providers/microsoft/sensitivity-labels.ts";
import { collected, denied, failed, goodFacts, microsoftContext } from "./fixture.ts";

describe("microsoft.purview.sensitivity_labels", () => {
  it("passes when an active label is published", () => {
    expect(runCheck(check, goodFacts(), microsoftContext())[0]!.status).toBe("pass");
  });

  it("fails (low, a finding for the owner) when there is no label, or none active", () => {
    const none = runCheck(check, goodFacts({ sensitivityLabels: collected([]) }), microsoftContext())[0]!;
    expect(none.status).toBe("fail");
    expect(check.meta.severity).toBe("low");
    const inactive = runCheck(check, goodFacts({ sensitivityLabels: collected([{ id: "l", name: "Old", isActive: false }]) }), microsoftContext())[0]!;
    expect(inactive.status).toBe("fail");
  });

  it("is skipped with the reason, never failed, where no subscription includes sensitivity labels", () => {
    const r = runCheck(check, goodFacts({ sensitivityLabels: collected(NEEDS_INFORMATION_PROTECTION) }), microsoftContext())[0]!;
    expect(r.status).toBe("skipped");
    expect(r.reason!.en).toContain("Business Premium");
  });

  it("reports error naming InformationProtectionPolicy.Read.All when the labels are denied", () => {
    const r = runCheck(check, goodFacts({ sensitivityLabels: failed(denied("ListSensitivityLabels", "InformationProtectionPolicy.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("InformationProtectionPolicy.Read.All");
  });
});
