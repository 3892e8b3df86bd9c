import { collected, failed, type Fact } from "../fact.ts";
import { getAnalyzers } from "./access-analyzer.ts";
import { getSecurityContact } from "./account.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { getTrails } from "./cloudtrail.ts";
import { getMacieStatus } from "./macie.ts";
import type { SecurityFacts } from "./security-facts.ts";
import { getSupportPlan } from "./support.ts";

/** The account-wide features: one CloudTrail listing (plus two calls per multi-region trail), the contact, the plan. */
export async function collectAccountSecurity(
  caller: AwsCaller, clients: AwsClients, homeRegion: string,
): Promise<Pick<SecurityFacts, "trails" | "securityContact" | "supportPlan">> {
  const [trails, securityContact, supportPlan] = await Promise.all([
    getTrails(caller, clients, homeRegion),
    getSecurityContact(caller, clients, homeRegion),
    getSupportPlan(caller, clients),
  ]);
  return { trails, securityContact, supportPlan };
}

/**
 * The regional features, one call each per region. The regions are those holding data; a
 * scan that could not tell them all fails both facts with that reason rather than judge a
 * subset as if it were everything.
 */
export async function collectRegionalSecurity(
  caller: AwsCaller, clients: AwsClients, regions: Fact<string[]>,
): Promise<Pick<SecurityFacts, "macie" | "accessAnalyzers">> {
  if (!regions.ok) return { macie: regions, accessAnalyzers: regions };
  const perRegion = await Promise.all(regions.value.map(async (r) =>
    [r, ...await Promise.all([getMacieStatus(caller, clients, r), getAnalyzers(caller, clients, r)])] as const));
  return {
    macie: collected(Object.fromEntries(perRegion.map(([r, macie]) => [r, macie]))),
    accessAnalyzers: collected(Object.fromEntries(perRegion.map(([r, , analyzers]) => [r, analyzers]))),
  };
}

/** The home region and every region holding a bucket; failed when a bucket's region is unknown. */
export function bucketRegions(homeRegion: string, buckets: readonly { region: Fact<string> }[]): Fact<string[]> {
  const unknown = buckets.find((b) => !b.region.ok)?.region;
  if (unknown && !unknown.ok) return failed(unknown.error);
  return collected([...new Set([homeRegion, ...buckets.flatMap((b) => (b.region.ok ? [b.region.value] : []))])]);
}
