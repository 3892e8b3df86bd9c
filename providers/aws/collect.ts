import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { evaluateBucketPolicy } from "../../checks/aws/bucket-policy.ts";
import type { AwsTenantConfig } from "../../config/schema.ts";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import { getRegionBackup, getRegionBackupPlans } from "./backup.ts";
import { backupCoverage, selectsByTag } from "./backup-coverage.ts";
import { AwsCaller } from "./caller.ts";
import { ServiceConcurrency, type FamilyLimitReport } from "./service-concurrency.ts";
import { AwsClients, assumeTenantRole, DEFAULT_TUNING, type AwsCredentials, type ClientTuning } from "./clients.ts";
import type { AwsAccount, AwsFacts, BackupPlanSummary, BucketFacts, DataStore, PublicAccessBlock, RegionBackup, VersioningState } from "./facts.ts";
import { getAccountSummary, getAdministrators, getCredentialReport, getPasswordPolicy, REPORT_POLL_DELAYS_MS } from "./iam.ts";
import {
  getAccountPublicAccessBlock, getBucketAcl, getBucketPolicy, getBucketPolicyStatus, getBucketPublicAccessBlock,
  getBucketRegion, getBucketReplication, getBucketVersioning, getRegionBucketTags, listBucketNamesInRegion, listBuckets, type ListedBucket,
} from "./s3.ts";
import { bucketRegions, collectAccountSecurity, collectMacie } from "./security-features.ts";

export interface AwsProgress {
  provider: "aws";
  step: string;
  done: number;
  total: number;
}

export interface CollectOptions {
  /** Static credentials (the simulator, tests); the default credential chain when absent. */
  credentials?: AwsCredentials;
  /** At most this many calls in flight per service family (each family has its own limit below it). */
  concurrency?: number;
  tuning?: Partial<ClientTuning>;
  /** Waits between credential-report polls (tests shorten them). */
  reportPollDelaysMs?: number[];
  onProgress?: (event: AwsProgress) => void;
}

export interface AwsCollection {
  facts: AwsFacts;
  apiCalls: Record<string, number>;
  /** The concurrency each service family started at, reached and ended with. */
  limits: Record<string, FamilyLimitReport>;
  errors: CollectionError[];
  accountId?: string;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * Collects every AWS fact the checks need, read-only. Independent calls run concurrently
 * within each service's limit; per-bucket calls that a bucket's other facts make unnecessary are
 * skipped (replication when AWS Backup covers the bucket or it was never versioned, tags unless
 * a selection selects by tag, S3's policy status when the policy is public by its own reading).
 */
export async function collectAwsFacts(aws: AwsTenantConfig, tenantId: string, opts: CollectOptions = {}): Promise<AwsCollection> {
  const startedAt = new Date();
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const limits = new ServiceConcurrency(opts.concurrency);
  const caller = new AwsCaller(limits, tuning.operationBudgetMs);
  const clients = new AwsClients(aws, opts.credentials, tuning, limits);
  const progress = (step: string, done: number, total: number) => opts.onProgress?.({ provider: "aws", step, done, total });
  try {
    const account = await connect(caller, clients, aws);
    if (!account.ok) {
      return { facts: allFailed(account.error), apiCalls: caller.apiCalls, limits: limits.report(), errors: caller.errors, startedAt, finishedAt: new Date() };
    }
    const { accountId, partition } = account.value;
    progress("account", 1, 1);

    const iamFacts = collectIam(caller, clients, account.value, opts.reportPollDelaysMs ?? REPORT_POLL_DELAYS_MS)
      .then((facts) => { progress("iam", 1, 1); return facts; });
    const accountPublicAccessBlock = getAccountPublicAccessBlock(caller, clients, accountId);
    const accountSecurity = collectAccountSecurity(caller, clients, aws.region);
    let macie: ReturnType<typeof collectMacie>;
    const bucketStores = deferred<Fact<Record<string, DataStore[]>>>();
    // Its SDK clients (EC2, RDS, …) load only now, in a chunk of their own in the Lambda packages.
    const regional = import("./regional.ts").then((m) => m.collectRegional(caller, clients, aws, account.value, bucketStores.promise));
    const bucketList = await listBuckets(caller, clients, aws.region);

    let backup: RegionsBackup;
    let buckets: Fact<BucketFacts[]>;
    if (!bucketList.ok) {
      bucketStores.resolve(bucketList);
      buckets = bucketList;
      macie = collectMacie(caller, clients, bucketList);
      backup = await backupByRegion(caller, clients, [aws.region]);
    } else {
      const listed = await withRegions(caller, clients, aws.region, bucketList.value);
      bucketStores.resolve(bucketsByRegion(listed));
      const regions = [...new Set([aws.region, ...listed.flatMap((b) => (b.region.ok ? [b.region.value] : []))])];
      const backupReady = backupByRegion(caller, clients, regions);
      macie = collectMacie(caller, clients, bucketRegions(aws.region, listed));
      const tagsReady = backupReady.then((b) => tagsWhereSelectionsNeedThem(caller, clients, b.backup));
      const accountPab = await accountPublicAccessBlock;
      let done = 0;
      progress("s3 buckets", 0, listed.length);
      buckets = collected(await Promise.all(listed.map(async (b) => {
        const facts = await collectBucket(caller, clients, partition, b, accountPab, backupReady.then((r) => r.backup), tagsReady);
        progress("s3 buckets", ++done, listed.length);
        return facts;
      })));
      backup = await backupReady;
    }

    const facts: AwsFacts = {
      account,
      accountPublicAccessBlock: await accountPublicAccessBlock,
      buckets,
      backupPlans: collected(backup.plans),
      backup: collected(backup.backup),
      ...(await iamFacts),
      ...(await accountSecurity),
      ...(await macie),
      ...(await regional),
    };
    return { facts, apiCalls: caller.apiCalls, limits: limits.report(), errors: caller.errors, accountId, startedAt, finishedAt: new Date() };
  } finally {
    clients.destroy();
  }
}

async function connect(caller: AwsCaller, clients: AwsClients, aws: AwsTenantConfig): Promise<Fact<AwsAccount>> {
  if (aws.roleArn) {
    const roleArn = aws.roleArn;
    const assumed = await caller.fact("AssumeRole", () => caller.call("AssumeRole", () => assumeTenantRole(clients.sts, roleArn, aws.externalId)));
    if (!assumed.ok) return assumed;
    clients.useCredentials(assumed.value);
  }
  // On assumed credentials `clients.sts` is a new client: GetCallerIdentity proves whose they are.
  return caller.fact("GetCallerIdentity", async () => {
    const out = await caller.call("GetCallerIdentity", (abortSignal) => clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal }));
    if (!out.Account || !out.Arn) throw Object.assign(new Error("GetCallerIdentity returned no account"), { name: "MalformedResponse" });
    return { accountId: out.Account, partition: out.Arn.split(":")[1] ?? "aws", callerArn: out.Arn };
  });
}

async function collectIam(caller: AwsCaller, clients: AwsClients, account: AwsAccount, pollDelaysMs: number[]) {
  const [credentialReport, accountSummary, passwordPolicy, administrators] = await Promise.all([
    getCredentialReport(caller, clients, pollDelaysMs),
    getAccountSummary(caller, clients),
    getPasswordPolicy(caller, clients),
    getAdministrators(caller, clients, account),
  ]);
  return { credentialReport, accountSummary, passwordPolicy, administrators };
}

/**
 * ListBuckets gives each bucket's region on AWS. Where it did not (an endpoint that does not
 * send BucketRegion, such as moto), one listing filtered to the home region settles the
 * buckets there, and GetBucketLocation the rest.
 */
async function withRegions(caller: AwsCaller, clients: AwsClients, homeRegion: string, listed: ListedBucket[]) {
  const unplaced = listed.filter((b) => !b.region).length;
  const inHome = unplaced > 2 ? await bucketsInHomeRegion(caller, clients, homeRegion) : undefined;
  return Promise.all(listed.map(async (b) => ({
    ...b,
    region: b.region ? collected(b.region)
      : inHome?.has(b.name) ? collected(homeRegion)
      : await getBucketRegion(caller, clients, homeRegion, b.name),
  })));
}

/** A region code that no bucket can be in: a listing filtered to it must come back empty. */
const NO_SUCH_REGION = "cloud15-no-such-region-0";

/**
 * The buckets ListBuckets' `bucket-region` filter places in the home region (asked, as S3
 * requires, at the home region's endpoint), trusted only once the endpoint has shown that it
 * applies the filter: one that ignored it would list every bucket for any region, so its
 * listing for a region that cannot exist must come back empty (S3 does not serve a filter
 * other than its endpoint's region, and sends BucketRegion anyway: this never runs there).
 */
async function bucketsInHomeRegion(caller: AwsCaller, clients: AwsClients, homeRegion: string): Promise<Set<string> | undefined> {
  const [control, home] = await Promise.all([
    listBucketNamesInRegion(caller, clients, homeRegion, NO_SUCH_REGION),
    listBucketNamesInRegion(caller, clients, homeRegion, homeRegion),
  ]);
  return control?.size === 0 ? home : undefined;
}

interface RegionsBackup {
  plans: Record<string, Fact<BackupPlanSummary[]>>;
  backup: Record<string, Fact<RegionBackup>>;
}

async function backupByRegion(caller: AwsCaller, clients: AwsClients, regions: string[]): Promise<RegionsBackup> {
  const entries = await Promise.all(regions.map(async (r) => {
    const plans = await getRegionBackupPlans(caller, clients, r);
    return [r, plans, await getRegionBackup(caller, clients, r, plans)] as const;
  }));
  return {
    plans: Object.fromEntries(entries.map(([r, plans]) => [r, plans])),
    backup: Object.fromEntries(entries.map(([r, , backup]) => [r, backup])),
  };
}

type RegionTags = Record<string, Fact<Map<string, Record<string, string>>>>;

/** One tag listing per region whose backup selections select by tag; none elsewhere. */
async function tagsWhereSelectionsNeedThem(caller: AwsCaller, clients: AwsClients, backup: Record<string, Fact<RegionBackup>>): Promise<RegionTags> {
  const regions = Object.entries(backup)
    .filter(([, f]) => f.ok && selectsByTag(f.value))
    .map(([r]) => r);
  const entries = await Promise.all(regions.map(async (r) => [r, await getRegionBucketTags(caller, clients, r)] as const));
  return Object.fromEntries(entries);
}

async function collectBucket(
  caller: AwsCaller,
  clients: AwsClients,
  partition: string,
  bucket: Omit<ListedBucket, "region"> & { region: Fact<string> },
  accountPab: Fact<PublicAccessBlock | null>,
  backupReady: Promise<Record<string, Fact<RegionBackup>>>,
  tagsReady: Promise<RegionTags>,
): Promise<BucketFacts> {
  const arn = `arn:${partition}:s3:::${bucket.name}`;
  const base = { name: bucket.name, arn, region: bucket.region, creationDate: bucket.creationDate };
  if (!bucket.region.ok) {
    // Without its region no regional call can be addressed; every per-bucket fact carries that reason.
    const unreachable = failed(bucket.region.error);
    return { ...base, publicAccessBlock: unreachable, acl: unreachable, policy: unreachable, versioning: unreachable, replication: unreachable };
  }
  const region = bucket.region.value;
  const [access, versioning] = await Promise.all([
    collectPublicAccess(caller, clients, region, bucket.name, accountPab),
    getBucketVersioning(caller, clients, region, bucket.name),
  ]);

  const regionBackup = (await backupReady)[region];
  const now = new Date();
  let coverage = regionBackup?.ok ? backupCoverage(regionBackup.value, arn, undefined, now) : undefined;
  let tags: Fact<Record<string, string>> | undefined;
  if (coverage?.covered === false && coverage.needsTags && regionBackup?.ok) {
    const regionTags = (await tagsReady)[region];
    tags = regionTags?.ok ? collected(regionTags.value.get(arn) ?? {}) : regionTags;
    coverage = tags?.ok ? backupCoverage(regionBackup.value, arn, tags.value, now) : undefined;
  }
  const replication = coverage?.covered ? undefined
    : neverVersioned(versioning) ? collected(null)
    : await getBucketReplication(caller, clients, region, bucket.name);
  return { ...base, ...access, versioning, replication, tags };
}

/**
 * S3 replicates only from a bucket with versioning enabled ("Requirements and considerations
 * for replication"), and a bucket once versioned never returns to unversioned (a Suspended
 * one keeps saying so): a bucket that reports no versioning state at all has no replication
 * configuration to read.
 */
function neverVersioned(versioning: Fact<VersioningState>): boolean {
  return versioning.ok && versioning.value === "Disabled";
}

/** Reads only what Block Public Access leaves relevant (see BucketFacts). */
async function collectPublicAccess(
  caller: AwsCaller, clients: AwsClients, region: string, name: string, accountPab: Fact<PublicAccessBlock | null>,
): Promise<Pick<BucketFacts, "publicAccessBlock" | "acl" | "policy" | "policyStatus">> {
  const account = accountPab.ok ? accountPab.value : null;
  if (account?.ignorePublicAcls && account.restrictPublicBuckets) return {};
  const publicAccessBlock = await getBucketPublicAccessBlock(caller, clients, region, name);
  const bucketPab = publicAccessBlock.ok ? publicAccessBlock.value : null;
  const [acl, policy] = await Promise.all([
    account?.ignorePublicAcls || bucketPab?.ignorePublicAcls ? undefined : getBucketAcl(caller, clients, region, name),
    account?.restrictPublicBuckets || bucketPab?.restrictPublicBuckets ? undefined : getBucketPolicy(caller, clients, region, name),
  ]);
  const policyStatus = policy?.ok && policy.value !== null && !publicByOwnReading(policy.value)
    ? await getBucketPolicyStatus(caller, clients, region, name) : undefined;
  return { publicAccessBlock, acl, policy, policyStatus };
}

/**
 * GetBucketPolicyStatus can only add to the statements cloud15's own reading finds public
 * (checks/aws/s3-bucket-public.ts): where that reading already finds one, or cannot read the
 * policy at all, S3's opinion changes nothing.
 */
function publicByOwnReading(policy: string): boolean {
  const verdict = evaluateBucketPolicy(policy);
  return verdict.unreadable !== undefined || verdict.publicStatements.length > 0;
}

function allFailed(error: CollectionError): AwsFacts {
  const f = failed(error);
  return {
    account: f, accountPublicAccessBlock: f, buckets: f, credentialReport: f,
    accountSummary: f, passwordPolicy: f, administrators: f, backupPlans: f, backup: f,
    trails: f, securityContact: f, supportPlan: f, macie: f, accessAnalyzers: f,
    regionsInUse: f, publicSnapshots: f, publicImages: f, publicDbSnapshots: f,
    snapshotBlockPublicAccess: f, imageBlockPublicAccess: f, ebsEncryptionByDefault: f, guardDuty: f,
  };
}

/** Where the buckets are, for regionsInUse; unknown as a whole while one bucket's region is. */
function bucketsByRegion(listed: { name: string; region: Fact<string> }[]): Fact<Record<string, DataStore[]>> {
  const byRegion: Record<string, DataStore[]> = {};
  for (const b of listed) {
    if (!b.region.ok) return b.region;
    (byRegion[b.region.value] ??= []).push({ kind: "s3-bucket", id: b.name });
  }
  return collected(byRegion);
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}
