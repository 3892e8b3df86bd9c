import { GetDetectorCommand, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { GuardDutyDetector } from "./facts.ts";
import { UnreadableValue } from "./parse.ts";
import type { RegionalClients } from "./regional-clients.ts";

/** The region's GuardDuty detectors (none when GuardDuty was never turned on), with their status. */
export function getGuardDutyDetectors(caller: AwsCaller, clients: RegionalClients, region: string): Promise<Fact<GuardDutyDetector[]>> {
  const guardDuty = clients.guardDuty(region);
  return caller.fact("ListDetectors", async () => {
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await caller.call("ListDetectors", (abortSignal) => guardDuty.send(new ListDetectorsCommand({ NextToken: token }), { abortSignal }));
      ids.push(...(page.DetectorIds ?? []));
      token = page.NextToken || undefined;
    } while (token);
    return Promise.all(ids.map(async (id) => {
      const out = await caller.call("GetDetector", (abortSignal) => guardDuty.send(new GetDetectorCommand({ DetectorId: id }), { abortSignal }));
      if (!out.Status) throw new UnreadableValue(`GetDetector ${id} without a status`);
      return { id, status: out.Status };
    }));
  });
}
