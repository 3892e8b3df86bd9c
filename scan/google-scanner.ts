import { GOOGLE_CHECKS } from "../checks/google/index.ts";
import type { ResourceRef } from "../checks/framework.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { GoogleFacts } from "../providers/google/facts.ts";
import type { Collected, CollectRequest, ProviderScanner } from "./provider-scanner.ts";

export const googleScanner: ProviderScanner<GoogleFacts> = {
  provider: "google",
  checks: GOOGLE_CHECKS,
  configured: (tenant) => tenant.google !== undefined,
  fallbackResource,

  async collect(tenant: TenantConfig, request: CollectRequest): Promise<Collected<GoogleFacts>> {
    if (!tenant.google) throw new Error(`tenant ${tenant.id} has no google settings`);
    // Loaded only for a tenant that uses it, so an AWS-only scan (and its cold start on Lambda,
    // where the bundle keeps this in its own chunk) never loads the Google SDKs.
    const { collectGoogleFacts } = await import("../providers/google/collect.ts");
    const collection = await collectGoogleFacts(tenant.google, {
      ...(request.credentials?.google ? { serviceAccountKey: request.credentials.google.serviceAccountKey } : {}),
      ...(request.concurrency ? { concurrency: request.concurrency } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    const { facts } = collection;
    const searched = facts.userDrives.ok ? facts.userDrives.value.length : 0;
    const sharedDrives = facts.sharedDrives.ok ? facts.sharedDrives.value.length : 0;
    return {
      facts,
      // The domain, known before any call, keeps account-level findings stable even when a scan fails.
      tenantResource: fallbackResource(tenant),
      apiCalls: collection.apiCalls,
      errors: collection.errors,
      reachedAccount: facts.users.ok,
      ...(collection.customerId ? { account: collection.customerId } : {}),
      startedAt: collection.startedAt,
      finishedAt: collection.finishedAt,
      ...(facts.userDrives.ok ? {
        notes: [{
          ja: `Google ドライブ: 有効なユーザー ${searched} 人のマイドライブと共有ドライブ ${sharedDrives} 個で、誰でも開けるファイルを検索しました。`,
          en: `Google Drive: searched the My Drive of ${searched} active users and ${sharedDrives} shared drives for files anyone can open.`,
        }],
      } : {}),
    };
  },
};

/** The Workspace domain (from the administrator's address) stands for the customer. */
function fallbackResource(tenant: TenantConfig): ResourceRef {
  const domain = tenant.google?.adminEmail.split("@")[1] ?? tenant.id;
  return { uid: `google:domain/${domain}`, name: `Google Workspace ${domain}`, type: "Google::Workspace::Customer", consoleUrl: "https://admin.google.com/" };
}
