import { createHash } from "node:crypto";
import type { SimAwsAccount, SimBucket, SimPab } from "./model.ts";
import { policyIsPublic } from "./policy-status.ts";
import { AwsError, intParam, pageOf, requestId, unsupported, type Route, type SimContext, type SimRequest, type SimResponse, type SimService } from "./wire.ts";
import { xmlDocument, type XmlContent } from "./xml.ts";

/** S3 REST/XML, path-style: `GET /` lists buckets, `GET /{bucket}/?acl` reads a sub-resource. */
const NS = "http://s3.amazonaws.com/doc/2006-03-01/";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

type BucketReader = (bucket: SimBucket, account: SimAwsAccount) => SimResponse;

/** Sub-resource → SDK operation, the IAM action that allows it, and the reader. */
const BUCKET_OPERATIONS: Record<string, { operation: string; permission: string; read: BucketReader }> = {
  acl: { operation: "GetBucketAcl", permission: "s3:GetBucketAcl", read: getBucketAcl },
  policy: { operation: "GetBucketPolicy", permission: "s3:GetBucketPolicy", read: getBucketPolicy },
  policyStatus: { operation: "GetBucketPolicyStatus", permission: "s3:GetBucketPolicyStatus", read: getBucketPolicyStatus },
  publicAccessBlock: { operation: "GetPublicAccessBlock", permission: "s3:GetBucketPublicAccessBlock", read: getPublicAccessBlock },
  versioning: { operation: "GetBucketVersioning", permission: "s3:GetBucketVersioning", read: getBucketVersioning },
  replication: { operation: "GetBucketReplication", permission: "s3:GetReplicationConfiguration", read: getBucketReplication },
  tagging: { operation: "GetBucketTagging", permission: "s3:GetBucketTagging", read: getBucketTagging },
  location: { operation: "GetBucketLocation", permission: "s3:GetBucketLocation", read: getBucketLocation },
};

export const s3Service: SimService = {
  name: "s3",
  route(req, ctx) {
    const bucketName = decodeURIComponent(req.path.split("/")[1] ?? "");
    if (req.method !== "GET") return notImplemented(req);
    if (bucketName === "") return listBucketsRoute(req, ctx);
    const sub = Object.keys(BUCKET_OPERATIONS).find((key) => req.query.has(key));
    const entry = sub === undefined ? undefined : BUCKET_OPERATIONS[sub];
    if (entry === undefined) return notImplemented(req);
    return {
      operation: entry.operation,
      permission: entry.permission,
      bucket: bucketName,
      respond: () => entry.read(bucketFor(ctx.account, bucketName, req, entry.operation), ctx.account),
    };
  },
  error: s3Error,
};

function s3Error(err: AwsError): SimResponse {
  const id = requestId();
  const body = xmlDocument("Error", { Code: err.code, Message: err.message, ...err.details, RequestId: id, HostId: hostId(id) });
  return s3Xml(body, err.status, err.headers, id);
}

/** The account owner's canonical user id: stable per account, 64 hex digits like S3's. */
function canonicalUserId(accountId: string): string {
  return createHash("sha256").update(`canonical-user:${accountId}`).digest("hex");
}

const LIST_BUCKETS_PARAMETERS = ["max-buckets", "continuation-token", "prefix", "bucket-region"];

function listBucketsRoute(req: SimRequest, ctx: SimContext): Route {
  return {
    operation: "ListBuckets",
    permission: "s3:ListAllMyBuckets",
    respond: () => {
      const invalid = (message: string) => new AwsError(400, "InvalidArgument", message);
      // ListBuckets (API reference): a request with at least one of its parameters is paged,
      // 10,000 a page unless max-buckets says otherwise, and names each bucket's BucketRegion;
      // one without any gets every bucket in one answer and no BucketRegion.
      const paged = LIST_BUCKETS_PARAMETERS.some((p) => req.query.has(p));
      const size = intParam("max-buckets", req.query.get("max-buckets"), { min: 1, max: 10_000 }, invalid) ?? 10_000;
      const prefix = req.query.get("prefix") ?? "";
      const region = req.query.get("bucket-region");
      const buckets = [...ctx.account.buckets]
        .filter((b) => b.name.startsWith(prefix) && (region === null || b.region === region))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const page = paged ? pageOf(buckets, req.query.get("continuation-token"), size, invalid) : { items: buckets, next: undefined };
      return s3Xml(xmlDocument("ListAllMyBucketsResult", {
        "@_xmlns": NS,
        Buckets: {
          Bucket: page.items.map((b) => ({
            BucketArn: `arn:aws:s3:::${b.name}`,
            BucketRegion: paged ? b.region : undefined,
            CreationDate: new Date(b.createdAt).toISOString(),
            Name: b.name,
          })),
        },
        Owner: { ID: canonicalUserId(ctx.account.accountId) },
        ContinuationToken: page.next,
        Prefix: req.query.has("prefix") ? prefix : undefined,
      }));
    },
  };
}

/**
 * The bucket a request addresses. Like S3, a request signed for another region than the
 * bucket's is redirected (301 with x-amz-bucket-region), except GetBucketLocation, which is
 * how a caller finds the region in the first place.
 */
function bucketFor(account: SimAwsAccount, name: string, req: SimRequest, operation: string): SimBucket {
  const bucket = account.buckets.find((b) => b.name === name);
  if (bucket === undefined) {
    throw new AwsError(404, "NoSuchBucket", "The specified bucket does not exist", { BucketName: name });
  }
  if (operation !== "GetBucketLocation" && req.region !== bucket.region) {
    throw new AwsError(301, "PermanentRedirect",
      "The bucket you are attempting to access must be addressed using the specified endpoint. " +
      "Please send all future requests to this endpoint.",
      { Endpoint: `${name}.s3.${bucket.region}.amazonaws.com`, Bucket: name },
      { "x-amz-bucket-region": bucket.region });
  }
  return bucket;
}

function getBucketAcl(bucket: SimBucket, account: SimAwsAccount): SimResponse {
  const owner = canonicalUserId(account.accountId);
  const grants: XmlContent[] = [
    { Grantee: { "@_xmlns:xsi": XSI, "@_xsi:type": "CanonicalUser", ID: owner }, Permission: "FULL_CONTROL" },
    ...bucket.acl.map((g): XmlContent => {
      const who = g.granteeType === "Group" ? { URI: g.grantee }
        : g.granteeType === "CanonicalUser" ? { ID: g.grantee }
        : { EmailAddress: g.grantee };
      return { Grantee: { "@_xmlns:xsi": XSI, "@_xsi:type": g.granteeType, ...who }, Permission: g.permission };
    }),
  ];
  return s3Xml(xmlDocument("AccessControlPolicy", {
    "@_xmlns": NS,
    Owner: { ID: owner },
    AccessControlList: { Grant: grants },
  }));
}

function getBucketPolicy(bucket: SimBucket): SimResponse {
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket);
  const id = requestId();
  return {
    status: 200,
    headers: { "content-type": "application/json", "x-amz-request-id": id, "x-amz-id-2": hostId(id) },
    body: typeof bucket.policy === "string" ? bucket.policy : JSON.stringify(bucket.policy),
  };
}

function getBucketPolicyStatus(bucket: SimBucket): SimResponse {
  if (bucket.policy === undefined) throw noSuchBucketPolicy(bucket);
  return s3Xml(xmlDocument("PolicyStatus", { "@_xmlns": NS, IsPublic: policyIsPublic(bucket.policy) }));
}

function getPublicAccessBlock(bucket: SimBucket): SimResponse {
  if (bucket.publicAccessBlock === undefined) {
    throw new AwsError(404, "NoSuchPublicAccessBlockConfiguration",
      "The public access block configuration was not found", { BucketName: bucket.name });
  }
  return s3Xml(xmlDocument("PublicAccessBlockConfiguration", { "@_xmlns": NS, ...pabElements(bucket.publicAccessBlock) }));
}

export function pabElements(pab: SimPab): XmlContent {
  return {
    BlockPublicAcls: pab.blockPublicAcls,
    IgnorePublicAcls: pab.ignorePublicAcls,
    BlockPublicPolicy: pab.blockPublicPolicy,
    RestrictPublicBuckets: pab.restrictPublicBuckets,
  };
}

/** A bucket that never had versioning answers an empty VersioningConfiguration. */
function getBucketVersioning(bucket: SimBucket): SimResponse {
  return s3Xml(xmlDocument("VersioningConfiguration", { "@_xmlns": NS, Status: bucket.versioning }));
}

function getBucketReplication(bucket: SimBucket, account: SimAwsAccount): SimResponse {
  if (bucket.replication === undefined) {
    throw new AwsError(404, "ReplicationConfigurationNotFoundError",
      "The replication configuration was not found", { BucketName: bucket.name });
  }
  return s3Xml(xmlDocument("ReplicationConfiguration", {
    "@_xmlns": NS,
    Role: `arn:aws:iam::${account.accountId}:role/service-role/s3crr_role_for_${bucket.name}`,
    Rule: bucket.replication.destinations.map((destination, i) => ({
      ID: `replicate-${i + 1}`,
      Priority: i + 1,
      Filter: { Prefix: "" },
      Status: "Enabled",
      Destination: { Bucket: destination.startsWith("arn:") ? destination : `arn:aws:s3:::${destination}` },
      DeleteMarkerReplication: { Status: "Disabled" },
    })),
  }));
}

function getBucketTagging(bucket: SimBucket): SimResponse {
  const tags = Object.entries(bucket.tags ?? {});
  if (tags.length === 0) {
    throw new AwsError(404, "NoSuchTagSet", "The TagSet does not exist", { BucketName: bucket.name });
  }
  return s3Xml(xmlDocument("Tagging", {
    "@_xmlns": NS,
    TagSet: { Tag: tags.map(([Key, Value]) => ({ Key, Value })) },
  }));
}

/** us-east-1 is the empty LocationConstraint, for historical reasons. */
function getBucketLocation(bucket: SimBucket): SimResponse {
  const region = bucket.region === "us-east-1" ? undefined : bucket.region;
  return s3Xml(xmlDocument("LocationConstraint", { "@_xmlns": NS, "#text": region }));
}

function noSuchBucketPolicy(bucket: SimBucket): AwsError {
  return new AwsError(404, "NoSuchBucketPolicy", "The bucket policy does not exist", { BucketName: bucket.name });
}

function notImplemented(req: SimRequest): Route {
  // The SDK names some operations in `x-id`; the rest are recognisable by method and path.
  const operation = req.query.get("x-id") ?? `${req.method} ${req.path}`;
  return unsupported("s3", operation, () =>
    new AwsError(501, "NotImplemented", "A header or query you provided implies functionality that is not implemented"));
}

function s3Xml(body: string, status = 200, headers: Record<string, string> = {}, id = requestId()): SimResponse {
  return {
    status,
    headers: { "content-type": "application/xml", "x-amz-request-id": id, "x-amz-id-2": hostId(id), ...headers },
    body,
  };
}

function hostId(id: string): string {
  return Buffer.from(createHash("sha256").update(id).digest()).toString("base64");
}
