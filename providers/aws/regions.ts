import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeRegionsCommand, DescribeVolumesCommand } from "@aws-sdk/client-ec2";
import { DescribeFileSystemsCommand } from "@aws-sdk/client-efs";
import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from "@aws-sdk/client-rds";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { DataStore, RegionDataStores } from "./facts.ts";
import type { RegionalClients } from "./regional-clients.ts";

/**
 * Regions enabled for the account. Without `AllRegions`, DescribeRegions lists exactly those:
 * the regions that need no opt-in and those the account opted in to.
 */
export function getEnabledRegions(caller: AwsCaller, clients: RegionalClients, homeRegion: string): Promise<Fact<string[]>> {
  return caller.fact("DescribeRegions", async () => {
    const out = await caller.call("DescribeRegions", (abortSignal) => clients.ec2(homeRegion).send(new DescribeRegionsCommand({}), { abortSignal }));
    return (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
  });
}

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
      // MaxRecords: 20 is the least RDS accepts. Aurora instances are listed here too.
      const out = await clients.rds(region).send(new DescribeDBInstancesCommand({ MaxRecords: 20 }), { abortSignal });
      return { stores: (out.DBInstances ?? []).flatMap((d) => (d.DBInstanceIdentifier ? [{ kind: "rds-instance" as const, id: d.DBInstanceIdentifier }] : [])), more: Boolean(out.Marker) };
    }),
    probe(caller, "DescribeDBClusters", async (abortSignal) => {
      const out = await clients.rds(region).send(new DescribeDBClustersCommand({ MaxRecords: 20 }), { abortSignal });
      return { stores: (out.DBClusters ?? []).flatMap((d) => (d.DBClusterIdentifier ? [{ kind: "rds-cluster" as const, id: d.DBClusterIdentifier }] : [])), more: Boolean(out.Marker) };
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
