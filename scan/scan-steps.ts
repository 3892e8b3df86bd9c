import { errorResult, runCheck, type CheckContext, type Provider } from "../checks/framework.ts";
import { ownerPolicyOf, resolvePolicy } from "../config/load.ts";
import type { TenantConfig } from "../config/schema.ts";
import { buildFeed } from "../feed/build.ts";
import type { CheckRun } from "../feed/lifecycle.ts";
import type { Feed, FeedProviderScan } from "../feed/schema.ts";
import type { CollectionError } from "../providers/fact.ts";
import { redactedMessage } from "../providers/redact-secrets.ts";
import type { AnswerStore } from "../store/answer-store.ts";
import type { FeedStore } from "../store/feed-store.ts";
import type { TicketSync } from "../tickets/sync.ts";
import { tenantProviders } from "./configured-providers.ts";
import type { Collected, ProviderScanner, ProviderStateStore, ScanCredentials } from "./provider-scanner.ts";

/*
 * The two steps of every scan, apart from scan/scan-tenant.ts so that they name no scanner:
 * a Lambda function that scans one provider bundles that provider's SDK and no other.
 */

export interface ScanProgress {
  tenantId: string;
  provider: Provider;
  step: string;
  done: number;
  total: number;
}

/** What collecting one provider may be given. */
export interface ProviderScanOptions {
  credentials?: ScanCredentials;
  /** Calls in flight at once per provider. */
  concurrency?: number;
  onProgress?: (event: ScanProgress) => void;
  /** The tenant's provider state (delta tokens). */
  state?: ProviderStateStore;
  /** When the run must be over (a Lambda's timeout). */
  deadline?: Date;
  /** The owner's answers, where the online shop's approved baselines are kept. */
  answers?: AnswerStore;
}

/** One provider's part of a scan: every check's results, and how the collection went. */
export interface ProviderRun {
  scan: FeedProviderScan;
  checks: CheckRun[];
}

export interface StoreScanInput {
  tenant: TenantConfig;
  store: FeedStore;
  answers?: AnswerStore;
  scanId: string;
  /** The checks' clock: results are seen at this moment. */
  startedAt: Date;
  finishedAt: Date;
  runs: readonly ProviderRun[];
  tickets?: TicketSync;
}

/** Builds the feed of a finished scan against the stored previous one, stores it, and syncs tickets when asked. */
export async function storeScan(input: StoreScanInput): Promise<Feed> {
  const { tenant, store } = input;
  // Two reads of our own stores, neither waiting on the other: each is a round trip of every invocation that builds a feed.
  const [previous, recordedAnswers] = await Promise.all([
    store.latest(tenant.id),
    input.answers ? input.answers.list(tenant.id) : [],
  ]);
  const built = buildFeed({
    tenant: { id: tenant.id, name: tenant.name },
    scanId: input.scanId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    checks: input.runs.flatMap((r) => r.checks),
    providers: input.runs.map((r) => r.scan),
    // A round that leaves out some of the tenant's providers (the shop's hourly round) carries their last results.
    notScanned: tenantProviders(tenant).filter((p) => !input.runs.some((r) => r.scan.provider === p)),
    previous,
    ...(tenant.attestations ? { attestations: tenant.attestations } : {}),
    recordedAnswers,
    policy: ownerPolicyOf(tenant),
  });
  // Ticket updates are stored before the feed that supersedes them (TicketSync explains why),
  // and delivered once the feed is safe.
  const feed = input.tickets ? await input.tickets.prepare(tenant, previous, built) : built;
  await store.put(tenant.id, feed);
  await input.tickets?.deliver(tenant);
  return feed;
}

/** Collects one provider's facts and runs its checks; a provider that blows up is `unreachable`, its results `error`. */
export async function scanProvider<F extends object>(
  scanner: ProviderScanner<F>,
  tenant: TenantConfig,
  scanStartedAt: Date,
  opts: ProviderScanOptions,
): Promise<ProviderRun> {
  const startedAt = new Date();
  const base = { tenantId: tenant.id, now: scanStartedAt, policy: resolvePolicy(tenant) };
  try {
    const collected = await scanner.collect(tenant, {
      ...(opts.credentials ? { credentials: opts.credentials } : {}),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      ...(opts.state ? { state: opts.state } : {}),
      ...(opts.deadline ? { deadline: opts.deadline } : {}),
      ...(opts.answers ? { answers: opts.answers } : {}),
      onProgress: (e) => opts.onProgress?.({ tenantId: tenant.id, provider: scanner.provider, ...e }),
    });
    const ctx: CheckContext = { ...base, tenantResource: collected.tenantResource };
    const checks = scanner.checks.map((check) => ({ meta: check.meta, results: runCheck(check, collected.facts, ctx) }));
    return {
      checks,
      scan: {
        provider: scanner.provider,
        status: collectionStatus(collected, checks),
        startedAt: collected.startedAt.toISOString(),
        finishedAt: collected.finishedAt.toISOString(),
        apiCalls: collected.apiCalls,
        ...(collected.concurrency ? { concurrency: collected.concurrency } : {}),
        errors: collected.errors,
        ...(collected.account ? { account: collected.account } : {}),
        ...(collected.notes ? { notes: collected.notes } : {}),
        ...(collected.inventory ? { sites: collected.inventory } : {}),
      },
    };
  } catch (err) {
    return providerFailed(scanner, tenant, {
      operation: `collect ${scanner.provider}`,
      code: err instanceof Error ? err.name : "Error",
      message: redactedMessage(err),
    }, startedAt);
  }
}

/**
 * `unreachable` when the scan saw nothing of the account: it could not identify it (not
 * reached, sign-in refused) and no check could judge anything. Its previous verdicts are then
 * carried, marked stale (feed/stale.ts). An account that was reached but refused every read
 * is `partial`: each check is `error` naming the permission, which is the owner's to fix.
 */
function collectionStatus(collected: Collected<object>, checks: readonly CheckRun[]): FeedProviderScan["status"] {
  if (collected.errors.length === 0) return "ok";
  const judgedNothing = checks.every((c) => c.results.every((r) => r.status === "error"));
  return !collected.reachedAccount && judgedNothing ? "unreachable" : "partial";
}

/**
 * A provider that blew up, or never finished, has looked at nothing: every one of its checks
 * is `error`, none is left out (it would vanish from the grid) and none can pass. It is
 * `unreachable`, so the feed carries its previous verdicts rather than these errors.
 */
export function providerFailed<F extends object>(
  scanner: Pick<ProviderScanner<F>, "provider" | "checks" | "fallbackResource">,
  tenant: TenantConfig,
  error: CollectionError,
  startedAt: Date,
): ProviderRun {
  const resource = scanner.fallbackResource(tenant);
  return {
    checks: scanner.checks.map((check) => ({ meta: check.meta, results: [errorResult(resource, error)] })),
    scan: {
      provider: scanner.provider,
      status: "unreachable",
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      apiCalls: {},
      errors: [error],
    },
  };
}
