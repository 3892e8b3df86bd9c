import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeRegionsCommand, DescribeVolumesCommand } from "@aws-sdk/client-ec2";
import { DescribeFileSystemsCommand } from "@aws-sdk/client-efs";
import { DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { DataStore, RegionDataStores } from "./facts.ts";
import type { RegionalClients } from "./regional-clients.ts";

/**
 * Regions enabled for the account. Without `AllRegions`, DescribeRegions lists exactly those:
 * the regions that need no opt-in and those the account opted in to. `only`: the tenant's
 * config names the regions the account can use at all (the others denied, e.g. by an SCP,
 * where every call would fail); then those of them that are enabled. `partition`: the
 * account's (from its ARN); see `usableRegions` for what an endpoint may list beyond these.
 */
export function getEnabledRegions(
  caller: AwsCaller, clients: RegionalClients, homeRegion: string, partition: string, only?: string[],
): Promise<Fact<string[]>> {
  return caller.fact("DescribeRegions", async () => {
    const out = await caller.call("DescribeRegions", (abortSignal) => clients.ec2(homeRegion).send(new DescribeRegionsCommand({}), { abortSignal }));
    return usableRegions(out.Regions ?? [], partition).filter((r) => only === undefined || only.includes(r)).sort();
  });
}

/**
 * The listed regions the account can read. An endpoint may list more than AWS does (moto lists
 * every region it knows, 38): a region whose OptInStatus is `not-opted-in` is disabled for the
 * account, and disabling a region "removes all IAM access to any resources that reside in" it
 * (Account Management API, DisableRegion), so nothing there can be read, nor reached by anyone
 * through this account; and "you cannot use IAM credentials from one partition to interact with
 * resources in a different partition" (AWS Fault Isolation Boundaries, Partitions). AWS itself
 * lists neither. Any other status, absent or added later, keeps the region: it is scanned, and
 * fails as an error if it cannot be read.
 */
export function usableRegions(listed: readonly { RegionName?: string; OptInStatus?: string }[], partition: string): string[] {
  return listed.flatMap((r) => (r.RegionName && r.OptInStatus !== "not-opted-in" && partitionOf(r.RegionName) === partition ? [r.RegionName] : []));
}

/**
 * The partition a region code belongs to, by the prefixes of the partitions other than `aws`
 * (the SDK's partitions table); any other code is taken as `aws`, so a region added there later
 * is scanned rather than dropped.
 */
function partitionOf(region: string): string {
  for (const [prefix, partition] of OTHER_PARTITIONS) if (region.startsWith(prefix)) return partition;
  return "aws";
}

const OTHER_PARTITIONS: readonly (readonly [string, string])[] = [
  ["cn-", "aws-cn"], ["us-gov-", "aws-us-gov"], ["us-iso-", "aws-iso"], ["us-isob-", "aws-iso-b"],
  ["eu-isoe-", "aws-iso-e"], ["us-isof-", "aws-iso-f"], ["eusc-", "aws-eusc"],
];

/** One listing's first page: what it showed, and whether there was more. */
interface Probe {
  stores: DataStore[];
  more: boolean;
}

/**
 * Whether a region holds data, from one cheap listing per service (the smallest page each API
 * allows). A region is in use when any listing shows a store or a bucket is there; when none
 * shows one and a listing failed, whether it is in use is unknown, and the region's fact fails.
 */
export async function probeRegion(
  caller: AwsCaller, clients: RegionalClients, region: string, bucketsHere: Promise<Fact<DataStore[]>>,
): Promise<Fact<RegionDataStores>> {
  const probes = Promise.all([
    probe(caller, "DescribeVolumes", async (abortSignal) => {
      // MaxResults: 5 is the least EC2 accepts.
      const out = await clients.ec2(region).send(new DescribeVolumesCommand({ MaxResults: 5 }), { abortSignal });
      return { stores: (out.Volumes ?? []).flatMap((v) => (v.VolumeId ? [{ kind: "ebs-volume" as const, id: v.VolumeId }] : [])), more: Boolean(out.NextToken) };
    }),
    probe(caller, "DescribeDBInstances", async (abortSignal) => {
      // MaxRecords: 20 is the least RDS accepts. It lists the instances of Aurora and Multi-AZ
      // DB clusters too: every cluster but Aurora Serverless v1 (ended 2025-03-31) has one, so
      // DescribeDBClusters would add a call per region and no region.
      const out = await clients.rds(region).send(new DescribeDBInstancesCommand({ MaxRecords: 20 }), { abortSignal });
      return {
        stores: (out.DBInstances ?? []).flatMap((d) => (d.DBInstanceIdentifier
          ? [{ kind: d.DBClusterIdentifier ? "rds-cluster" as const : "rds-instance" as const, id: d.DBClusterIdentifier ?? d.DBInstanceIdentifier }]
          : [])),
        more: Boolean(out.Marker),
      };
    }),
    probe(caller, "ListTables", async (abortSignal) => {
      const out = await clients.dynamodb(region).send(new ListTablesCommand({ Limit: 1 }), { abortSignal });
      return { stores: (out.TableNames ?? []).map((id) => ({ kind: "dynamodb-table" as const, id })), more: Boolean(out.LastEvaluatedTableName) };
    }),
    probe(caller, "DescribeFileSystems", async (abortSignal) => {
      const out = await clients.efs(region).send(new DescribeFileSystemsCommand({ MaxItems: 1 }), { abortSignal });
      return { stores: (out.FileSystems ?? []).flatMap((f) => (f.FileSystemId ? [{ kind: "efs-file-system" as const, id: f.FileSystemId }] : [])), more: Boolean(out.NextMarker) };
    }),
  ]);
  const buckets = await bucketsHere;
  const all: Fact<Probe>[] = [...await probes, buckets.ok ? collected({ stores: buckets.value, more: false }) : buckets];
  const seen = all.flatMap((p) => (p.ok ? [p.value] : []));
  const stores = seen.flatMap((p) => p.stores);
  const firstFailure = all.find((p): p is { ok: false; error: CollectionError } => !p.ok);
  if (stores.length === 0 && firstFailure) return failed(firstFailure.error);
  return collected({
    inUse: stores.length > 0, stores, more: seen.some((p) => p.more),
    ...(firstFailure ? { incomplete: firstFailure.error } : {}),
  });
}

function probe(caller: AwsCaller, operation: Parameters<AwsCaller["call"]>[0], list: (abortSignal: AbortSignal) => Promise<Probe>): Promise<Fact<Probe>> {
  return caller.fact(operation, () => caller.call(operation, list));
}
