import type { BucketFacts, CredentialReportUser } from "../../providers/aws/facts.ts";
import type { ResourceRef } from "../framework.ts";

/** How AWS resources appear in findings: stable uid (ARN) and a console link the owner can click. */
export function bucketResource(b: BucketFacts): ResourceRef {
  const region = b.region.ok ? b.region.value : undefined;
  return {
    uid: b.arn,
    name: b.name,
    type: "AWS::S3::Bucket",
    ...(region ? { region } : {}),
    consoleUrl: `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(b.name)}${region ? `?region=${region}` : ""}`,
  };
}

export function userResource(u: CredentialReportUser): ResourceRef {
  return {
    uid: u.arn,
    name: u.user,
    type: "AWS::IAM::User",
    consoleUrl: `https://console.aws.amazon.com/iam/home#/users/details/${encodeURIComponent(u.user)}`,
  };
}

export const ROOT_CREDENTIALS_URL = "https://console.aws.amazon.com/iam/home#/security_credentials";
