import type { Fact } from "../../providers/fact.ts";
import { errorResult, type CheckContext, type CheckResult, type Judgement, type ResourceRef } from "../framework.ts";

/** A region's setting, as a finding's resource: the account's, in that region. */
export function regionResource(ctx: CheckContext, region: string, consoleUrl: string): ResourceRef {
  return { uid: `${ctx.tenantResource.uid}/region/${region}`, name: region, type: "AWS::Region", region, consoleUrl };
}

/**
 * One result per region of a per-region fact: `error` (with the region named) where it could
 * not be read, the judgement elsewhere. Regions in sorted order, so results are stable.
 */
export function eachRegion<T>(
  perRegion: Record<string, Fact<T>>,
  resourceOf: (region: string) => ResourceRef,
  judge: (value: T, region: string) => Judgement | undefined,
): CheckResult[] {
  return Object.keys(perRegion).sort().flatMap((region) => {
    const fact = perRegion[region]!;
    if (!fact.ok) return [errorResult(resourceOf(region), fact.error)];
    const judged = judge(fact.value, region);
    return judged ? [{ resource: resourceOf(region), ...judged }] : [];
  });
}

/**
 * Resources found in each region (public snapshots, images): one result per resource, and an
 * `error` for each region whose listing failed.
 */
export function eachRegionalResource<T>(
  perRegion: Record<string, Fact<T[]>>,
  regionFailed: (region: string) => ResourceRef,
  resourceOf: (item: T) => ResourceRef,
  judge: (item: T, region: string) => Judgement,
): CheckResult[] {
  return Object.keys(perRegion).sort().flatMap((region) => {
    const fact = perRegion[region]!;
    if (!fact.ok) return [errorResult(regionFailed(region), fact.error)];
    return fact.value.map((item) => ({ resource: resourceOf(item), ...judge(item, region) }));
  });
}
