/**
 * The IAM action behind every AWS operation the provider calls. Used to name the missing
 * permission in an `error` result, and by the test that proves readonly-policy.json allows
 * exactly what the scanner calls.
 */
export const AWS_OPERATION_PERMISSIONS = {
  // Needs no permission: AWS answers it for any valid credentials.
  GetCallerIdentity: null,
  // Granted to the scanner in its own account, not by the customer's read-only role.
  AssumeRole: "sts:AssumeRole",
  ListBuckets: "s3:ListAllMyBuckets",
  GetBucketLocation: "s3:GetBucketLocation",
  GetBucketAcl: "s3:GetBucketAcl",
  GetBucketPolicy: "s3:GetBucketPolicy",
  GetBucketPolicyStatus: "s3:GetBucketPolicyStatus",
  GetBucketPublicAccessBlock: "s3:GetBucketPublicAccessBlock",
  GetAccountPublicAccessBlock: "s3:GetAccountPublicAccessBlock",
  GetBucketVersioning: "s3:GetBucketVersioning",
  GetBucketReplication: "s3:GetReplicationConfiguration",
  GetResources: "tag:GetResources",
  GenerateCredentialReport: "iam:GenerateCredentialReport",
  GetCredentialReport: "iam:GetCredentialReport",
  GetAccountSummary: "iam:GetAccountSummary",
  GetAccountPasswordPolicy: "iam:GetAccountPasswordPolicy",
  GetAccountAuthorizationDetails: "iam:GetAccountAuthorizationDetails",
  ListBackupPlans: "backup:ListBackupPlans",
  ListBackupSelections: "backup:ListBackupSelections",
  GetBackupSelection: "backup:GetBackupSelection",
  ListProtectedResources: "backup:ListProtectedResources",
  DescribeTrails: "cloudtrail:DescribeTrails",
  GetTrailStatus: "cloudtrail:GetTrailStatus",
  GetEventSelectors: "cloudtrail:GetEventSelectors",
  ListAnalyzers: "access-analyzer:ListAnalyzers",
  GetAlternateContact: "account:GetAlternateContact",
  DescribeSeverityLevels: "support:DescribeSeverityLevels",
  GetMacieSession: "macie2:GetMacieSession",
  // Regions in use, and public sharing beyond S3 (providers/aws/regional.ts).
  DescribeRegions: "ec2:DescribeRegions",
  DescribeVolumes: "ec2:DescribeVolumes",
  DescribeSnapshots: "ec2:DescribeSnapshots",
  DescribeSnapshotAttribute: "ec2:DescribeSnapshotAttribute",
  DescribeImages: "ec2:DescribeImages",
  GetSnapshotBlockPublicAccessState: "ec2:GetSnapshotBlockPublicAccessState",
  GetImageBlockPublicAccessState: "ec2:GetImageBlockPublicAccessState",
  GetEbsEncryptionByDefault: "ec2:GetEbsEncryptionByDefault",
  DescribeDBInstances: "rds:DescribeDBInstances",
  DescribeDBSnapshots: "rds:DescribeDBSnapshots",
  DescribeDBSnapshotAttributes: "rds:DescribeDBSnapshotAttributes",
  DescribeDBClusterSnapshots: "rds:DescribeDBClusterSnapshots",
  DescribeDBClusterSnapshotAttributes: "rds:DescribeDBClusterSnapshotAttributes",
  ListTables: "dynamodb:ListTables",
  DescribeFileSystems: "elasticfilesystem:DescribeFileSystems",
  ListDetectors: "guardduty:ListDetectors",
  GetDetector: "guardduty:GetDetector",
} as const;

export type AwsOperation = keyof typeof AWS_OPERATION_PERMISSIONS;

/**
 * A service family: the prefix of its IAM actions (`s3`, `iam`, `access-analyzer`, ...), the
 * name each service's calls are limited and its throttles counted by (service-concurrency.ts).
 * GetCallerIdentity needs no permission; it is STS's.
 */
export type ServiceFamily = "sts" | FamilyOf<NonNullable<(typeof AWS_OPERATION_PERMISSIONS)[AwsOperation]>>;
type FamilyOf<Permission> = Permission extends `${infer Family}:${string}` ? Family : never;
