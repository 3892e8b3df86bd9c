import type { SimAwsAccount, SimRegion } from "./model.ts";
import { AwsError, intParam, pageOf, unsupported, type SimRequest, type SimResponse, type SimService } from "./wire.ts";
import { queryError, queryResponse, type XmlContent } from "./xml.ts";

/** RDS over the AWS Query protocol (form-encoded POST, XML answers); data per region from the signature's scope. */
const NS = "http://rds.amazonaws.com/doc/2014-10-31/";

type Handler = (form: URLSearchParams, region: SimRegion, ctx: { req: SimRequest; account: SimAwsAccount }) => SimResponse;

const invalid = (message: string) => new AwsError(400, "InvalidParameterValue", message);

const HANDLERS: Record<string, Handler> = {
  DescribeDBInstances: (form, region, { req, account }) => {
    const page = pageOf(region.dbInstances ?? [], form.get("Marker"), maxRecords(form), invalid);
    return queryResponse("DescribeDBInstances", NS, {
      DBInstances: { DBInstance: page.items.map((id) => ({
        DBInstanceIdentifier: id, DBInstanceClass: "db.t4g.micro", Engine: "postgres", DBInstanceStatus: "available",
        StorageEncrypted: true, DBInstanceArn: arn(req.region, account, "db", id),
      })) },
      Marker: page.next,
    });
  },
  DescribeDBSnapshots: (form, region, { req, account }) => {
    const page = pageOf(ofType(form, region.dbSnapshots ?? []), form.get("Marker"), maxRecords(form), invalid);
    return queryResponse("DescribeDBSnapshots", NS, {
      DBSnapshots: { DBSnapshot: page.items.map((s) => ({
        DBSnapshotIdentifier: s.id, DBInstanceIdentifier: s.instance, SnapshotType: "manual", Status: "available",
        Engine: "postgres", Encrypted: false, DBSnapshotArn: arn(req.region, account, "snapshot", s.id),
      })) },
      Marker: page.next,
    });
  },
  DescribeDBClusterSnapshots: (form, region, { req, account }) => {
    const page = pageOf(ofType(form, region.dbClusterSnapshots ?? []), form.get("Marker"), maxRecords(form), invalid);
    return queryResponse("DescribeDBClusterSnapshots", NS, {
      DBClusterSnapshots: { DBClusterSnapshot: page.items.map((s) => ({
        DBClusterSnapshotIdentifier: s.id, DBClusterIdentifier: s.cluster, SnapshotType: "manual", Status: "available",
        Engine: "aurora-postgresql", StorageEncrypted: false, DBClusterSnapshotArn: arn(req.region, account, "cluster-snapshot", s.id),
      })) },
      Marker: page.next,
    });
  },
  DescribeDBSnapshotAttributes: (form, region) => {
    const id = form.get("DBSnapshotIdentifier") ?? "";
    const s = (region.dbSnapshots ?? []).find((x) => x.id === id);
    if (!s) throw new AwsError(404, "DBSnapshotNotFound", `DBSnapshot ${id} not found.`);
    return queryResponse("DescribeDBSnapshotAttributes", NS, {
      DBSnapshotAttributesResult: { DBSnapshotIdentifier: id, DBSnapshotAttributes: { DBSnapshotAttribute: [restoreAttribute(s.restore)] } },
    });
  },
  DescribeDBClusterSnapshotAttributes: (form, region) => {
    const id = form.get("DBClusterSnapshotIdentifier") ?? "";
    const s = (region.dbClusterSnapshots ?? []).find((x) => x.id === id);
    if (!s) throw new AwsError(404, "DBClusterSnapshotNotFoundFault", `DBClusterSnapshot ${id} not found.`);
    return queryResponse("DescribeDBClusterSnapshotAttributes", NS, {
      DBClusterSnapshotAttributesResult: { DBClusterSnapshotIdentifier: id, DBClusterSnapshotAttributes: { DBClusterSnapshotAttribute: [restoreAttribute(s.restore)] } },
    });
  },
};

export const rdsService: SimService = {
  name: "rds",
  route(req, ctx) {
    const form = new URLSearchParams(req.body);
    const action = form.get("Action") ?? "";
    const handler = HANDLERS[action];
    if (handler === undefined) {
      return unsupported("rds", action, () => new AwsError(400, "InvalidAction", `The action ${action} is not valid for this web service.`));
    }
    const region = ctx.account.regions?.[req.region] ?? {};
    return { operation: action, permission: `rds:${action}`, respond: () => handler(form, region, { req, account: ctx.account }) };
  },
  error: (err) => queryError(NS, err),
};

/** RDS answers `restore` with no values when the snapshot is shared with nobody. */
function restoreAttribute(restore: string[] | undefined): XmlContent {
  return { AttributeName: "restore", AttributeValues: { AttributeValue: restore ?? [] } };
}

/** The simulator holds manual snapshots only: any other requested type lists none. */
function ofType<T>(form: URLSearchParams, snapshots: T[]): T[] {
  const type = form.get("SnapshotType");
  return type === null || type === "" || type === "manual" ? snapshots : [];
}

function maxRecords(form: URLSearchParams): number {
  return intParam("MaxRecords", form.get("MaxRecords"), { min: 20, max: 100 }, invalid) ?? 100;
}

function arn(region: string, account: SimAwsAccount, type: string, id: string): string {
  return `arn:aws:rds:${region}:${account.accountId}:${type}:${id}`;
}
