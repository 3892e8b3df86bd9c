import {
  CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand,
  type AdvancedEventSelector, type EventSelector,
} from "@aws-sdk/client-cloudtrail";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { UnreadableValue } from "./parse.ts";
import type { ManagementEvents, Trail } from "./security-facts.ts";

/**
 * The trails that log this account, from the home region alone: DescribeTrails there lists
 * every multi-region trail (wherever it was created) and the organization's trail as shadow
 * trails. Status and selectors are read only for multi-region trails, by ARN as a shadow trail
 * requires: one listing plus two calls per multi-region trail.
 */
export function getTrails(caller: AwsCaller, clients: AwsClients, homeRegion: string): Promise<Fact<Trail[]>> {
  const cloudtrail = clients.client("cloudtrail", CloudTrailClient, homeRegion);
  return caller.fact("DescribeTrails", async () => {
    const out = await caller.call("DescribeTrails", (abortSignal) =>
      cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: true }), { abortSignal }));
    const listed = (out.trailList ?? []).map((t): Trail => {
      if (!t.TrailARN || !t.Name) throw new UnreadableValue("DescribeTrails returned a trail without its name or ARN");
      return {
        name: t.Name,
        arn: t.TrailARN,
        homeRegion: t.HomeRegion ?? homeRegion,
        multiRegion: t.IsMultiRegionTrail === true,
        organization: t.IsOrganizationTrail === true,
      };
    });
    return Promise.all(listed.map(async (trail) => (trail.multiRegion ? { ...trail, ...await trailState(caller, cloudtrail, trail.arn) } : trail)));
  });
}

async function trailState(caller: AwsCaller, cloudtrail: CloudTrailClient, arn: string): Promise<Pick<Trail, "logging" | "managementEvents">> {
  const [logging, managementEvents] = await Promise.all([
    caller.fact("GetTrailStatus", async () => {
      const out = await caller.call("GetTrailStatus", (abortSignal) => cloudtrail.send(new GetTrailStatusCommand({ Name: arn }), { abortSignal }));
      if (typeof out.IsLogging !== "boolean") throw new UnreadableValue(`GetTrailStatus for ${arn} returned no IsLogging`);
      return out.IsLogging;
    }),
    caller.fact("GetEventSelectors", async () => {
      const out = await caller.call("GetEventSelectors", (abortSignal) =>
        cloudtrail.send(new GetEventSelectorsCommand({ TrailName: arn }), { abortSignal }));
      return managementEventsOf(out.EventSelectors, out.AdvancedEventSelectors);
    }),
  ]);
  return { logging, managementEvents };
}

/**
 * What a trail's selectors record of management events. A trail has either basic or advanced
 * selectors, never both (docs: PutEventSelectors).
 * - Basic: IncludeManagementEvents defaults to true and ReadWriteType to All.
 * - Advanced: a selector whose `eventCategory` Equals Management; `readOnly` Equals "true" or
 *   "false" narrows it to reads or writes (Equals is the only operator these two fields take);
 *   `eventSource` NotEquals leaves sources out (kms, rdsdata). Any other `eventSource` operator
 *   keeps only some services, which is not "management events recorded".
 */
export function managementEventsOf(basic: EventSelector[] | undefined, advanced: AdvancedEventSelector[] | undefined): ManagementEvents {
  const recorded: ManagementEvents = { read: false, write: false, excludedSources: [] };
  for (const s of basic ?? []) {
    if (s.IncludeManagementEvents === false) continue;
    const type = s.ReadWriteType ?? "All";
    if (type !== "All" && type !== "ReadOnly" && type !== "WriteOnly") throw new UnreadableValue(`ReadWriteType ${JSON.stringify(type)}`);
    recorded.read ||= type !== "WriteOnly";
    recorded.write ||= type !== "ReadOnly";
    recorded.excludedSources.push(...(s.ExcludeManagementEventSources ?? []));
  }
  for (const s of advanced ?? []) {
    const field = (name: string) => s.FieldSelectors?.find((f) => f.Field === name);
    if (!field("eventCategory")?.Equals?.includes("Management")) continue;
    const source = field("eventSource");
    if (source && (source.Equals ?? source.StartsWith ?? source.EndsWith ?? source.NotStartsWith ?? source.NotEndsWith)) continue;
    const readOnly = field("readOnly")?.Equals;
    recorded.read ||= readOnly === undefined || readOnly.includes("true");
    recorded.write ||= readOnly === undefined || readOnly.includes("false");
    recorded.excludedSources.push(...(source?.NotEquals ?? []));
  }
  recorded.excludedSources = [...new Set(recorded.excludedSources)].sort();
  return recorded;
}
