import {
  GetBucketAclCommand, GetBucketLocationCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand,
  ListBucketsCommand, S3Client, paginateListBuckets,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exampleCoAccount, largeAccount } from "../../simulator/aws/example-co.ts";
import { ALL_USERS_URI } from "../../simulator/aws/model.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { awsClients, errorOf, TEST_CREDENTIALS } from "./aws-clients.ts";

let sim: AwsSimulator;
let clients: ReturnType<typeof awsClients>;

beforeAll(async () => {
  sim = await startAwsSimulator({ account: exampleCoAccount() });
  clients = awsClients(sim.endpoint, { maxAttempts: 1 });
});
beforeEach(() => {
  sim.account = exampleCoAccount();
  sim.resetCalls();
});
afterAll(() => sim.stop());

describe("ListBuckets", () => {
  it("lists every bucket in one answer without BucketRegion when the request has no parameter, as S3 documents", async () => {
    const out = await clients.s3.send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual([...sim.account.buckets.map((b) => b.name)].sort());
    expect(out.Buckets?.every((b) => b.BucketRegion === undefined)).toBe(true);
    expect(out.ContinuationToken).toBeUndefined();
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it("pages with MaxBuckets and ContinuationToken, and the SDK paginator follows it", async () => {
    const first = await clients.s3.send(new ListBucketsCommand({ MaxBuckets: 3 }));
    expect(first.Buckets).toHaveLength(3);
    expect(first.Buckets?.every((b) => b.BucketRegion !== undefined)).toBe(true);
    expect(first.ContinuationToken).toBeTruthy();
    const second = await clients.s3.send(new ListBucketsCommand({ MaxBuckets: 3, ContinuationToken: first.ContinuationToken }));
    expect(second.Buckets?.[0]?.Name! > first.Buckets?.[2]?.Name!).toBe(true);

    const names: string[] = [];
    for await (const page of paginateListBuckets({ client: clients.s3, pageSize: 4 }, {})) {
      names.push(...(page.Buckets ?? []).map((b) => b.Name!));
    }
    expect(names).toEqual([...sim.account.buckets.map((b) => b.name)].sort());
  });

  it("filters by prefix and bucket region", async () => {
    const out = await clients.s3.send(new ListBucketsCommand({ Prefix: "example-co-design", BucketRegion: "ap-northeast-3" }));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(["example-co-design"]);
    expect(out.Buckets?.[0]?.BucketRegion).toBe("ap-northeast-3");
    expect(out.Prefix).toBe("example-co-design");
  });

  it("rejects an out-of-range MaxBuckets and a forged token", async () => {
    expect((await errorOf(clients.s3.send(new ListBucketsCommand({ MaxBuckets: 0 })))).name).toBe("InvalidArgument");
    expect((await errorOf(clients.s3.send(new ListBucketsCommand({ ContinuationToken: "forged" })))).name).toBe("InvalidArgument");
  });

  it("pages through a large account", async () => {
    sim.account = largeAccount({ buckets: 1000, users: 10 });
    let pages = 0;
    let count = 0;
    for await (const page of paginateListBuckets({ client: clients.s3, pageSize: 300 }, {})) {
      pages++;
      count += page.Buckets?.length ?? 0;
    }
    expect({ pages, count }).toEqual({ pages: 4, count: 1000 });
    expect(sim.calls.ListBuckets).toBe(4);
  });
});

describe("bucket configuration", () => {
  it("answers the ACL with the owner's FULL_CONTROL plus the model's grants", async () => {
    const out = await clients.s3.send(new GetBucketAclCommand({ Bucket: "example-co-public-assets" }));
    expect(out.Grants).toEqual([
      { Grantee: { Type: "CanonicalUser", ID: out.Owner?.ID }, Permission: "FULL_CONTROL" },
      { Grantee: { Type: "Group", URI: ALL_USERS_URI }, Permission: "READ" },
    ]);
  });

  it("serves the bucket policy as raw JSON and says whether it is public", async () => {
    const policy = await clients.s3.send(new GetBucketPolicyCommand({ Bucket: "example-co-website" }));
    expect(JSON.parse(policy.Policy!).Statement[0].Principal).toBe("*");
    const status = async (Bucket: string) =>
      (await clients.s3.send(new GetBucketPolicyStatusCommand({ Bucket }))).PolicyStatus?.IsPublic;
    expect(await status("example-co-website")).toBe(true);
    expect(await status("example-co-partner-share")).toBe(false);
    expect(await status("example-co-cdn-origin")).toBe(false);
    const none = await errorOf(clients.s3.send(new GetBucketPolicyCommand({ Bucket: "example-co-logs" })));
    expect([none.name, none.$metadata?.httpStatusCode]).toEqual(["NoSuchBucketPolicy", 404]);
  });

  it("answers Block Public Access, or NoSuchPublicAccessBlockConfiguration when unset", async () => {
    const out = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: "example-co-invoices" }));
    expect(out.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true,
    });
    const unset = await errorOf(clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: "example-co-website" })));
    expect([unset.name, unset.$metadata?.httpStatusCode]).toEqual(["NoSuchPublicAccessBlockConfiguration", 404]);
  });

  it("answers versioning, empty when never enabled", async () => {
    expect((await clients.s3.send(new GetBucketVersioningCommand({ Bucket: "example-co-invoices" }))).Status).toBe("Enabled");
    const never = await clients.s3.send(new GetBucketVersioningCommand({ Bucket: "example-co-website" }));
    expect(never.Status).toBeUndefined();
  });

  it("answers replication and tags, or their not-found errors", async () => {
    const osaka = awsClients(sim.endpoint, { region: "ap-northeast-3", maxAttempts: 1 });
    const replication = await osaka.s3.send(new GetBucketReplicationCommand({ Bucket: "example-co-design" }));
    expect(replication.ReplicationConfiguration?.Rules?.map((r) => [r.Status, r.Destination?.Bucket]))
      .toEqual([["Enabled", "arn:aws:s3:::example-co-design-replica"]]);
    const noReplication = await errorOf(clients.s3.send(new GetBucketReplicationCommand({ Bucket: "example-co-logs" })));
    expect(noReplication.name).toBe("ReplicationConfigurationNotFoundError");

    const tags = await clients.s3.send(new GetBucketTaggingCommand({ Bucket: "example-co-logs" }));
    expect(tags.TagSet).toEqual([{ Key: "backup", Value: "daily" }]);
    expect((await errorOf(clients.s3.send(new GetBucketTaggingCommand({ Bucket: "example-co-website" })))).name).toBe("NoSuchTagSet");
  });

  it("answers the location, empty for us-east-1, from any region", async () => {
    const location = async (Bucket: string) => (await clients.s3.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint;
    expect(await location("example-co-design")).toBe("ap-northeast-3");
    expect(await location("example-co-us-export")).toBeUndefined();
  });

  it("answers NoSuchBucket for a bucket the account does not have", async () => {
    const err = await errorOf(clients.s3.send(new GetBucketAclCommand({ Bucket: "someone-elses-bucket" })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(["NoSuchBucket", 404]);
  });

  it("redirects a request signed for the wrong region, which followRegionRedirects follows", async () => {
    const err = await errorOf(clients.s3.send(new GetBucketVersioningCommand({ Bucket: "example-co-us-export" })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(["PermanentRedirect", 301]);
    const following = new S3Client({
      endpoint: sim.endpoint, forcePathStyle: true, region: "ap-northeast-1", credentials: TEST_CREDENTIALS,
      followRegionRedirects: true,
    });
    const out = await following.send(new GetBucketVersioningCommand({ Bucket: "example-co-us-export" }));
    expect(out.Status).toBeUndefined();
    expect(sim.calls.GetBucketVersioning).toBe(3);
  });

  it("reflects changes to the live model between calls", async () => {
    sim.account.buckets.find((b) => b.name === "example-co-website")!.versioning = "Suspended";
    expect((await clients.s3.send(new GetBucketVersioningCommand({ Bucket: "example-co-website" }))).Status).toBe("Suspended");
  });
});

describe("S3 Control account-level Block Public Access", () => {
  it("answers NoSuchPublicAccessBlockConfiguration when the account never configured it", async () => {
    const err = await errorOf(clients.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: sim.account.accountId })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(["NoSuchPublicAccessBlockConfiguration", 404]);
  });

  it("answers the configuration once set, and denies another account's id", async () => {
    sim.account.publicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true };
    const out = await clients.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: sim.account.accountId }));
    expect(out.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true,
    });
    const other = await errorOf(clients.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: "999999999999" })));
    expect(other.name).toBe("AccessDenied");
  });
});
