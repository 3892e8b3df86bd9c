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

describe("Example Co.'s simulated Microsoft 365 tenant (the demo)", () => {
  it.each(MICROSOFT_CHECKS.map((c) => [c.meta.id, c] as const))("%s has a pass and a fail somewhere, with ja/en text and IPA items", (id, check) => {
    const statuses = new Set(results[id]!.map((r) => r.status));
    expect(statuses).toContain("pass");
    expect(statuses).toContain("fail");
    expect(check.meta.ipaItems.length).toBeGreaterThan(0);
    for (const text of [check.meta.title, check.meta.detail, check.meta.remediation.steps, check.meta.remediation.consolePath]) {
      expect(text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(text.en).toMatch(/^[\x20-\x7e\u2013\u2014]+$/);
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
  ])("passes %s", (_what, checkId, resource) => {
    expect(statusOf(results, checkId, resource)).toBe("pass");
  });
});
