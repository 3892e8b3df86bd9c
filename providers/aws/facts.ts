import type { Fact } from "../fact.ts";

/** Everything the AWS checks may read. Collected by `collectAwsFacts`, judged by `checks/aws/*`. */
export interface AwsFacts {
  account: Fact<AwsAccount>;
  /** Account-level S3 Block Public Access (S3 Control); null when never configured. */
  accountPublicAccessBlock: Fact<PublicAccessBlock | null>;
  buckets: Fact<BucketFacts[]>;
  credentialReport: Fact<CredentialReport>;
  /** Root MFA and root access keys, from GetAccountSummary. */
  accountSummary: Fact<AccountSummary>;
  /** null when the account has no password policy (NoSuchEntity). */
  passwordPolicy: Fact<PasswordPolicy | null>;
  /** Principals with the AWS managed policy AdministratorAccess attached. */
  administrators: Fact<AdministratorPrincipals>;
  /** AWS Backup, per region that holds buckets (plus the tenant's home region). */
  backup: Fact<Record<string, Fact<RegionBackup>>>;
}

export interface AwsAccount {
  accountId: string;
  partition: string;
  /** ARN of the identity the scanner ran as. */
  callerArn: string;
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface BucketFacts {
  name: string;
  arn: string;
  region: Fact<string>;
  creationDate?: string;
  /*
   * Block Public Access decides which of the next three matter, and the collector reads only
   * those: the bucket's block is skipped when the account's blocks both public ACLs and public
   * policies; the ACL when ignorePublicAcls holds; the policy when restrictPublicBuckets holds.
   */
  /** Bucket-level Block Public Access; null when not configured. */
  publicAccessBlock?: Fact<PublicAccessBlock | null>;
  acl?: Fact<AclGrant[]>;
  /** Policy document text; null when the bucket has no policy. */
  policy?: Fact<string | null>;
  /**
   * GetBucketPolicyStatus's IsPublic; null when there is no policy or the service does not
   * answer it. Only collected for buckets that have a policy.
   */
  policyStatus?: Fact<boolean | null>;
  versioning: Fact<VersioningState>;
  /** Only collected when AWS Backup does not already cover the bucket. null: no replication. */
  replication?: Fact<ReplicationSummary | null>;
  /** Only collected when a backup selection in the bucket's region selects by tag. */
  tags?: Fact<Record<string, string>>;
}

export interface AclGrant {
  granteeType: "CanonicalUser" | "Group" | "AmazonCustomerByEmail";
  /** Group URI, canonical id or e-mail. */
  grantee: string;
  permission: "FULL_CONTROL" | "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP";
}

export type VersioningState = "Enabled" | "Suspended" | "Disabled";

export interface ReplicationSummary {
  enabledRules: number;
  destinations: string[];
}

export interface CredentialReport {
  /** When AWS generated the report; it can be up to 4 hours old. */
  generatedAt: string;
  users: CredentialReportUser[];
}

export interface CredentialReportUser {
  user: string;
  arn: string;
  createdAt: string;
  passwordEnabled: boolean;
  passwordLastUsed: string | null;
  mfaActive: boolean;
  accessKeys: AccessKeyState[];
}

export interface AccessKeyState {
  /** 1 or 2, as in the credential report columns. */
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
  lastUsed: string | null;
}

export interface AccountSummary {
  rootMfaEnabled: boolean;
  rootAccessKeysPresent: boolean;
}

export interface PasswordPolicy {
  minimumLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercase: boolean;
  requireLowercase: boolean;
  maxAgeDays: number | null;
  reusePrevention: number | null;
}

export interface AdministratorPrincipals {
  users: string[];
  roles: string[];
  groups: { name: string; members: string[] }[];
}

export interface RegionBackup {
  region: string;
  plans: { id: string; name: string }[];
  selections: BackupSelection[];
  /** ARNs AWS Backup reports as protected (it has a recovery point for them). */
  protectedResourceArns: string[];
}

export interface BackupSelection {
  planId: string;
  selectionId: string;
  name: string;
  /** ARNs, may end in `*`. */
  resources: string[];
  notResources: string[];
  /** Tag conditions (StringEquals); a resource matching any is selected. */
  tags: { key: string; value: string }[];
}
