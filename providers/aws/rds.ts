import {
  DescribeDBClusterSnapshotAttributesCommand, DescribeDBClusterSnapshotsCommand, DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand, type DBClusterSnapshotAttribute, type DBSnapshotAttribute,
} from "@aws-sdk/client-rds";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { PublicDbSnapshot } from "./facts.ts";
import type { RegionalClients } from "./regional-clients.ts";

/**
 * Manual RDS and Aurora snapshots shared with everyone. Only manual snapshots can be shared;
 * RDS lists them in one call per page, but says who may restore one only per snapshot
 * (Describe…SnapshotAttributes, `restore`): no API answers that for many at once.
 */
export function getPublicDbSnapshots(caller: AwsCaller, clients: RegionalClients, region: string): Promise<Fact<PublicDbSnapshot[]>> {
  const rds = clients.rds(region);
  const instance = () => publicOf({
    list: async (marker) => {
      const page = await caller.call("DescribeDBSnapshots", (abortSignal) =>
        rds.send(new DescribeDBSnapshotsCommand({ SnapshotType: "manual", MaxRecords: 100, Marker: marker }), { abortSignal }));
      const snapshots = (page.DBSnapshots ?? []).flatMap((s) => (s.DBSnapshotIdentifier && s.DBSnapshotArn
        ? [{ id: s.DBSnapshotIdentifier, arn: s.DBSnapshotArn, region, kind: "instance" as const, source: s.DBInstanceIdentifier, encrypted: s.Encrypted === true }]
        : []));
      return { snapshots, marker: page.Marker };
    },
    attributes: async (id) => (await caller.call("DescribeDBSnapshotAttributes", (abortSignal) =>
      rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id }), { abortSignal }), "resource"))
      .DBSnapshotAttributesResult?.DBSnapshotAttributes,
  });
  const cluster = () => publicOf({
    list: async (marker) => {
      const page = await caller.call("DescribeDBClusterSnapshots", (abortSignal) =>
        rds.send(new DescribeDBClusterSnapshotsCommand({ SnapshotType: "manual", MaxRecords: 100, Marker: marker }), { abortSignal }));
      const snapshots = (page.DBClusterSnapshots ?? []).flatMap((s) => (s.DBClusterSnapshotIdentifier && s.DBClusterSnapshotArn
        ? [{ id: s.DBClusterSnapshotIdentifier, arn: s.DBClusterSnapshotArn, region, kind: "cluster" as const, source: s.DBClusterIdentifier, encrypted: s.StorageEncrypted === true }]
        : []));
      return { snapshots, marker: page.Marker };
    },
    attributes: async (id) => (await caller.call("DescribeDBClusterSnapshotAttributes", (abortSignal) =>
      rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id }), { abortSignal }), "resource"))
      .DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes,
  });
  return caller.fact("DescribeDBSnapshots", async () => (await Promise.all([instance(), cluster()])).flat());
}

type Attributes = (DBSnapshotAttribute | DBClusterSnapshotAttribute)[] | undefined;

/** Every page of a manual-snapshot listing (`list`: one page), then each snapshot's attributes. */
async function publicOf(api: {
  list: (marker: string | undefined) => Promise<{ snapshots: PublicDbSnapshot[]; marker?: string }>;
  attributes: (id: string) => Promise<Attributes>;
}): Promise<PublicDbSnapshot[]> {
  const listed: PublicDbSnapshot[] = [];
  let marker: string | undefined;
  do {
    const page = await api.list(marker);
    listed.push(...page.snapshots);
    marker = page.marker;
  } while (marker);
  const shared = await Promise.all(listed.map(async (s) => (restorableByAll(await api.attributes(s.id)) ? [s] : [])));
  return shared.flat();
}

/** The `restore` attribute lists the accounts that may restore the snapshot; `all` means anyone. */
function restorableByAll(attributes: Attributes): boolean {
  return (attributes ?? []).some((a) => a.AttributeName === "restore" && (a.AttributeValues ?? []).includes("all"));
}
