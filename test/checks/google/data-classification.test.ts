import { describe, expect, it } from "vitest";
import check from "../../../checks/google/data-classification.ts";
import type { WorkspacePolicy } from "../../../providers/google/facts.ts";
import { collected, driveLabel, failed, goodFacts, licence, notDelegated, restrictedSharing, run } from "./fixture.ts";

const LABELS = "https://www.googleapis.com/auth/drive.admin.labels.readonly";
const STARTER = { skuId: "1010020027", skuName: "Google Workspace Business Starter" };
const dlpRule = (state: string): WorkspacePolicy => ({ setting: "rule.dlp", value: {}, dlpRule: { displayName: "マイナンバーの社外共有禁止", state } });

describe("google.drive.classification", () => {
  it("passes a customer with a published Drive label", () => {
    const [r] = run(check, goodFacts());
    expect(r).toMatchObject({ status: "pass", evidence: { publishedLabels: ["Confidential"], activeDlpRules: [] } });
  });

  it("passes on an active DLP rule alone, even when the labels could not be read", () => {
    const [r] = run(check, goodFacts({ driveLabels: failed(notDelegated("labels.list", LABELS)), policies: collected([restrictedSharing, dlpRule("ACTIVE")]) }));
    expect(r).toMatchObject({ status: "pass", evidence: { activeDlpRules: ["マイナンバーの社外共有禁止"] } });
  });

  it("fails (low) an edition with labels where nothing is published and no DLP rule is active, naming the drafts", () => {
    const facts = goodFacts({
      driveLabels: collected([driveLabel("社外秘", { state: "UNPUBLISHED_DRAFT" }), driveLabel("Old", { state: "DISABLED" }), driveLabel("Google", { labelType: "GOOGLE_APP" })]),
      policies: collected([restrictedSharing, dlpRule("INACTIVE")]),
    });
    const [r] = run(check, facts);
    expect(check.meta.severity).toBe("low");
    expect(r).toMatchObject({ status: "fail", evidence: { editions: ["Google Workspace Business Standard"], draftLabels: ["社外秘"] } });
  });

  it("skips, never fails, an edition without Drive labels or DLP (Business Starter)", () => {
    const [r] = run(check, goodFacts({ driveLabels: collected([]), licences: collected([licence("boss@acme.example", STARTER)]) }));
    expect(r).toMatchObject({ status: "skipped", evidence: { editions: ["Google Workspace Business Starter"] } });
    expect(r!.reason!.ja).toContain("ドライブのラベルもデータ損失防止ルールもありません");
  });

  it("skips an edition without labels even when the labels API refused to answer", () => {
    const [r] = run(check, goodFacts({ driveLabels: failed(notDelegated("labels.list", LABELS)), licences: collected([licence("boss@acme.example", STARTER)]) }));
    expect(r!.status).toBe("skipped");
  });

  it("asks the owner (manual) when the edition is one cloud15 does not know", () => {
    const [r] = run(check, goodFacts({ driveLabels: collected([]), licences: collected([licence("boss@acme.example", { skuId: "1010020099", skuName: "Google Workspace Future" })]) }));
    expect(r!.status).toBe("manual");
  });

  it("reports error naming the labels scope, not fail or pass, when nothing was found and the labels could not be read", () => {
    const [r] = run(check, goodFacts({ driveLabels: failed(notDelegated("labels.list", LABELS)) }));
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain(LABELS);
  });

  it("reports error when nothing was found and the edition could not be read", () => {
    const [r] = run(check, goodFacts({ driveLabels: collected([]), licences: failed(notDelegated("licenseAssignments.listForProduct", "https://www.googleapis.com/auth/apps.licensing")) }));
    expect(r!.status).toBe("error");
  });
});
