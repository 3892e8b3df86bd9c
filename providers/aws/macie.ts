import { GetMacieSessionCommand, Macie2Client } from "@aws-sdk/client-macie2";
import type { Fact } from "../fact.ts";
import { AwsCallError, type AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { UnreadableValue } from "./parse.ts";
import type { MacieStatus } from "./security-facts.ts";

/**
 * Macie is regional: one GetMacieSession per region. Where Macie was never enabled the service
 * answers AccessDeniedException "Macie is not enabled." — the same code as a real IAM denial
 * ("User: … is not authorized to perform: macie2:GetMacieSession …"), so the message decides.
 * ResourceNotFoundException (no session resource) means the same as "not enabled".
 */
export function getMacieStatus(caller: AwsCaller, clients: AwsClients, region: string): Promise<Fact<MacieStatus>> {
  const macie = clients.client("macie2", Macie2Client, region);
  return caller.fact("GetMacieSession", async () => {
    try {
      const out = await caller.call("GetMacieSession", (abortSignal) => macie.send(new GetMacieSessionCommand({}), { abortSignal }));
      if (out.status !== "ENABLED" && out.status !== "PAUSED") throw new UnreadableValue(`GetMacieSession status ${JSON.stringify(out.status)}`);
      return out.status;
    } catch (err) {
      if (err instanceof AwsCallError && macieNotEnabled(err.cause)) return "NOT_ENABLED";
      throw err;
    }
  });
}

export function macieNotEnabled(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  if (e?.name === "ResourceNotFoundException") return true;
  return e?.name === "AccessDeniedException" && /\bMacie is not enabled\b/i.test(e.message ?? "");
}
