/**
 * A plain-data model of one AWS account, as the simulator serves it. JSON-serialisable so a
 * demo or test can keep it in a file; dates are ISO 8601 strings.
 */
export interface SimAwsAccount {
  /** 12 digits. */
  accountId: string;
  /** When set, AssumeRole must present this ExternalId (the MSP pattern). */
  requiredExternalId?: string;
  /** When the account was opened: the credential report's root `user_creation_time`. */
  createdAt?: string;
  /** Account-level S3 Block Public Access (S3 Control); undefined = never configured. */
  publicAccessBlock?: SimPab;
  rootMfa: boolean;
  rootAccessKeys: boolean;
  passwordPolicy?: SimPasswordPolicy;
  users: SimUser[];
  /** Who has the AWS managed policy AdministratorAccess attached. */
  administratorAccess: {
    users: string[];
    groups: { name: string; members: string[] }[];
    roles: string[];
  };
  /** IAM authorization beyond AdministratorAccess: GetAccountAuthorizationDetails serves both. */
  authorization?: SimAuthorization;
  buckets: SimBucket[];
  /** AWS Backup, by region. A region that is absent has nothing configured. */
  backup: Record<string, SimRegionBackup>;
  /** Answers that are wrong in ways the docs allow or a broken endpoint sends (fault switches). */
  quirks?: SimQuirks;
  /** Regions enabled for the account (DescribeRegions); absent: the regions AWS enables by default. */
  enabledRegions?: string[];
  /** EC2, RDS, DynamoDB, EFS and GuardDuty, by region. A region that is absent holds nothing and has every setting at its default. */
  regions?: Record<string, SimRegion>;
  /** CloudTrail trails; absent: none. */
  trails?: SimTrail[];
  /** The security alternate contact; absent: never set. */
  securityContact?: { name: string; title: string; email: string; phone: string };
  /** Absent: Basic. */
  supportPlan?: SimSupportPlan;
  /** Amazon Macie by region; a region that is absent never had Macie enabled. */
  macie?: Record<string, "ENABLED" | "PAUSED">;
  /** IAM Access Analyzer analyzers by region. */
  accessAnalyzers?: Record<string, { name: string; type: string; status?: "ACTIVE" | "CREATING" | "DISABLED" | "FAILED" }[]>;
}

export type SimSupportPlan = "basic" | "developer" | "business" | "enterprise-on-ramp" | "enterprise";

export interface SimTrail {
  name: string;
  homeRegion: string;
  multiRegion: boolean;
  logging: boolean;
  /** Set for an organization trail: the management account that owns it. */
  ownerAccountId?: string;
  bucket?: string;
  /** Served as they are; absent (and no advanced ones): the default, every management event. */
  eventSelectors?: object[];
  advancedEventSelectors?: object[];
}

/** One region of the regional services; absent lists are empty, absent settings AWS's defaults. */
export interface SimRegion {
  volumes?: { id: string; sizeGiB: number; encrypted: boolean }[];
  /** EBS snapshots the account owns; `createVolumePermission`: `all` (public) or account ids. */
  snapshots?: { id: string; volumeId: string; description?: string; encrypted: boolean; createVolumePermission?: string[] }[];
  /** AMIs the account owns. */
  images?: { id: string; name: string; public: boolean }[];
  dbInstances?: string[];
  /** Manual DB snapshots; `restore`: `all` (public) or account ids. */
  dbSnapshots?: { id: string; instance: string; restore?: string[] }[];
  dbClusterSnapshots?: { id: string; cluster: string; restore?: string[] }[];
  dynamoDbTables?: string[];
  efsFileSystems?: string[];
  /** Default false, as AWS. */
  ebsEncryptionByDefault?: boolean;
  /** Default `unblocked`. */
  snapshotBlockPublicAccess?: "block-all-sharing" | "block-new-sharing" | "unblocked";
  /** Default `unblocked`. */
  imageBlockPublicAccess?: "block-new-sharing" | "unblocked";
  /** The region's GuardDuty detector; absent: GuardDuty was never turned on. */
  guardDuty?: "ENABLED" | "DISABLED";
}

/** The regions AWS enables for every account (those opened after 2019 need an opt-in). */
export const DEFAULT_ENABLED_REGIONS = [
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
  "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1",
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];

export interface SimAuthorization {
  /** Groups besides administratorAccess.groups, with their members. */
  groups?: { name: string; members: string[] }[];
  /** Roles besides administratorAccess.roles (which trust another account), with trust policies. */
  roles?: { name: string; trust: object }[];
  /** Customer-managed policies and what they are attached to. */
  customerPolicies?: { name: string; document: object; users?: string[]; groups?: string[]; roles?: string[] }[];
  inlinePolicies?: { on: "user" | "group" | "role"; principal: string; name: string; document: object }[];
}

export interface SimQuirks {
  /** Credential report columns left out, as a renamed or dropped column would be. */
  credentialReportWithout?: string[];
  /** Credential report cells served verbatim: user name (or `<root_account>`) → column → text. */
  credentialReportCells?: Record<string, Record<string, string>>;
  /** No `<root_account>` row, as moto serves the report. */
  credentialReportWithoutRoot?: boolean;
}

export interface SimPab {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface SimPasswordPolicy {
  minimumLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercase: boolean;
  requireLowercase: boolean;
  maxAgeDays?: number;
  reusePrevention?: number;
}

export interface SimUser {
  name: string;
  createdAt: string;
  /** Present when the user can sign in to the console. */
  password?: { lastUsed?: string };
  mfa: boolean;
  /** At most two, as in IAM (the credential report has two key slots). */
  accessKeys: SimAccessKey[];
}

export interface SimAccessKey {
  active: boolean;
  createdAt: string;
  lastUsed?: string;
}

export interface SimBucket {
  name: string;
  region: string;
  createdAt: string;
  publicAccessBlock?: SimPab;
  /** Grants besides the owner's FULL_CONTROL, which every bucket has. */
  acl: SimAclGrant[];
  /** The bucket policy document, served as JSON; a string is served verbatim (garbage included). */
  policy?: object | string;
  /** Undefined: versioning was never enabled. */
  versioning?: "Enabled" | "Suspended";
  /** Destination bucket names or ARNs. */
  replication?: { destinations: string[] };
  tags?: Record<string, string>;
}

export interface SimAclGrant {
  granteeType: "CanonicalUser" | "Group" | "AmazonCustomerByEmail";
  /** Canonical user id, group URI or e-mail, by `granteeType`. */
  grantee: string;
  permission: "FULL_CONTROL" | "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP";
}

export interface SimRegionBackup {
  plans: SimBackupPlan[];
  /** What AWS Backup holds recovery points for. */
  protectedResourceArns: string[];
  /** When each was last backed up; default 03:00 UTC today; null: LastBackupTime left out. */
  lastBackupTimes?: Record<string, string | null>;
}

export interface SimBackupPlan {
  id: string;
  name: string;
  selections: SimBackupSelection[];
}

export interface SimBackupSelection {
  id: string;
  name: string;
  /** Resource ARNs; may end in `*`. */
  resources: string[];
  notResources?: string[];
  /** ListOfTags (StringEquals); a resource matching any one is selected. */
  tags?: { key: string; value: string }[];
  /** Conditions (keys with or without `aws:ResourceTag/`); a resource must match all. */
  conditions?: { operator: "StringEquals" | "StringNotEquals" | "StringLike" | "StringNotLike"; key: string; value: string }[];
}

export const ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
export const ADMINISTRATOR_ACCESS_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";

/** For accounts whose model leaves out when they were opened. */
const DEFAULT_ACCOUNT_CREATED_AT = "2018-04-01T00:00:00Z";

export function accountCreatedAt(account: SimAwsAccount): string {
  return account.createdAt ?? DEFAULT_ACCOUNT_CREATED_AT;
}
