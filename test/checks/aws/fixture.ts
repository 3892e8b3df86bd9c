import { collected, failed, type CollectionError } from "../../../providers/fact.ts";
import type { AwsFacts, BucketFacts, CredentialReportUser, RegionBackup } from "../../../providers/aws/facts.ts";

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

export function user(name: string, overrides: Partial<CredentialReportUser> = {}): CredentialReportUser {
  return {
    user: name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    createdAt: daysAgo(400),
    passwordEnabled: true,
    passwordLastUsed: daysAgo(1),
    mfaActive: true,
    accessKeys: [
      { slot: 1, active: false, lastRotated: null, lastUsed: null },
      { slot: 2, active: false, lastRotated: null, lastUsed: null },
    ],
    ...overrides,
  };
}

export function backupCovering(arns: string[]): RegionBackup {
  return {
    region: "ap-northeast-1",
    plans: [{ id: "plan-1", name: "daily" }],
    selections: [{ planId: "plan-1", selectionId: "sel-1", name: "important", resources: arns, notResources: [], tags: [] }],
    protectedResourceArns: [],
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
    administrators: collected({ users: ["tanaka"], roles: [], groups: [] }),
    backup: collected({ "ap-northeast-1": collected(backupCovering(["arn:aws:s3:::acme-data"])) }),
    ...overrides,
  };
}

export { collected, failed, daysAgo };
