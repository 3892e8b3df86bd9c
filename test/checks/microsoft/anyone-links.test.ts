import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/anyone-links.ts";
import { anyoneAllowed, collected, daysAgo, denied, failed, goodFacts, GOOD_SHAREPOINT, link, microsoftContext, sharedFile } from "./fixture.ts";

const IN_A_WEEK = daysAgo(-7);

describe("microsoft.files.anyone_link", () => {
  it("passes the whole tenant once, without crawling, when the tenant allows no Anyone links", () => {
    const results = runCheck(check, goodFacts(), microsoftContext());
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe("pass");
    expect(results[0]!.message!.en).toBe("\"Anyone\" links are off for the whole tenant, so no such link works.");
  });

  it("fails a file with an Anyone link, with its role and expiry, and passes one shared within the organisation", () => {
    const facts = goodFacts(anyoneAllowed([
      sharedFile("quote.xlsx", [link({ type: "view", expirationDateTime: IN_A_WEEK })]),
      sharedFile("proposal.pptx", [link({ scope: "organization" })]),
    ]));
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["Sales / Documents / quote.xlsx", "fail"], ["Sales / Documents / proposal.pptx", "pass"]]);
    expect(results[0]!.message!.en).toBe(`Shared with an "Anyone" link (view, until ${IN_A_WEEK.slice(0, 10)}).`);
    expect(results[0]!.resource).toMatchObject({ uid: "drives/b!drive/items/item-quote.xlsx", consoleUrl: "https://acme.sharepoint.com/quote.xlsx" });
  });

  it("where the company allows Anyone links, fails only those that never expire", () => {
    const facts = goodFacts({
      ...anyoneAllowed([sharedFile("a", [link({ expirationDateTime: IN_A_WEEK })]), sharedFile("b", [link()])]),
      ownerPolicy: collected({ anyoneLinks: "allowed" }),
    });
    expect(runCheck(check, facts, microsoftContext()).map((r) => r.status)).toEqual(["pass", "fail"]);
  });

  it("is error for the file whose permissions were denied and for the drive that could not be read, and judges the rest", () => {
    const facts = goodFacts(anyoneAllowed(
      [sharedFile("a", [link()]), sharedFile("b", denied("ListItemPermissions", "Sites.Read.All"))],
      [{ key: "drives/b!x", location: "HR / Documents", webUrl: "https://acme.sharepoint.com/sites/hr", error: { operation: "DriveDelta", code: "Throttled", message: "resumes next scan" } }],
    ));
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([
      ["Sales / Documents / a", "fail"], ["Sales / Documents / b", "error"], ["HR / Documents", "error"],
    ]);
    expect(results[1]!.reason!.en).toContain("Sites.Read.All");
  });

  it("passes on the crawl's own evidence, not on an empty list, when every drive was read and no Anyone link found", () => {
    const results = runCheck(check, goodFacts(anyoneAllowed([])), microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["pass"]);
    expect(results[0]!.evidence).toMatchObject({ drives: 1, sharedFiles: 0 });
    expect(results[0]!.message!.en).toBe("Every drive (1) was read; no \"Anyone\" link was found.");
  });

  it("judges the files, not the settings, when the sharing settings were denied or their level is unknown", () => {
    const files = anyoneAllowed([sharedFile("a", [link()])]).sharedFiles;
    for (const sharePoint of [
      failed(denied("GetSharePointSettings", "SharePointTenantSettings.Read.All")),
      collected({ ...GOOD_SHAREPOINT, sharingCapability: "unknown" as const, isResharingByExternalUsersEnabled: null, isRequireAcceptingUserToMatchInvitedUserEnabled: null }),
    ]) {
      expect(runCheck(check, goodFacts({ sharePoint, sharedFiles: files }), microsoftContext()).map((r) => r.status)).toEqual(["fail"]);
    }
  });

  it("reports error, not pass, when the sharing level is unknown and the files were not crawled", () => {
    const sharePoint = collected({ ...GOOD_SHAREPOINT, sharingCapability: "unknown" as const });
    expect(runCheck(check, goodFacts({ sharePoint }), microsoftContext()).map((r) => r.status)).toEqual(["error"]);
  });

  it("reports error, not pass, when the tenant allows Anyone links but the crawl failed", () => {
    const facts = goodFacts({ ...anyoneAllowed([]), sharedFiles: failed(denied("ListSites", "Sites.Read.All")) });
    const r = runCheck(check, facts, microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("Sites.Read.All");
  });
});
