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
} as const;

export type AwsOperation = keyof typeof AWS_OPERATION_PERMISSIONS;
