import { randomUUID } from "node:crypto";
import { errorResult, runCheck, type CheckContext, type Provider } from "../checks/framework.ts";
import { resolvePolicy } from "../config/load.ts";
import type { TenantConfig } from "../config/schema.ts";
import { buildFeed } from "../feed/build.ts";
import type { CheckRun } from "../feed/lifecycle.ts";
import type { Feed, FeedProviderScan } from "../feed/schema.ts";
import type { FeedStore } from "../store/feed-store.ts";
import { awsScanner } from "./aws-scanner.ts";
import type { ProviderScanner, ScanCredentials } from "./provider-scanner.ts";

/** Every cloud cloud15 knows. Each scanner pairs its own fact type with its checks, hence `any` here. */
export const PROVIDER_SCANNERS: readonly ProviderScanner<any>[] = [awsScanner];

export interface ScanProgress {
  tenantId: string;
  provider: Provider;
  step: string;
  done: number;
  total: number;
}

export interface ScanTenantOptions {
  tenant: TenantConfig;
  store: FeedStore;
  credentials?: ScanCredentials;
  /** Calls in flight at once per provider. */
  concurrency?: number;
  now?: () => Date;
  onProgress?: (event: ScanProgress) => void;
  /** The clouds to scan; all of them unless a test narrows it. */
  scanners?: readonly ProviderScanner<any>[];
}

/**
 * One scan of one tenant, the same for the CLI and the Lambda: collect each configured
 * provider's facts, run every one of its checks, build the feed against the previous one,
 * store it, return it. Collection problems end up in the feed; only a store failure throws.
 */
export async function scanTenant(opts: ScanTenantOptions): Promise<Feed> {
  const { tenant, store } = opts;
  const now = opts.now ?? (() => new Date());
  const startedAt = now();
  const previous = await store.latest(tenant.id);
  const ctx = { tenantId: tenant.id, now: startedAt, policy: resolvePolicy(tenant) };

  const scanners = (opts.scanners ?? PROVIDER_SCANNERS).filter((s) => s.configured(tenant));
  const runs = await Promise.all(scanners.map((scanner) => scanProvider(scanner, tenant, ctx, opts)));

  const feed = buildFeed({
    tenant: { id: tenant.id, name: tenant.name },
    scanId: randomUUID(),
    startedAt,
    finishedAt: now(),
    checks: runs.flatMap((r) => r.checks),
    providers: runs.map((r) => r.scan),
    previous,
    ...(tenant.attestations ? { attestations: tenant.attestations } : {}),
  });
  await store.put(tenant.id, feed);
  return feed;
}

async function scanProvider<F extends object>(
  scanner: ProviderScanner<F>,
  tenant: TenantConfig,
  base: Omit<CheckContext, "tenantResource">,
  opts: ScanTenantOptions,
): Promise<{ scan: FeedProviderScan; checks: CheckRun[] }> {
  const startedAt = new Date();
  try {
    const collected = await scanner.collect(tenant, {
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      onProgress: (e) => opts.onProgress?.({ tenantId: tenant.id, provider: scanner.provider, ...e }),
    });
    const ctx: CheckContext = { ...base, tenantResource: collected.tenantResource };
    const checks = scanner.checks.map((check) => ({ meta: check.meta, results: runCheck(check, collected.facts, ctx) }));
    const status = collected.errors.length === 0 ? "ok" : collected.reachedAccount ? "partial" : "error";
    return {
      checks,
      scan: {
        provider: scanner.provider,
        status,
        startedAt: collected.startedAt.toISOString(),
        finishedAt: collected.finishedAt.toISOString(),
        apiCalls: collected.apiCalls,
        errors: collected.errors,
        ...(collected.account ? { account: collected.account } : {}),
        ...(collected.notes ? { notes: collected.notes } : {}),
      },
    };
  } catch (err) {
    // A provider that blew up has looked at nothing: every one of its checks is `error`,
    // none is left out (it would vanish from the grid) and none can pass.
    const error = {
      operation: `collect ${scanner.provider}`,
      code: err instanceof Error ? err.name : "Error",
      message: err instanceof Error ? err.message : String(err),
    };
    const resource = scanner.fallbackResource(tenant);
    return {
      checks: scanner.checks.map((check) => ({ meta: check.meta, results: [errorResult(resource, error)] })),
      scan: {
        provider: scanner.provider,
        status: "error",
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        apiCalls: {},
        errors: [error],
      },
    };
  }
}
