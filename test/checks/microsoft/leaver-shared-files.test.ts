import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check, { personalPath } from "../../../checks/microsoft/leaver-shared-files.ts";
import type { SharedFile } from "../../../providers/microsoft/facts.ts";
import { anyoneAllowed, collected, denied, failed, goodFacts, link, microsoftContext, sharedFile, TANAKA, user } from "./fixture.ts";

const YAMADA = user("yamada", { enabled: false });
const NAKAMURA = user("nakamura", { enabled: false });
const inOneDrive = (upn: string, name: string, links: Parameters<typeof sharedFile>[1]): SharedFile =>
  ({ ...sharedFile(name, links), webUrl: `https://acme-my.sharepoint.com${personalPath(upn)}/Documents/${name}` });
const users = collected([TANAKA, YAMADA, NAKAMURA]);

describe("microsoft.files.leaver_shared_files", () => {
  it("fails a disabled account whose OneDrive shares a file with anyone, and passes one whose OneDrive does not", () => {
    const files = [
      inOneDrive(YAMADA.userPrincipalName, "prices.xlsx", [link()]),
      inOneDrive(NAKAMURA.userPrincipalName, "team.docx", [link({ scope: "organization" })]),
      inOneDrive(TANAKA.userPrincipalName, "quote.xlsx", [link()]),
    ];
    const results = runCheck(check, goodFacts({ users, ...anyoneAllowed(files) }), microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["yamada@acme.onmicrosoft.com", "fail"], ["nakamura@acme.onmicrosoft.com", "pass"]]);
    expect(results[0]!.message!.en).toBe("Disabled yamada (yamada@acme.onmicrosoft.com) still shares 1 file(s) in OneDrive with anyone (prices.xlsx).");
  });

  it("counts a file in a leaver's OneDrive by its path, whatever the URL's case or escapes, and not one in a OneDrive whose name only starts the same", () => {
    const files = [
      { ...sharedFile("Plan.docx", [link()]), webUrl: `https://acme-my.sharepoint.com/personal/YAMADA_acme_onmicrosoft_com/Documents/Plan%20A.docx` },
      { ...sharedFile("other.docx", [link()]), webUrl: `https://acme-my.sharepoint.com${personalPath(NAKAMURA.userPrincipalName)}x/Documents/other.docx` },
      { ...sharedFile("site.docx", [link()]), webUrl: "https://acme.sharepoint.com/sites/sales/Shared%20Documents/site.docx" },
    ];
    const results = runCheck(check, goodFacts({ users, ...anyoneAllowed(files) }), microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["yamada@acme.onmicrosoft.com", "fail"], ["nakamura@acme.onmicrosoft.com", "pass"]]);
    expect(results[0]!.evidence).toEqual({ oneDrive: "/personal/yamada_acme_onmicrosoft_com", filesSharedWithAnyone: ["Plan.docx"] });
  });

  it("passes every leaver where the tenant turns Anyone links off, without the crawl", () => {
    const results = runCheck(check, goodFacts({ users }), microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["pass", "pass"]);
  });

  it("reports error, not pass, for a leaver whose OneDrive could not be read or whose file's links were denied", () => {
    const error = denied("DriveDelta", "Sites.Read.All");
    const unreadable = [{ key: "sites/x/drive", location: "yamada", webUrl: `https://acme-my.sharepoint.com${personalPath(YAMADA.userPrincipalName)}`, error }];
    const files = [inOneDrive(NAKAMURA.userPrincipalName, "team.docx", denied("ListItemPermissions", "Sites.Read.All"))];
    const results = runCheck(check, goodFacts({ users, ...anyoneAllowed(files, unreadable) }), microsoftContext());
    expect(results.map((r) => r.status)).toEqual(["error", "error"]);
    expect(results[0]!.reason!.en).toContain("Sites.Read.All");
  });

  it("reports error naming the permission when the crawl itself failed, and when the users were denied", () => {
    const crawlFailed = runCheck(check, goodFacts({ users, ...anyoneAllowed([]), sharedFiles: failed(denied("ListSites", "Sites.Read.All")) }), microsoftContext());
    expect(crawlFailed.map((r) => r.status)).toEqual(["error", "error"]);
    const r = runCheck(check, goodFacts({ users: failed(denied("ListUsers", "User.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("User.Read.All");
  });
});
