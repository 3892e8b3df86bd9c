import { AWS_CHECKS } from "../checks/aws/index.ts";
import type { ResourceRef } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import { collectAwsFacts } from "../providers/aws/collect.ts";
import type { AwsFacts } from "../providers/aws/facts.ts";
import type { Collected, CollectRequest, ProviderScanner } from "./provider-scanner.ts";

export const awsScanner: ProviderScanner<AwsFacts> = {
  provider: "aws",
  checks: AWS_CHECKS,
  configured: (tenant) => tenant.aws !== undefined,
  fallbackResource,

  async collect(tenant: TenantConfig, request: CollectRequest): Promise<Collected<AwsFacts>> {
    if (!tenant.aws) throw new Error(`tenant ${tenant.id} has no aws settings`);
    const collection = await collectAwsFacts(tenant.aws, tenant.id, {
      ...(request.credentials?.aws ? { credentials: request.credentials.aws } : {}),
      ...(request.concurrency ? { concurrency: request.concurrency } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    const { facts, accountId } = collection;
    const partition = facts.account.ok ? facts.account.value.partition : "aws";
    const tenantResource: ResourceRef = accountId
      ? { uid: `arn:${partition}:iam::${accountId}:root`, name: `AWS account ${accountId}`, type: "AWS::Account" }
      : fallbackResource(tenant);
    return {
      facts,
      tenantResource,
      apiCalls: collection.apiCalls,
      concurrency: collection.limits,
      errors: collection.errors,
      reachedAccount: facts.account.ok,
      ...(accountId ? { account: accountId } : {}),
      startedAt: collection.startedAt,
      finishedAt: collection.finishedAt,
      ...(facts.credentialReport.ok ? { notes: [credentialReportNote(facts.credentialReport.value.generatedAt)] } : {}),
    };
  },
};

/** Stands for the account when its id is unknown (the scan could not even identify it). */
function fallbackResource(tenant: TenantConfig): ResourceRef {
  return { uid: `aws:tenant/${tenant.id}`, name: `AWS (${tenant.id})`, type: "AWS::Account" };
}

/** AWS regenerates the credential report at most every 4 hours; the owner should know its age. */
function credentialReportNote(generatedAt: string) {
  return {
    ja: `IAM 認証情報レポートの作成時刻: ${generatedAt}（最大 4 時間前の状態の場合があります）`,
    en: `IAM credential report generated at ${generatedAt} (it can be up to 4 hours old)`,
  };
}
