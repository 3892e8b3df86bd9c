import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { UnreadableValue } from "./parse.ts";
import type { AlternateContact } from "./security-facts.ts";

/**
 * The account's own security contact (no AccountId: the caller's account, which also works
 * outside an organization). ResourceNotFoundException is the documented answer when none is set.
 */
export function getSecurityContact(caller: AwsCaller, clients: AwsClients, homeRegion: string): Promise<Fact<AlternateContact | null>> {
  const account = clients.client("account", AccountClient, homeRegion);
  return caller.fact("GetAlternateContact", async () => {
    const out = await caller.call("GetAlternateContact", (abortSignal) =>
      account.send(new GetAlternateContactCommand({ AlternateContactType: "SECURITY" }), { abortSignal }));
    const c = out.AlternateContact;
    if (!c?.EmailAddress) throw new UnreadableValue("GetAlternateContact returned a contact without an e-mail address");
    return { name: c.Name ?? "", title: c.Title ?? null, email: c.EmailAddress };
  }, { codes: ["ResourceNotFoundException"], value: null });
}
