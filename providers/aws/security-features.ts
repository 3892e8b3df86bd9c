import { collected, failed, type Fact } from "../fact.ts";
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
 * Macie, one call per region holding buckets: it inspects S3 alone. A scan that could not tell
 * every bucket's region fails the fact with that reason rather than judge a subset as if it
 * were everything. (IAM Access Analyzer looks at more than buckets: regional.ts reads it in
 * every region in use.)
 */
export async function collectMacie(caller: AwsCaller, clients: AwsClients, regions: Fact<string[]>): Promise<Pick<SecurityFacts, "macie">> {
  if (!regions.ok) return { macie: regions };
  const perRegion = await Promise.all(regions.value.map(async (r) => [r, await getMacieStatus(caller, clients, r)] as const));
  return { macie: collected(Object.fromEntries(perRegion)) };
}

/** The home region and every region holding a bucket; failed when a bucket's region is unknown. */
export function bucketRegions(homeRegion: string, buckets: readonly { region: Fact<string> }[]): Fact<string[]> {
  const unknown = buckets.find((b) => !b.region.ok)?.region;
  if (unknown && !unknown.ok) return failed(unknown.error);
  return collected([...new Set([homeRegion, ...buckets.flatMap((b) => (b.region.ok ? [b.region.value] : []))])]);
}
