import type { S3Client } from "@aws-sdk/client-s3";
import { ConfigError, parseConfig } from "../config/load.ts";
import type { Config, TenantConfig } from "../config/schema.ts";
import { CONFIG_KEY } from "../store/s3-layout.ts";
import { readObjectText } from "../store/s3-objects.ts";

/**
 * The deployment's config file, `s3://<bucket>/config/cloud15.json`: the same file and the
 * same checks as `cloud15 scan --config`. Read on every run, so an upload takes effect at the
 * next scan without a deployment.
 */
export async function loadCloudConfig(s3: S3Client, bucket: string): Promise<Config> {
  const where = `s3://${bucket}/${CONFIG_KEY}`;
  const text = await readObjectText(s3, bucket, CONFIG_KEY);
  if (text === undefined) throw new ConfigError(where, [{ where: "file", expected: "the config file, uploaded there (docs/deploy.md)", found: "no such object" }]);
  return parseConfig(text, where);
}

/**
 * Why a tenant cannot be scanned from Lambda, or undefined. The Lambda's own role may read
 * nothing of a customer: it only assumes the customer's read-only role, and only with the
 * ExternalId that stops another vendor's deployment from pointing at that role.
 */
export function lambdaTenantProblem(tenant: TenantConfig): string | undefined {
  if (tenant.aws && (!tenant.aws.roleArn || !tenant.aws.externalId)) {
    return `tenant ${tenant.id}: aws.roleArn and aws.externalId are required on Lambda (the customer deploys deploy/customer-role.json)`;
  }
  return undefined;
}
