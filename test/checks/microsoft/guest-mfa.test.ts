import { describe, expect, it } from "vitest";
import { runCheck } from "../../../checks/framework.ts";
import check from "../../../checks/microsoft/guest-mfa.ts";
import { collected, denied, failed, goodFacts, microsoftContext, TANAKA, user } from "./fixture.ts";

const KIMURA = user("kimura", { guest: true, userPrincipalName: "kimura_partner.example.jp#EXT#@acme.onmicrosoft.com", displayName: "Kimura" });
const STUDIO = user("studio", { guest: true, userPrincipalName: "studio_design.example.com#EXT#@acme.onmicrosoft.com", displayName: "Studio" });

describe("microsoft.entra.guest_mfa", () => {
  it("judges guests apart from members: passes the guest with MFA, fails the one without, under their own address", () => {
    const facts = goodFacts({
      users: collected([TANAKA, KIMURA, STUDIO]),
      mfa: collected({ source: "userRegistrationDetails", byUser: {
        [KIMURA.id]: collected({ registered: true, methods: ["microsoftAuthenticatorPush"] }),
        [STUDIO.id]: collected({ registered: false, methods: [] }),
      } }),
    });
    const results = runCheck(check, facts, microsoftContext());
    expect(results.map((r) => [r.resource.name, r.status])).toEqual([["kimura@partner.example.jp", "pass"], ["studio@design.example.com", "fail"]]);
    expect(results[1]!.message!.en).toBe("Guest Studio (studio@design.example.com) has no MFA registered.");
    expect(results[1]!.resource.type).toBe("Microsoft.Entra/GuestUser");
  });

  it("reports error naming User.Read.All when the users could not be listed", () => {
    const r = runCheck(check, goodFacts({ users: failed(denied("ListUsers", "User.Read.All")) }), microsoftContext())[0]!;
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("User.Read.All");
  });
});
