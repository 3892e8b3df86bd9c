import { describe, expect, it } from "vitest";
import check from "../../../checks/google/open-alerts.ts";
import type { WorkspaceAlert } from "../../../providers/google/facts.ts";
import { collected, daysAgo, failed, goodFacts, notDelegated, run } from "./fixture.ts";

const ALERTS = "https://www.googleapis.com/auth/apps.alerts";

function alert(type: string, overrides: Partial<WorkspaceAlert> = {}): WorkspaceAlert {
  return { id: `a-${type}-${overrides.createTime ?? ""}`, type, source: "Google identity", createTime: daysAgo(2), status: "NOT_STARTED", severity: "HIGH", ...overrides };
}

describe("google.alertcenter.open_alerts", () => {
  it("passes a customer with no alert in the last 30 days", () => {
    expect(run(check, goodFacts()).map((r) => r.status)).toEqual(["pass"]);
  });

  it("passes an alert type whose alerts are all closed", () => {
    const [r] = run(check, goodFacts({ alerts: collected([alert("Leaked password", { status: "CLOSED" })]) }));
    expect(r).toMatchObject({ status: "pass", resource: { uid: "google:alertcenter/type/Leaked password" }, evidence: { alerts: 1, open: 0 } });
  });

  it("fails each type with open alerts, counting them by severity, most severe first", () => {
    const results = run(check, goodFacts({
      alerts: collected([
        alert("Suspicious login", { severity: "MEDIUM", status: "IN_PROGRESS", createTime: daysAgo(3) }),
        alert("Suspicious login", { severity: "HIGH", createTime: daysAgo(4) }),
        alert("User reported phishing", { severity: "LOW", status: "CLOSED" }),
      ]),
    }));
    const login = results.find((r) => r.resource.name === "Suspicious login")!;
    expect(login).toMatchObject({ status: "fail", evidence: { open: 2, openBySeverity: { HIGH: 1, MEDIUM: 1, LOW: 0, UNDETERMINED: 0 } } });
    expect(login.message).toEqual({
      ja: "不審なログインの警告が 2 件、対応されないまま残っています（重要度 高 1 件、重要度 中 1 件）。",
      en: "2 \"Suspicious login\" alert(s) are still open (1 high, 1 medium).",
    });
    expect(results.find((r) => r.resource.name === "User reported phishing")!.status).toBe("pass");
  });

  it("counts an alert with a status Alert Center added later, or none, as open, and an undetermined severity as such", () => {
    const [r] = run(check, goodFacts({ alerts: collected([alert("New kind", { status: "ESCALATED", severity: "UNDETERMINED" }), alert("New kind", { status: "UNSPECIFIED", createTime: daysAgo(1) })]) }));
    expect(r).toMatchObject({ status: "fail", evidence: { open: 2, openByStatus: { ESCALATED: 1, UNSPECIFIED: 1 } } });
    expect(r!.message!.ja).toContain("「New kind」");
    expect(r!.message!.en).toContain("1 high, 1 undetermined");
  });

  it("leaves out alerts older than 30 days, whatever their state", () => {
    expect(run(check, goodFacts({ alerts: collected([alert("Suspicious login", { createTime: daysAgo(31) })]) })).map((r) => r.status)).toEqual(["pass"]);
  });

  it("reports error naming apps.alerts, not pass, when the alerts could not be listed", () => {
    const [r] = run(check, goodFacts({ alerts: failed(notDelegated("alerts.list", ALERTS)) }));
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain(ALERTS);
  });
});
