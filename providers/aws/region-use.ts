import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import type { RegionsInUse } from "./facts.ts";

/**
 * The regions known to hold data, and those where it could not be told (with why). The one
 * way to read `regionsInUse`: a region of unknown use is an error for a regional check, never
 * skipped as "not in use".
 */
export function regionsInUseOf(facts: RegionsInUse): { inUse: string[]; unknown: Record<string, CollectionError> } {
  const inUse: string[] = [];
  const unknown: Record<string, CollectionError> = {};
  for (const [region, f] of Object.entries(facts.regions)) {
    if (!f.ok) unknown[region] = f.error;
    else if (f.value.inUse) inUse.push(region);
  }
  return { inUse, unknown };
}

/**
 * Reads one regional fact in every region in use, at once. A region of unknown use gets its
 * failure instead, so a check over the result reports `error` there; regions not in use are
 * left out. Failed as a whole when the regions could not be listed.
 * `always`: regions read whatever their use, for settings that matter without data there.
 */
export async function perRegionInUse<T>(
  regions: Fact<RegionsInUse>,
  read: (region: string) => Promise<Fact<T>>,
  always: string[] = [],
): Promise<Fact<Record<string, Fact<T>>>> {
  if (!regions.ok) return regions;
  const { inUse, unknown } = regionsInUseOf(regions.value);
  for (const r of always) delete unknown[r];
  const toRead = [...new Set([...inUse, ...always])];
  const entries = await Promise.all(toRead.map(async (r) => [r, await read(r)] as const));
  return collected(Object.fromEntries([...entries, ...Object.entries(unknown).map(([r, e]) => [r, failed(e)] as const)]));
}
