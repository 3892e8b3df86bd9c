import {
  GetBucketAclCommand, GetBucketLocationCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand,
  ListBucketsCommand, type PublicAccessBlockConfiguration,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import type { AclGrant, PublicAccessBlock, ReplicationSummary, VersioningState } from "./facts.ts";
import { aclGrant, pabFlag, parsePolicyDocument, replicationRuleEnabled, versioningStatus } from "./parse.ts";

export interface ListedBucket {
  name: string;
  /** From ListBuckets' BucketRegion; absent where the endpoint does not send it. */
  region?: string;
  creationDate?: string;
}

const NO_PAB = ["NoSuchPublicAccessBlockConfiguration"];

export function listBuckets(caller: AwsCaller, clients: AwsClients, homeRegion: string): Promise<Fact<ListedBucket[]>> {
  return caller.fact("ListBuckets", async () => {
    const buckets: ListedBucket[] = [];
    let token: string | undefined;
    do {
      // MaxBuckets makes the service page (and send BucketRegion); without it one huge answer comes back.
      const page = await caller.call("ListBuckets", (abortSignal) =>
        clients.s3(homeRegion).send(new ListBucketsCommand({ MaxBuckets: 1000, ContinuationToken: token }), { abortSignal }));
      for (const b of page.Buckets ?? []) {
        if (!b.Name) continue;
        buckets.push({ name: b.Name, region: b.BucketRegion, creationDate: b.CreationDate?.toISOString() });
      }
      token = page.ContinuationToken;
    } while (token);
    return buckets;
  });
}

/**
 * Names of the buckets ListBuckets lists for `bucketRegion`, asked at `endpointRegion`'s
 * endpoint; undefined when the endpoint refused or the listing failed. Not a fact: what it
 * settles, GetBucketLocation settles too.
 */
export async function listBucketNamesInRegion(
  caller: AwsCaller, clients: AwsClients, endpointRegion: string, bucketRegion: string,
): Promise<Set<string> | undefined> {
  const names = new Set<string>();
  let token: string | undefined;
  try {
    do {
      const page = await caller.call("ListBuckets", (abortSignal) =>
        clients.s3(endpointRegion).send(new ListBucketsCommand({ BucketRegion: bucketRegion, MaxBuckets: 1000, ContinuationToken: token }), { abortSignal }));
      for (const b of page.Buckets ?? []) if (b.Name) names.add(b.Name);
      token = page.ContinuationToken;
    } while (token);
  } catch {
    return undefined;
  }
  return names;
}

export function getBucketRegion(caller: AwsCaller, clients: AwsClients, homeRegion: string, bucket: string): Promise<Fact<string>> {
  return caller.fact("GetBucketLocation", async () => {
    const out = await caller.call("GetBucketLocation", (abortSignal) =>
      clients.s3(homeRegion).send(new GetBucketLocationCommand({ Bucket: bucket }), { abortSignal }), "resource");
    const c = out.LocationConstraint as string | undefined;
    // An empty constraint is us-east-1; "EU" is the legacy name of eu-west-1.
    if (!c) return "us-east-1";
    return c === "EU" ? "eu-west-1" : c;
  });
}

export function getAccountPublicAccessBlock(caller: AwsCaller, clients: AwsClients, accountId: string): Promise<Fact<PublicAccessBlock | null>> {
  return caller.fact("GetAccountPublicAccessBlock", async () => {
    const out = await caller.call("GetAccountPublicAccessBlock", (abortSignal) =>
      clients.s3Control.send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId }), { abortSignal }));
    return toPab(out.PublicAccessBlockConfiguration);
  }, { codes: NO_PAB, value: null });
}

export function getBucketPublicAccessBlock(caller: AwsCaller, clients: AwsClients, region: string, bucket: string): Promise<Fact<PublicAccessBlock | null>> {
  return caller.fact("GetBucketPublicAccessBlock", async () => {
    const out = await caller.call("GetBucketPublicAccessBlock", (abortSignal) =>
      clients.s3(region).send(new GetPublicAccessBlockCommand({ Bucket: bucket }), { abortSignal }), "resource");
    return toPab(out.PublicAccessBlockConfiguration);
  }, { codes: NO_PAB, value: null });
}

export function getBucketAcl(caller: AwsCaller, clients: AwsClients, region: string, bucket: string): Promise<Fact<AclGrant[]>> {
  return caller.fact("GetBucketAcl", async () => {
    const out = await caller.call("GetBucketAcl", (abortSignal) => clients.s3(region).send(new GetBucketAclCommand({ Bucket: bucket }), { abortSignal }), "resource");
    return (out.Grants ?? []).map((g): AclGrant => aclGrant(g));
  });
}

export function getBucketPolicy(caller: AwsCaller, clients: AwsClients, region: string, bucket: string): Promise<Fact<string | null>> {
  return caller.fact("GetBucketPolicy", async () => {
    const out = await caller.call("GetBucketPolicy", (abortSignal) => clients.s3(region).send(new GetBucketPolicyCommand({ Bucket: bucket }), { abortSignal }), "resource");
    if (out.Policy === undefined) return null;
    // A policy that cannot be read fails this bucket's fact alone; the other buckets are judged.
    parsePolicyDocument(out.Policy);
    return out.Policy;
  }, { codes: ["NoSuchBucketPolicy"], value: null });
}

/** null where the endpoint does not implement it: the scanner's own policy evaluation still decides. */
export function getBucketPolicyStatus(caller: AwsCaller, clients: AwsClients, region: string, bucket: string): Promise<Fact<boolean | null>> {
  return caller.fact("GetBucketPolicyStatus", async () => {
    const out = await caller.call("GetBucketPolicyStatus", (abortSignal) =>
      clients.s3(region).send(new GetBucketPolicyStatusCommand({ Bucket: bucket }), { abortSignal }), "resource");
    return out.PolicyStatus?.IsPublic ?? null;
  }, { codes: ["NoSuchBucketPolicy", "NotImplemented", "MethodNotAllowed"], value: null });
}

export function getBucketVersioning(caller: AwsCaller, clients: AwsClients, region: string, bucket: string): Promise<Fact<VersioningState>> {
  return caller.fact("GetBucketVersioning", async () => {
    const out = await caller.call("GetBucketVersioning", (abortSignal) =>
      clients.s3(region).send(new GetBucketVersioningCommand({ Bucket: bucket }), { abortSignal }), "resource");
    return versioningStatus(out.Status);
  });
}

export function getBucketReplication(caller: AwsCaller, clients: AwsClients, region: string, bucket: string): Promise<Fact<ReplicationSummary | null>> {
  return caller.fact("GetBucketReplication", async () => {
    const out = await caller.call("GetBucketReplication", (abortSignal) =>
      clients.s3(region).send(new GetBucketReplicationCommand({ Bucket: bucket }), { abortSignal }), "resource");
    const rules = (out.ReplicationConfiguration?.Rules ?? []).filter((r) => replicationRuleEnabled(r.Status));
    if (rules.length === 0) return null;
    return { enabledRules: rules.length, destinations: rules.flatMap((r) => (r.Destination?.Bucket ? [r.Destination.Bucket] : [])) };
  }, { codes: ["ReplicationConfigurationNotFoundError"], value: null });
}

/**
 * Tags of every bucket in a region in one paginated listing (100 a page) instead of one
 * GetBucketTagging per bucket; a bucket that was never tagged is simply absent.
 */
export function getRegionBucketTags(caller: AwsCaller, clients: AwsClients, region: string): Promise<Fact<Map<string, Record<string, string>>>> {
  return caller.fact("GetResources", async () => {
    const tags = new Map<string, Record<string, string>>();
    let token: string | undefined;
    do {
      const page = await caller.call("GetResources", (abortSignal) => clients.tagging(region).send(new GetResourcesCommand({
        ResourceTypeFilters: ["s3"], ResourcesPerPage: 100, PaginationToken: token || undefined,
      }), { abortSignal }));
      for (const r of page.ResourceTagMappingList ?? []) {
        if (!r.ResourceARN) continue;
        tags.set(r.ResourceARN, Object.fromEntries((r.Tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? ""]] : []))));
      }
      // The service ends a listing with an empty token, not an absent one.
      token = page.PaginationToken || undefined;
    } while (token);
    return tags;
  });
}

function toPab(c: PublicAccessBlockConfiguration | undefined): PublicAccessBlock {
  return {
    blockPublicAcls: pabFlag(c?.BlockPublicAcls),
    ignorePublicAcls: pabFlag(c?.IgnorePublicAcls),
    blockPublicPolicy: pabFlag(c?.BlockPublicPolicy),
    restrictPublicBuckets: pabFlag(c?.RestrictPublicBuckets),
  };
}
