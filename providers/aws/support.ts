import { DescribeSeverityLevelsCommand, SupportClient } from "@aws-sdk/client-support";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import type { SupportPlan } from "./security-facts.ts";

/** The AWS Support API has one endpoint, in us-east-1, whatever the account's home region. */
const SUPPORT_REGION = "us-east-1";

/**
 * The support plan, from the one call that needs no case: the Support API answers only Business,
 * Enterprise On-Ramp and Enterprise plans, and SubscriptionRequiredException to the others.
 */
export function getSupportPlan(caller: AwsCaller, clients: AwsClients): Promise<Fact<SupportPlan>> {
  const support = clients.client("support", SupportClient, SUPPORT_REGION);
  return caller.fact<SupportPlan>("DescribeSeverityLevels", async () => {
    const out = await caller.call("DescribeSeverityLevels", (abortSignal) =>
      support.send(new DescribeSeverityLevelsCommand({}), { abortSignal }));
    return { businessOrHigher: true, severityLevels: (out.severityLevels ?? []).flatMap((l) => (l.code ? [l.code] : [])) };
  }, { codes: ["SubscriptionRequiredException"], value: { businessOrHigher: false } });
}
