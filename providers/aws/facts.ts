import type { CollectionError, Fact } from "../fact.ts";
import type { SecurityFacts } from "./security-facts.ts";

/** Everything the AWS checks may read. Collected by `collectAwsFacts`, judged by `checks/aws/*`. */
export interface AwsFacts extends SecurityFacts {
  account: Fact<AwsAccount>;
  /** Account-level S3 Block Public Access (S3 Control); null when never configured. */
  accountPublicAccessBlock: Fact<PublicAccessBlock | null>;
  buckets: Fact<BucketFacts[]>;
  credentialReport: Fact<CredentialReport>;
  /** Root MFA and root access keys, from GetAccountSummary. */
  accountSummary: Fact<AccountSummary>;
  /** null when the account has no password policy (NoSuchEntity). */
  passwordPolicy: Fact<PasswordPolicy | null>;
  /** Who holds administrator rights, and how (from GetAccountAuthorizationDetails). */
  administrators: Fact<AdministratorPrincipals>;
  /** AWS Backup plans (ListBackupPlans alone), per region that holds buckets plus the home region. */
  backupPlans: Fact<Record<string, Fact<BackupPlanSummary[]>>>;
  /** AWS Backup selections and recovery points, per region as backupPlans. */
  backup: Fact<Record<string, Fact<RegionBackup>>>;
  /**
   * The regions the account uses (providers/aws/regions.ts): every region enabled for it, each
   * with what one cheap listing per data service found there, or why it could not be listed.
   * A region whose listing failed is never taken as "not in use": `regionsInUseOf` gives it
   * back as failed, and a regional check reports `error` for it. Failed as a whole only when
   * DescribeRegions itself failed.
   */
  regionsInUse: Fact<RegionsInUse>;
  /*
   * Public sharing beyond S3, per enabled region: a snapshot or an image outlives the volume
   * and the instance it came from, so these are read in every region, not only in those in use.
   */
  /** EBS snapshots this account owns that anyone may restore (createVolumePermission group `all`). */
  publicSnapshots: Fact<Record<string, Fact<PublicSnapshot[]>>>;
  /** AMIs this account owns that are public. */
  publicImages: Fact<Record<string, Fact<PublicImage[]>>>;
  /** Manual RDS and Aurora snapshots whose `restore` attribute includes `all`. */
  publicDbSnapshots: Fact<Record<string, Fact<PublicDbSnapshot[]>>>;
  /* Regional settings, per region in use (a region whose use is unknown carries that failure). */
  /** Block public access for EBS snapshots (GetSnapshotBlockPublicAccessState). */
  snapshotBlockPublicAccess: Fact<Record<string, Fact<SnapshotBlockPublicAccess>>>;
  /** Block public access for AMIs (GetImageBlockPublicAccessState). */
  imageBlockPublicAccess: Fact<Record<string, Fact<ImageBlockPublicAccess>>>;
  /** GetEbsEncryptionByDefault. */
  ebsEncryptionByDefault: Fact<Record<string, Fact<boolean>>>;
  /** GuardDuty detectors of the region (at most one per region), with their status. */
  guardDuty: Fact<Record<string, Fact<GuardDutyDetector[]>>>;
}

export interface RegionsInUse {
  /** Regions enabled for the account (DescribeRegions: opted in, or needing no opt-in). */
  enabled: string[];
  /** Per enabled region. */
  regions: Record<string, Fact<RegionDataStores>>;
}

export interface RegionDataStores {
  /** Something that holds data is there (a store below, or an S3 bucket). */
  inUse: boolean;
  /** What the first page of each listing showed; not every store when `more`. */
  stores: DataStore[];
  /** Some listing had further pages that were not read: there are more stores than `stores`. */
  more: boolean;
  /** A listing that failed in a region known to be in use: its kind of store may be there too. */
  incomplete?: CollectionError;
}

export type DataStoreKind = "s3-bucket" | "ebs-volume" | "rds-instance" | "rds-cluster" | "dynamodb-table" | "efs-file-system";

export interface DataStore {
  kind: DataStoreKind;
  /** The store's own id or name (vol-…, table name, fs-…). */
  id: string;
}

export interface PublicSnapshot {
  id: string;
  region: string;
  volumeId?: string;
  description?: string;
  encrypted: boolean;
}

export interface PublicImage {
  id: string;
  region: string;
  name?: string;
}

export interface PublicDbSnapshot {
  /** The snapshot's identifier and ARN; `cluster`: an Aurora (DB cluster) snapshot. */
  id: string;
  arn: string;
  region: string;
  kind: "instance" | "cluster";
  /** The DB instance or cluster it was taken from. */
  source?: string;
  encrypted: boolean;
}

/** As documented: `block-all-sharing` also makes snapshots already public private again. */
export type SnapshotBlockPublicAccess = "block-all-sharing" | "block-new-sharing" | "unblocked";
/** As documented: `block-new-sharing` blocks new public AMIs; those already public stay so. */
export type ImageBlockPublicAccess = "block-new-sharing" | "unblocked";

export interface GuardDutyDetector {
  id: string;
  /** ENABLED or DISABLED, as GetDetector documents it. */
  status: string;
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
   * answer it. Only collected for buckets whose policy cloud15's own reading finds private.
   */
  policyStatus?: Fact<boolean | null>;
  versioning: Fact<VersioningState>;
  /**
   * Only collected when AWS Backup does not already cover the bucket. null: no replication
   * (without a read for a bucket never versioned: S3 replicates only versioned buckets).
   */
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
  /** Failed for this user alone when one of its cells could not be read. */
  console: Fact<ConsoleAccess>;
  accessKeys: Fact<AccessKeyState[]>;
}

export interface ConsoleAccess {
  passwordEnabled: boolean;
  /** null: never used, or IAM has no record (`no_information`). */
  passwordLastUsed: string | null;
  mfaActive: boolean;
}

export interface AccessKeyState {
  /** 1 or 2, as in the credential report columns. */
  slot: 1 | 2;
  active: boolean;
  /** null only for a slot without an active key (`N/A`). */
  lastRotated: string | null;
  /** null: never used (`N/A`). */
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

/** A policy that grants every action on every resource, and where it sits. */
export interface AdminPolicy {
  kind: "aws-managed" | "customer-managed" | "inline";
  name: string;
  /** Set when the user holds it through this group. */
  group?: string;
}

export interface AdminUser {
  name: string;
  /** Policies that make the user an administrator directly or through a group. */
  policies: AdminPolicy[];
  /** Administrator roles the user can assume. */
  roles: string[];
}

export interface AdminRole {
  name: string;
  policies: AdminPolicy[];
  /** The trust policy names this account (or everyone): its users with sts:AssumeRole can assume it. */
  trustsAccount: boolean;
  /** Users the trust policy names one by one. */
  trustedUsers: string[];
}

export interface AdministratorPrincipals {
  users: AdminUser[];
  roles: AdminRole[];
}

export interface BackupPlanSummary {
  id: string;
  name: string;
}

export interface RegionBackup {
  region: string;
  plans: BackupPlanSummary[];
  selections: BackupSelection[];
  /** What AWS Backup holds recovery points for, with the last one's time (null: none recorded). */
  recoveryPoints: { arn: string; lastBackupTime: string | null }[];
}

/** A selection as AWS Backup documents it (BackupSelection): see backup-coverage.ts for the logic. */
export interface BackupSelection {
  planId: string;
  selectionId: string;
  name: string;
  /** ARNs, may contain `*`; OR'ed. Empty: not narrowed by ARN. */
  resources: string[];
  notResources: string[];
  /** ListOfTags: StringEquals only, OR'ed. */
  listOfTags: { key: string; value: string }[];
  /** Conditions: every one must hold (AND). Keys without the `aws:ResourceTag/` prefix. */
  conditions: BackupCondition[];
}

export interface BackupCondition {
  operator: "StringEquals" | "StringNotEquals" | "StringLike" | "StringNotLike";
  key: string;
  value: string;
}
