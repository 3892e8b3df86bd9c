import { describe, expect, it } from "vitest";
import check from "../../../checks/google/protection-settings.ts";
import type { WorkspacePolicy } from "../../../providers/google/facts.ts";
import { parseSwitches } from "../../../providers/google/parse.ts";
import { collected, failed, goodFacts, notDelegated, restrictedSharing, run } from "./fixture.ts";

const POLICIES = "https://www.googleapis.com/auth/cloud-identity.policies.readonly";
const ALL_GMAIL = [
  "google:policy/gmail.email_attachment_safety/top-level",
  "google:policy/gmail.links_and_external_images/top-level",
  "google:policy/gmail.spoofing_and_authentication/top-level",
];

function setting(type: string, unit: string, value: Record<string, unknown>): WorkspacePolicy {
  const orgUnit = `orgUnits/${unit}`;
  return { setting: type, orgUnit, value, switches: parseSwitches(type, value, orgUnit) };
}

const safeAttachments = { enableEncryptedAttachmentProtection: true, enableAttachmentWithScriptsProtection: true, enableAnomalousAttachmentProtection: true };

describe("google.security.protection_settings", () => {
  it("passes less secure apps left at Google's block, and asks the owner (manual) about Gmail on Google's defaults", () => {
    const results = run(check, goodFacts());
    expect(results.find((r) => r.resource.uid === "google:policy/security.less_secure_apps/top-level")!.status).toBe("pass");
    for (const uid of ALL_GMAIL) expect(results.find((r) => r.resource.uid === uid)!.status, uid).toBe("manual");
  });

  it("passes a top-level Gmail setting with every protection on", () => {
    const results = run(check, goodFacts({ policies: collected([restrictedSharing, setting("gmail.email_attachment_safety", "root", safeAttachments)]) }));
    const attachments = results.filter((r) => r.resource.uid.startsWith("google:policy/gmail.email_attachment_safety/"));
    expect(attachments.map((r) => [r.resource.uid, r.status])).toEqual([["google:policy/gmail.email_attachment_safety/orgUnits/root", "pass"]]);
  });

  it("fails a unit where a Gmail protection is switched off, naming it for the owner", () => {
    const off = setting("gmail.email_attachment_safety", "sales", { ...safeAttachments, enableAnomalousAttachmentProtection: false });
    const r = run(check, goodFacts({ policies: collected([restrictedSharing, off]) })).find((x) => x.resource.uid === "google:policy/gmail.email_attachment_safety/orgUnits/sales")!;
    expect(r.status).toBe("fail");
    expect(r.message).toEqual({
      ja: "組織部門 /SalesのGmail の添付ファイルの保護: 珍しい種類の添付ファイルへの対策がオフです。",
      en: "Gmail attachment protection for organizational unit /Sales: protection against unusual attachment types switched off.",
    });
  });

  it("fails less secure apps allowed on the top-level unit", () => {
    const r = run(check, goodFacts({ policies: collected([setting("security.less_secure_apps", "root", { allowLessSecureApps: true })]) }))
      .find((x) => x.resource.uid === "google:policy/security.less_secure_apps/orgUnits/root")!;
    expect(r.status).toBe("fail");
    expect(r.message!.ja).toBe("最上位の組織部門の安全性の低いアプリへのアクセス: パスワードだけでログインするアプリ（安全性の低いアプリ）の許可がオンです。");
  });

  it("reports error for a value that is not a boolean, never reading it as on", () => {
    const odd = setting("gmail.spoofing_and_authentication", "root", { detectUnauthenticatedEmails: "SOMETIMES" });
    const r = run(check, goodFacts({ policies: collected([odd]) })).find((x) => x.resource.uid === "google:policy/gmail.spoofing_and_authentication/orgUnits/root")!;
    expect(r).toMatchObject({ status: "error", cause: { code: "UnrecognisedValue" } });
  });

  it("judges each unit's policy but reports the top level as error when the units could not be listed", () => {
    const onSales = setting("gmail.email_attachment_safety", "sales", safeAttachments);
    const results = run(check, goodFacts({ policies: collected([onSales]), orgUnits: failed(notDelegated("orgunits.list", "https://www.googleapis.com/auth/admin.directory.orgunit.readonly")) }));
    expect(results.find((r) => r.resource.uid === "google:policy/gmail.email_attachment_safety/orgUnits/sales")!.status).toBe("pass");
    expect(results.find((r) => r.resource.uid === "google:policy/gmail.email_attachment_safety/top-level")!.status).toBe("error");
  });

  it("reports error naming the Policy API scope, not pass, when the policies could not be listed", () => {
    const [r] = run(check, goodFacts({ policies: failed(notDelegated("policies.list", POLICIES)) }));
    expect(r!.status).toBe("error");
    expect(r!.reason!.en).toContain(POLICIES);
  });
});
