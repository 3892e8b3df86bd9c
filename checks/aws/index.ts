import type { AwsFacts } from "../../providers/aws/facts.ts";
import type { Check } from "../framework.ts";
import accessAnalyzerEnabled from "./access-analyzer-enabled.ts";
import accountSecurityContact from "./account-security-contact.ts";
import backupPlanExists from "./backup-plan-exists.ts";
import cloudTrailMultiRegionLogging from "./cloudtrail-multi-region-logging.ts";
import dataStoreRegion from "./data-store-region.ts";
import ec2EbsEncryptionByDefault from "./ec2-ebs-encryption-by-default.ts";
import ec2ImageBlockPublicAccess from "./ec2-image-block-public-access.ts";
import ec2ImagePublic from "./ec2-image-public.ts";
import ec2SnapshotBlockPublicAccess from "./ec2-snapshot-block-public-access.ts";
import ec2SnapshotPublic from "./ec2-snapshot-public.ts";
import guardDutyEnabled from "./guardduty-enabled.ts";
import iamAccessKeyRotation from "./iam-access-key-rotation.ts";
import iamAdministratorCount from "./iam-administrator-count.ts";
import iamPasswordPolicy from "./iam-password-policy.ts";
import iamRootAccessKeys from "./iam-root-access-keys.ts";
import iamRootMfa from "./iam-root-mfa.ts";
import iamUserConsoleMfa from "./iam-user-console-mfa.ts";
import macieEnabled from "./macie-enabled.ts";
import rdsSnapshotPublic from "./rds-snapshot-public.ts";
import s3AccountPublicAccessBlock from "./s3-account-public-access-block.ts";
import s3BucketBackup from "./s3-bucket-backup.ts";
import s3BucketPublic from "./s3-bucket-public.ts";
import s3BucketRegion from "./s3-bucket-region.ts";
import s3BucketVersioning from "./s3-bucket-versioning.ts";
import supportPlan from "./support-plan.ts";

/** Every AWS check. Adding a check: one file beside these, its test, and one line here. */
export const AWS_CHECKS: readonly Check<AwsFacts>[] = [
  s3AccountPublicAccessBlock,
  s3BucketPublic,
  s3BucketVersioning,
  s3BucketBackup,
  backupPlanExists,
  s3BucketRegion,
  iamRootMfa,
  iamRootAccessKeys,
  iamUserConsoleMfa,
  iamAccessKeyRotation,
  iamPasswordPolicy,
  iamAdministratorCount,
  cloudTrailMultiRegionLogging,
  accessAnalyzerEnabled,
  accountSecurityContact,
  supportPlan,
  macieEnabled,
  ec2SnapshotPublic,
  ec2ImagePublic,
  rdsSnapshotPublic,
  ec2SnapshotBlockPublicAccess,
  ec2ImageBlockPublicAccess,
  dataStoreRegion,
  ec2EbsEncryptionByDefault,
  guardDutyEnabled,
];
