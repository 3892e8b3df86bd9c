import { collected, failed, type CollectionError, type Fact } from "../../../providers/fact.ts";
import type {
  AccessKeyState, AdminPolicy, AdminUser, AwsFacts, BackupSelection, BucketFacts, ConsoleAccess, CredentialReportUser, RegionBackup,
} from "../../../providers/aws/facts.ts";
import type { Analyzer, Trail } from "../../../providers/aws/security-facts.ts";

/** An account with everything set right; each test breaks one thing. */
export const NOW = new Date("2026-11-27T00:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

export function denied(operation: string, permission: string): CollectionError {
  return { operation, permission, code: "AccessDenied", message: "Access Denied (HTTP 403)" };
}

export function goodBucket(name = "acme-data", overrides: Partial<BucketFacts> = {}): BucketFacts {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: collected("ap-northeast-1"),
    publicAccessBlock: collected({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }),
    acl: collected([{ granteeType: "CanonicalUser", grantee: "owner-id", permission: "FULL_CONTROL" }]),
    policy: collected(null),
    versioning: collected("Enabled"),
    ...overrides,
  };
}

type UserOverrides = Partial<ConsoleAccess> & {
  accessKeys?: AccessKeyState[] | Fact<AccessKeyState[]>;
  console?: Fact<ConsoleAccess>;
};

export function user(name: string, o: UserOverrides = {}): CredentialReportUser {
  const keys = o.accessKeys ?? [
    { slot: 1, active: false, lastRotated: null, lastUsed: null },
    { slot: 2, active: false, lastRotated: null, lastUsed: null },
  ];
  return {
    user: name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    console: o.console ?? collected({
      passwordEnabled: o.passwordEnabled ?? true,
      passwordLastUsed: o.passwordLastUsed === undefined ? daysAgo(1) : o.passwordLastUsed,
      mfaActive: o.mfaActive ?? true,
    }),
    accessKeys: Array.isArray(keys) ? collected(keys) : keys,
  };
}

export function admin(name: string, policies: AdminPolicy[] = [{ kind: "aws-managed", name: "AdministratorAccess" }], roles: string[] = []): AdminUser {
  return { name, policies, roles };
}

export function backupCovering(arns: string[]): RegionBackup {
  return {
    region: "ap-northeast-1",
    plans: [{ id: "plan-1", name: "daily" }],
    selections: [selection({ resources: arns })],
    recoveryPoints: [],
  };
}

export function selection(overrides: Partial<BackupSelection> = {}): BackupSelection {
  return { planId: "plan-1", selectionId: "sel-1", name: "important", resources: [], notResources: [], listOfTags: [], conditions: [], ...overrides };
}

export function goodTrail(overrides: Partial<Trail> = {}): Trail {
  return {
    name: "management-events",
    arn: "arn:aws:cloudtrail:ap-northeast-1:123456789012:trail/management-events",
    homeRegion: "ap-northeast-1",
    multiRegion: true,
    organization: false,
    logging: collected(true),
    managementEvents: collected({ read: true, write: true, excludedSources: [] }),
    ...overrides,
  };
}

export function analyzer(overrides: Partial<Analyzer> = {}): Analyzer {
  return {
    name: "account-analyzer",
    arn: "arn:aws:access-analyzer:ap-northeast-1:123456789012:analyzer/account-analyzer",
    type: "ACCOUNT",
    status: "ACTIVE",
    ...overrides,
  };
}

export function goodFacts(overrides: Partial<AwsFacts> = {}): AwsFacts {
  return {
    account: collected({ accountId: "123456789012", partition: "aws", callerArn: "arn:aws:iam::123456789012:user/scanner" }),
    accountPublicAccessBlock: collected({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }),
    buckets: collected([goodBucket()]),
    credentialReport: collected({ generatedAt: NOW.toISOString(), users: [user("tanaka")] }),
    accountSummary: collected({ rootMfaEnabled: true, rootAccessKeysPresent: false }),
    passwordPolicy: collected({
      minimumLength: 14, requireSymbols: true, requireNumbers: true, requireUppercase: true, requireLowercase: true,
      maxAgeDays: null, reusePrevention: 5,
    }),
    administrators: collected({ users: [admin("tanaka")], roles: [] }),
    backupPlans: collected({ "ap-northeast-1": collected([{ id: "plan-1", name: "daily" }]) }),
    backup: collected({ "ap-northeast-1": collected(backupCovering(["arn:aws:s3:::acme-data"])) }),
    trails: collected([goodTrail()]),
    securityContact: collected({ name: "Tanaka Taro", title: "CEO", email: "security@acme.example" }),
    supportPlan: collected({ businessOrHigher: true, severityLevels: ["low", "normal", "high", "urgent"] }),
    macie: collected({ "ap-northeast-1": collected("ENABLED") }),
    accessAnalyzers: collected({ "ap-northeast-1": collected([analyzer()]) }),
    regionsInUse: collected({
      enabled: ["ap-northeast-1", "ap-northeast-3", "us-east-1"],
      regions: {
        "ap-northeast-1": collected({ inUse: true, stores: [{ kind: "s3-bucket", id: "acme-data" }, { kind: "ebs-volume", id: "vol-0a1b2c3d" }], more: false }),
        "ap-northeast-3": collected({ inUse: false, stores: [], more: false }),
        "us-east-1": collected({ inUse: false, stores: [], more: false }),
      },
    }),
    publicSnapshots: inEnabledRegions([]),
    publicImages: inEnabledRegions([]),
    publicDbSnapshots: inEnabledRegions([]),
    snapshotBlockPublicAccess: collected({ "ap-northeast-1": collected("block-all-sharing") }),
    imageBlockPublicAccess: collected({ "ap-northeast-1": collected("block-new-sharing") }),
    ebsEncryptionByDefault: collected({ "ap-northeast-1": collected(true) }),
    guardDuty: collected({ "ap-northeast-1": collected([{ id: "12abc34d567e8fa901bc2d34e56789f0", status: "ENABLED" }]) }),
    ...overrides,
  };
}

/** The same value in each region the good account has enabled. */
export function inEnabledRegions<T>(value: T): Fact<Record<string, Fact<T>>> {
  return collected({ "ap-northeast-1": collected(value), "ap-northeast-3": collected(value), "us-east-1": collected(value) });
}

export { collected, failed, daysAgo };
