import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckResult } from "../../../checks/framework.ts";
import { MICROSOFT_CHECKS } from "../../../checks/microsoft/index.ts";
import { exampleCoTenant } from "../../../simulator/microsoft/example-co.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator } from "../../../simulator/microsoft/server.ts";
import { collectFrom, runMicrosoftChecks, statusOf } from "../../support/microsoft.ts";

let sim: MicrosoftSimulator;
let results: Record<string, CheckResult[]>;
beforeAll(async () => {
  sim = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
  results = runMicrosoftChecks((await collectFrom(sim)).facts);
});
afterAll(async () => { await sim.stop(); });

const upn = (alias: string) => `${alias}@example-co.onmicrosoft.com`;

/** Checks that give one verdict for the whole tenant: the demo shows their failing side. */
const TENANT_WIDE = new Set(["microsoft.security.secure_score", "microsoft.onedrive.leaver_retention", "microsoft.purview.sensitivity_labels"]);
/** Facts for the owner's judgement: `manual` with the evidence, never `fail`. */
const OWNER_FACTS = new Set(["microsoft.service.health"]);
const NEW_CHECKS = [
  "microsoft.entra.legacy_auth_blocked", "microsoft.security.secure_score", "microsoft.service.health", "microsoft.tenant.notification_contacts",
  "microsoft.onedrive.leaver_retention", "microsoft.files.leaver_shared_files", "microsoft.purview.sensitivity_labels",
];

describe("Example Co.'s simulated Microsoft 365 tenant (the demo)", () => {
  it.each(MICROSOFT_CHECKS.map((c) => [c.meta.id, c] as const))("%s fails (or shows its fact) somewhere, passes where it judges several things, with ja/en text and IPA items", (id, check) => {
    const statuses = new Set(results[id]!.map((r) => r.status));
    expect(statuses).toContain(OWNER_FACTS.has(id) ? "manual" : "fail");
    if (!TENANT_WIDE.has(id)) expect(statuses).toContain("pass");
    expect(check.meta.ipaItems.length).toBeGreaterThan(0);
    const reasons = check.meta.itemReasons ? check.meta.ipaItems.map((item) => check.meta.itemReasons![item]!) : [];
    for (const text of [check.meta.title, check.meta.detail, check.meta.remediation.steps, check.meta.remediation.consolePath, ...reasons]) {
      expect(text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text.en).toMatch(/^[\x20-\x7e\u2013\u2014]+$/);
    }
  });

  it("says for each IPA item of every new check why it answers that item", () => {
    for (const id of NEW_CHECKS) {
      const check = MICROSOFT_CHECKS.find((c) => c.meta.id === id)!;
      expect([id, Object.keys(check.meta.itemReasons ?? {}).map(Number).sort()]).toEqual([id, [...check.meta.ipaItems].sort()]);
    }
  });

  it.each([
    ["a Global Administrator without MFA", "microsoft.entra.admin_mfa", upn("suzuki")],
    ["the set-up account, still a Global Administrator, without MFA", "microsoft.entra.admin_mfa", upn("admin")],
    ["five Global Administrators", "microsoft.entra.admin_count", "Global Administrator"],
    ["the shared reception account left out of the MFA policy", "microsoft.entra.mfa_enforced", upn("uketsuke")],
    ["a member without MFA", "microsoft.entra.user_mfa", upn("ito")],
    ["a guest without MFA", "microsoft.entra.guest_mfa", "studio@design.example.com"],
    ["an employee on long leave", "microsoft.entra.inactive_users", upn("kobayashi")],
    ["a guest invitation never accepted", "microsoft.entra.inactive_users", "tax@accountant.example.jp"],
    ["a leaver still licensed", "microsoft.entra.disabled_licensed", upn("yamada")],
    ["Anyone links against the company's policy", "microsoft.sharepoint.tenant_sharing", "\"Anyone\" links"],
    ["the customer list editable by anyone, forever", "microsoft.files.anyone_edit_link", "鈴木 花子 / 顧客リスト.xlsx"],
    ["the catalogue shared with anyone", "microsoft.files.anyone_link", "営業部 / Documents / 製品カタログ.pdf"],
    ["Exchange not backed up", "microsoft.backup.m365_backup", "Microsoft 365 Backup: Exchange (mail)"],
    ["data in North America", "microsoft.tenant.data_location", "Microsoft 365 geography NAM"],
    ["a legacy-authentication block left in report-only mode", "microsoft.entra.legacy_auth_blocked", "Legacy authentication (Entra ID sign-in)"],
    ["a Secure Score of a third", "microsoft.security.secure_score", "Microsoft 365"],
    ["nobody named for Microsoft's security notices", "microsoft.tenant.notification_contacts", "Security and compliance notification addresses"],
    ["a leaver's OneDrive kept for the default 30 days only", "microsoft.onedrive.leaver_retention", "OneDrive retention for deleted users"],
    ["a leaver's price list still open to anyone", "microsoft.files.leaver_shared_files", upn("yamada")],
    ["no sensitivity label, though Business Premium has them", "microsoft.purview.sensitivity_labels", "Microsoft 365"],
  ])("fails %s", (_what, checkId, resource) => {
    expect(statusOf(results, checkId, resource)).toBe("fail");
  });

  it.each([
    ["the president's MFA", "microsoft.entra.user_mfa", upn("tanaka")],
    ["the IT vendor's FIDO2 key", "microsoft.entra.admin_mfa", upn("it-support")],
    ["one SharePoint Administrator", "microsoft.entra.admin_count", "SharePoint Administrator"],
    ["the partner guest with MFA", "microsoft.entra.guest_mfa", "kimura@partner.example.jp"],
    ["an expiring view link, for the never-expiring-edit check", "microsoft.files.anyone_edit_link", "田中 太郎 / 見積書_2026.xlsx"],
    ["a proposal shared within the company", "microsoft.files.anyone_link", "営業部 / Documents / 提案書_A社.pptx"],
    ["OneDrive backed up", "microsoft.backup.m365_backup", "Microsoft 365 Backup: OneDrive"],
    ["data in Japan", "microsoft.tenant.data_location", "Microsoft 365 geography JPN"],
    ["SharePoint refusing legacy authentication", "microsoft.entra.legacy_auth_blocked", "Legacy authentication (SharePoint and OneDrive)"],
    ["the IT vendor receiving technical notices", "microsoft.tenant.notification_contacts", "Technical notification addresses"],
    ["a leaver whose files were cleaned up", "microsoft.files.leaver_shared_files", upn("nakamura")],
    ["SharePoint Online, whose advisory is resolved", "microsoft.service.health", "SharePoint Online"],
  ])("passes %s", (_what, checkId, resource) => {
    expect(statusOf(results, checkId, resource)).toBe("pass");
  });

  it("shows the open Exchange incident to the owner as a fact, never as a failure", () => {
    const exchange = results["microsoft.service.health"]!.find((r) => r.resource.name === "Exchange Online")!;
    expect(exchange.status).toBe("manual");
    expect(exchange.message!.ja).toContain("未解決の障害 1 件");
    expect(exchange.evidence).toMatchObject({ openIssues: [{ id: "EX1046201", classification: "incident" }] });
  });

  it("names the Secure Score controls worth most in the owner's words, each with its IPA item", () => {
    const score = results["microsoft.security.secure_score"]![0]!;
    expect(score.message!.en).toBe("Secure Score 20 of 60 (33%). Not done yet, worth most: data loss prevention (DLP) policies (item 3); "
      + "block legacy authentication (item 9); Safe Attachments for mail (item 11); MFA for every administrator (item 7); "
      + "employees cannot let outside apps into company data (item 8); 3 more.");
    expect(score.evidence).toMatchObject({ currentScore: 20, maxScore: 60, percent: 33 });
  });
});
