import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/anyone-edit-links.ts";
import { anyoneAllowed, daysAgo, denied, failed, goodFacts, link, microsoftContext, sharedFile } from "./fixture.ts";

describe("microsoft.files.anyone_edit_link", () => {
  it("fails an Anyone edit link that never expires; passes view-only and expiring edit links; ignores files with no Anyone link", () => {
    const facts = goodFacts(anyoneAllowed([
      sharedFile("customers.xlsx", [link({ type: "edit", roles: ["write"] })]),
      sharedFile("catalogue.pdf", [link({ type: "view" })]),
      sharedFile("price-list.xlsx", [link({ type: "edit", roles: ["write"], expirationDateTime: daysAgo(-30) })]),
      sharedFile("minutes.docx", [link({ scope: "organization", type: "edit", roles: ["write"] })]),
    ]));
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name.split(" / ").pop(), r.status])).toEqual([
      ["customers.xlsx", "fail"], ["catalogue.pdf", "pass"], ["price-list.xlsx", "pass"],
    ]);
    expect(results[0]!.message!.en).toBe("Anyone with the link can edit it, and the link never expires (edit, never expires).");
  });

  it("reports error naming Sites.Read.All when the sites could not be listed", () => {
    const r = runCheck(check, goodFacts({ ...anyoneAllowed([]), sharedFiles: failed(denied("ListSites", "Sites.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("Sites.Read.All");
  });
});
