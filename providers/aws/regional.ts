import type { AwsTenantConfig } from "../../config/schema.ts";
import { collected, type Fact } from "../fact.ts";
import { getAnalyzers } from "./access-analyzer.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { getEbsEncryptionByDefault, getImageBlockPublicAccess, getPublicImages, getPublicSnapshots, getSnapshotBlockPublicAccess } from "./ec2.ts";
import type { AwsAccount, AwsFacts, DataStore, RegionsInUse } from "./facts.ts";
import { getGuardDutyDetectors } from "./guardduty.ts";
import { getPublicDbSnapshots } from "./rds.ts";
import { perRegionInUse } from "./region-use.ts";
import { RegionalClients } from "./regional-clients.ts";
import { getEnabledRegions, probeRegion } from "./regions.ts";

export type RegionalFacts = Pick<AwsFacts,
  "regionsInUse" | "publicSnapshots" | "publicImages" | "publicDbSnapshots" |
  "snapshotBlockPublicAccess" | "imageBlockPublicAccess" | "ebsEncryptionByDefault" | "guardDuty" | "accessAnalyzers">;

/**
 * The facts read region by region beyond S3 and Backup: which regions hold data, what is
 * shared with everyone there, and the regional security settings of the regions in use.
 * Calls per enabled region: 4 listings to tell use, 4 to find public sharing (plus one per
 * manual RDS snapshot and one per snapshot found public); per region in use, 4 settings,
 * GuardDuty's detectors and IAM Access Analyzer's analyzers.
 * `bucketStores`: the buckets by region, settled once S3 has told where each one is.
 */
export async function collectRegional(
  caller: AwsCaller, awsClients: AwsClients, aws: Pick<AwsTenantConfig, "region" | "regions">,
  { accountId, partition }: Pick<AwsAccount, "accountId" | "partition">, bucketStores: Promise<Fact<Record<string, DataStore[]>>>,
): Promise<RegionalFacts> {
  const clients = new RegionalClients(awsClients);
  const enabled = await getEnabledRegions(caller, clients, aws.region, partition, aws.regions);
  const everyRegion = <T>(read: (region: string) => Promise<Fact<T>>): Promise<Fact<Record<string, Fact<T>>>> =>
    enabled.ok
      ? Promise.all(enabled.value.map(async (r) => [r, await read(r)] as const)).then((e) => collected(Object.fromEntries(e)))
      : Promise.resolve(enabled);

  const sharing = Promise.all([
    everyRegion((r) => getPublicSnapshots(caller, clients, r, accountId)),
    everyRegion((r) => getPublicImages(caller, clients, r)),
    everyRegion((r) => getPublicDbSnapshots(caller, clients, r)),
  ]);
  const regionsInUse: Fact<RegionsInUse> = await everyRegion((r) =>
    probeRegion(caller, clients, r, bucketStores.then((b) => (b.ok ? collected(b.value[r] ?? []) : b)))).then((regions) => (regions.ok && enabled.ok ? collected({ enabled: enabled.value, regions: regions.value }) : regions as Fact<never>));

  const [snapshotBlockPublicAccess, imageBlockPublicAccess, ebsEncryptionByDefault, guardDuty, accessAnalyzers] = await Promise.all([
    perRegionInUse(regionsInUse, (r) => getSnapshotBlockPublicAccess(caller, clients, r)),
    perRegionInUse(regionsInUse, (r) => getImageBlockPublicAccess(caller, clients, r)),
    perRegionInUse(regionsInUse, (r) => getEbsEncryptionByDefault(caller, clients, r)),
    perRegionInUse(regionsInUse, (r) => getGuardDutyDetectors(caller, clients, r)),
    // An analyzer sees only its own region's resource policies (roles, keys, queues, functions
    // as well as data); the home region is where the company works, so it is judged even
    // when it holds no stored data.
    perRegionInUse(regionsInUse, (r) => getAnalyzers(caller, awsClients, r), [aws.region]),
  ]);
  const [publicSnapshots, publicImages, publicDbSnapshots] = await sharing;
  return {
    regionsInUse, publicSnapshots, publicImages, publicDbSnapshots,
    snapshotBlockPublicAccess, imageBlockPublicAccess, ebsEncryptionByDefault, guardDuty, accessAnalyzers,
  };
}
