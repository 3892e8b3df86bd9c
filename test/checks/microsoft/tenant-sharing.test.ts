import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/tenant-sharing.ts";
import type { SharingCapability } from "../../../providers/microsoft/facts.ts";
import { collected, denied, failed, goodFacts, GOOD_SHAREPOINT, microsoftContext } from "./fixture.ts";

const sharing = (sharingCapability: SharingCapability | "unknown", resharing: boolean | null = false, matchInvited: boolean | null = true) =>
  collected({ ...GOOD_SHAREPOINT, sharingCapability, isResharingByExternalUsersEnabled: resharing, isRequireAcceptingUserToMatchInvitedUserEnabled: matchInvited });
const statuses = (facts: ReturnType<typeof goodFacts>) => runCheck(check, facts, microsoftContext()).map((r) => [r.resource.uid, r.status]);

describe("microsoft.sharepoint.tenant_sharing", () => {
  it("passes every setting of a tenant without Anyone links, guests who cannot reshare, invitations bound to the invitee", () => {
    expect(statuses(goodFacts())).toEqual([
      ["sharepoint:settings/anyone-links", "pass"], ["sharepoint:settings/guest-resharing", "pass"], ["sharepoint:settings/invitation-account", "pass"],
    ]);
  });

  it("fails Anyone links the company's policy does not allow, and passes them where it does", () => {
    const r = runCheck(check, goodFacts({ sharePoint: sharing("externalUserAndGuestSharing") }), microsoftContext())[0]!;
    expect(r.status).toBe("fail");
    expect(r.message!.en).toBe("The tenant allows \"Anyone\" links; the company's policy does not.");
    const allowed = goodFacts({ sharePoint: sharing("externalUserAndGuestSharing"), ownerPolicy: collected({ anyoneLinks: "allowed" }) });
    expect(runCheck(check, allowed, microsoftContext())[0]!.status).toBe("pass");
  });

  it("fails guest resharing and invitations that any account may accept", () => {
    expect(statuses(goodFacts({ sharePoint: sharing("externalUserSharingOnly", true, false) }))).toEqual([
      ["sharepoint:settings/anyone-links", "pass"], ["sharepoint:settings/guest-resharing", "fail"], ["sharepoint:settings/invitation-account", "fail"],
    ]);
  });

  it("passes the guest settings when external sharing is off altogether", () => {
    expect(statuses(goodFacts({ sharePoint: sharing("disabled", true, false) })).every(([, s]) => s === "pass")).toBe(true);
  });

  it("reports error, not pass, for an absent or unknown sharing level and absent guest settings", () => {
    expect(statuses(goodFacts({ sharePoint: sharing("unknown", null, null) }))).toEqual([
      ["sharepoint:settings/anyone-links", "error"], ["sharepoint:settings/guest-resharing", "error"], ["sharepoint:settings/invitation-account", "error"],
    ]);
  });

  it("reports error naming SharePointTenantSettings.Read.All when the settings are denied", () => {
    const r = runCheck(check, goodFacts({ sharePoint: failed(denied("GetSharePointSettings", "SharePointTenantSettings.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("SharePointTenantSettings.Read.All");
  });
});
