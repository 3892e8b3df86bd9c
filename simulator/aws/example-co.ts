import { seededRandom } from "../seeded-random.ts";
import { ALL_USERS_URI, type SimAwsAccount, type SimBucket, type SimPab, type SimUser } from "./model.ts";

const ACCOUNT_ID = "123456789012";
const BLOCK_ALL: SimPab = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";

/**
 * Example Co. (tenant `example-co`, data allowed in Tokyo and Osaka): the mistakes a small
 * company makes next to things done right. A fresh copy each call; dates are relative to `now`
 * so key ages and "last used" stay true whenever the demo runs.
 */
export function exampleCoAccount(now: Date = new Date()): SimAwsAccount {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const bucket = (name: string, region: string, rest: Partial<SimBucket> = {}): SimBucket =>
    ({ name, region, createdAt: daysAgo(600), acl: [], ...rest });
  return {
    accountId: ACCOUNT_ID,
    requiredExternalId: "cloud15-example-co",
    createdAt: "2019-04-01T00:00:00Z",
    // Account-level Block Public Access was never turned on.
    rootMfa: false,
    rootAccessKeys: true,
    passwordPolicy: {
      minimumLength: 6, requireSymbols: false, requireNumbers: false, requireUppercase: false, requireLowercase: false,
    },
    users: [
      { name: "tanaka", createdAt: daysAgo(900), password: { lastUsed: daysAgo(1) }, mfa: true, accessKeys: [] },
      { name: "suzuki", createdAt: daysAgo(700), password: { lastUsed: daysAgo(3) }, mfa: false, accessKeys: [] },
      {
        name: "ci-deploy", createdAt: daysAgo(420), mfa: false,
        accessKeys: [{ active: true, createdAt: daysAgo(400), lastUsed: daysAgo(1) }],
      },
      { name: "old-contractor", createdAt: daysAgo(210), mfa: false, accessKeys: [{ active: true, createdAt: daysAgo(200) }] },
      { name: "sato", createdAt: daysAgo(500), password: { lastUsed: daysAgo(10) }, mfa: true, accessKeys: [] },
    ],
    administratorAccess: {
      users: ["tanaka", "suzuki"],
      groups: [{ name: "admins", members: ["sato"] }],
      roles: ["OrganizationAccountAccessRole"],
    },
    buckets: [
      // Public through an ACL grant to everyone.
      bucket("example-co-public-assets", TOKYO, {
        acl: [{ granteeType: "Group", grantee: ALL_USERS_URI, permission: "READ" }],
      }),
      // Public through a bucket policy: anyone may read every object.
      bucket("example-co-website", TOKYO, {
        policy: policy([{
          Sid: "PublicReadGetObject", Effect: "Allow", Principal: "*", Action: "s3:GetObject",
          Resource: "arn:aws:s3:::example-co-website/*",
        }]),
      }),
      // Principal "*" but pinned to the partner's office network: not public.
      bucket("example-co-partner-share", TOKYO, {
        policy: policy([{
          Sid: "PartnerOfficeOnly", Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: ["arn:aws:s3:::example-co-partner-share", "arn:aws:s3:::example-co-partner-share/*"],
          Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
        }]),
      }),
      // CloudFront origin access control: a service principal, not public.
      bucket("example-co-cdn-origin", TOKYO, {
        publicAccessBlock: BLOCK_ALL,
        policy: policy([{
          Sid: "AllowCloudFrontServicePrincipalReadOnly", Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject",
          Resource: "arn:aws:s3:::example-co-cdn-origin/*",
          Condition: { StringEquals: { "AWS:SourceArn": `arn:aws:cloudfront::${ACCOUNT_ID}:distribution/E2EXAMPLE0CO` } },
        }]),
      }),
      // Done right: blocked, versioned, backed up by AWS Backup (selected by ARN).
      bucket("example-co-invoices", TOKYO, {
        publicAccessBlock: BLOCK_ALL, versioning: "Enabled", tags: { department: "accounting" },
      }),
      // Versioned, but no backup and no replication.
      bucket("example-co-hr-archive", TOKYO, { publicAccessBlock: BLOCK_ALL, versioning: "Enabled" }),
      // Data outside Japan, unversioned.
      bucket("example-co-us-export", "us-east-1"),
      // Backed up through the tag backup=daily.
      bucket("example-co-logs", TOKYO, { publicAccessBlock: BLOCK_ALL, tags: { backup: "daily" } }),
      // Protected by cross-region replication from Osaka to Tokyo instead of AWS Backup.
      bucket("example-co-design", OSAKA, {
        publicAccessBlock: BLOCK_ALL, versioning: "Enabled", replication: { destinations: ["example-co-design-replica"] },
      }),
      bucket("example-co-design-replica", TOKYO, { publicAccessBlock: BLOCK_ALL, versioning: "Enabled" }),
    ],
    backup: {
      [TOKYO]: {
        plans: [{
          id: "6f1d3c2a-8b4e-4c1f-9a7d-2e5b0c9d4a11",
          name: "daily-35days",
          selections: [
            { id: "b7e2a9c4-1d3f-4e8a-a6b5-7c0d9e2f1a33", name: "invoices", resources: [`arn:aws:s3:::example-co-invoices`] },
            {
              id: "c8f3b0d5-2e4a-4f9b-b7c6-8d1e0f3a2b44", name: "tagged-daily", resources: [],
              tags: [{ key: "backup", value: "daily" }],
            },
          ],
        }],
        protectedResourceArns: ["arn:aws:s3:::example-co-invoices", "arn:aws:s3:::example-co-logs"],
      },
    },
    // A trail made once in Tokyo, before "every region" was the default: nothing elsewhere is recorded.
    trails: [{ name: "example-co-trail", homeRegion: TOKYO, multiRegion: false, logging: true, bucket: "example-co-logs" }],
    // No security contact: AWS's warnings go to the sign-up address alone. Support stays on Basic.
    // Macie and Access Analyzer were switched on in Tokyo only; Osaka and us-east-1 also hold buckets.
    macie: { [TOKYO]: "ENABLED" },
    accessAnalyzers: { [TOKYO]: [{ name: "example-co-analyzer", type: "ACCOUNT" }] },
    regions: {
      [TOKYO]: {
        volumes: [
          { id: "vol-0e1c5a7b2d4f6a801", sizeGiB: 30, encrypted: true },
          { id: "vol-0e1c5a7b2d4f6a802", sizeGiB: 100, encrypted: true },
        ],
        snapshots: [
          // Shared with everyone "for a moment" to hand a disk to the web agency, and never undone.
          { id: "snap-0f3a9c1e5b7d2a401", volumeId: "vol-0e1c5a7b2d4f6a801", description: "web server disk for agency", encrypted: false, createVolumePermission: ["all"] },
          { id: "snap-0f3a9c1e5b7d2a402", volumeId: "vol-0e1c5a7b2d4f6a802", encrypted: true },
        ],
        images: [
          { id: "ami-0c4e8a2b6d1f3a501", name: "example-co-web-2024", public: true },
          { id: "ami-0c4e8a2b6d1f3a502", name: "example-co-batch", public: false },
        ],
        dbInstances: ["example-co-orders"],
        dbSnapshots: [
          // Made public to copy the database to a contractor's account.
          { id: "orders-before-migration", instance: "example-co-orders", restore: ["all"] },
          { id: "orders-2025-03", instance: "example-co-orders" },
        ],
        efsFileSystems: ["fs-0a1b2c3d4e5f60718"],
        ebsEncryptionByDefault: true,
        guardDuty: "ENABLED",
      },
      [OSAKA]: {
        // The disaster-recovery copy: a disk created before anyone switched default encryption on here.
        volumes: [{ id: "vol-0d2b4f6a8c0e1a901", sizeGiB: 30, encrypted: false }],
        snapshotBlockPublicAccess: "block-all-sharing",
        imageBlockPublicAccess: "block-new-sharing",
        guardDuty: "ENABLED",
      },
      // A table a developer made while trying a tutorial, in the console's default region.
      "us-east-1": { dynamoDbTables: ["example-co-web-sessions"] },
    },
  };
}

function policy(statements: object[]): object {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * A big account for the benchmark, with a realistic, repeatable mix: most buckets in Tokyo,
 * some in Osaka and us-east-1; most blocked; a few public by ACL or policy; half versioned;
 * a third tagged for backup. Users: most with console access, many with MFA, keys of all ages.
 */
export function largeAccount(opts: { buckets: number; users: number }, now: Date = new Date()): SimAwsAccount {
  const random = seededRandom(15);
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const pick = <T>(weighted: [number, T][]): T => {
    let r = random();
    for (const [weight, value] of weighted) {
      if ((r -= weight) < 0) return value;
    }
    return weighted[weighted.length - 1]![1];
  };

  const buckets: SimBucket[] = Array.from({ length: opts.buckets }, (_, i) => {
    const name = `bench-${String(i).padStart(5, "0")}`;
    const region = pick([[0.8, TOKYO], [0.12, OSAKA], [0.08, "us-east-1"]]);
    const exposure = pick<"blocked" | "open" | "acl" | "policy">([[0.7, "blocked"], [0.23, "open"], [0.04, "acl"], [0.03, "policy"]]);
    const b: SimBucket = { name, region, createdAt: daysAgo(30 + Math.floor(random() * 2000)), acl: [] };
    if (exposure === "blocked") b.publicAccessBlock = BLOCK_ALL;
    if (exposure === "acl") b.acl = [{ granteeType: "Group", grantee: ALL_USERS_URI, permission: "READ" }];
    if (exposure === "policy") {
      b.policy = policy([{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${name}/*` }]);
    }
    const versioning = pick<SimBucket["versioning"]>([[0.5, "Enabled"], [0.05, "Suspended"], [0.45, undefined]]);
    if (versioning !== undefined) b.versioning = versioning;
    if (random() < 0.33) b.tags = { backup: "daily", team: `team-${i % 7}` };
    if (versioning === "Enabled" && random() < 0.1) b.replication = { destinations: [`${name}-replica`] };
    return b;
  });

  const users: SimUser[] = Array.from({ length: opts.users }, (_, i) => {
    const hasConsole = random() < 0.6;
    const keys = pick([[0.5, 0], [0.4, 1], [0.1, 2]]);
    const user: SimUser = {
      name: `user-${String(i).padStart(5, "0")}`,
      createdAt: daysAgo(100 + Math.floor(random() * 1500)),
      mfa: hasConsole && random() < 0.7,
      accessKeys: Array.from({ length: keys }, () => {
        const age = Math.floor(random() * 800);
        return random() < 0.2
          ? { active: random() < 0.5, createdAt: daysAgo(age) }
          : { active: true, createdAt: daysAgo(age), lastUsed: daysAgo(Math.floor(random() * Math.min(age + 1, 200))) };
      }),
    };
    if (hasConsole) user.password = random() < 0.1 ? {} : { lastUsed: daysAgo(Math.floor(random() * 200)) };
    return user;
  });

  const backup: SimAwsAccount["backup"] = {};
  for (const region of [TOKYO, OSAKA]) {
    backup[region] = {
      plans: [{
        id: `plan-${region}`,
        name: "daily",
        selections: [{ id: `selection-${region}`, name: "tagged-daily", resources: [], tags: [{ key: "backup", value: "daily" }] }],
      }],
      protectedResourceArns: buckets
        .filter((b) => b.region === region && b.tags?.backup === "daily")
        .map((b) => `arn:aws:s3:::${b.name}`),
    };
  }

  const names = users.map((u) => u.name);
  return {
    accountId: "210987654321",
    createdAt: "2016-10-01T00:00:00Z",
    // Account-level Block Public Access off, as in most small companies: every bucket is read.
    rootMfa: true,
    rootAccessKeys: false,
    passwordPolicy: {
      minimumLength: 12, requireSymbols: true, requireNumbers: true, requireUppercase: true, requireLowercase: true,
      maxAgeDays: 90, reusePrevention: 5,
    },
    users,
    administratorAccess: {
      users: names.slice(0, 3),
      groups: [{ name: "admins", members: names.slice(3, 6) }],
      roles: ["OrganizationAccountAccessRole"],
    },
    buckets,
    backup,
    trails: [{ name: "organization-audit", homeRegion: "us-east-1", multiRegion: true, logging: true, ownerAccountId: "100000000001" }],
  };
}

