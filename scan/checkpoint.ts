import type { CheckResult, Provider } from "../checks/framework.ts";
import type { FeedProviderScan } from "../feed/schema.ts";
import type { ProviderScanner } from "./provider-scanner.ts";
import type { ProviderRun } from "./scan-tenant.ts";

/**
 * A provider's finished part of a scan as a checkpoint keeps it: plain data. Check metadata
 * is code, not state, so only check ids are kept and the metadata comes back from the scanner.
 */
export interface StoredProviderRun {
  scan: FeedProviderScan;
  checks: { checkId: string; results: CheckResult[] }[];
}

export interface ClaimRequest {
  tenantId: string;
  /** The scan a continuation names; absent when the schedule or an operator asks for a scan. */
  scanId?: string;
  now: Date;
  /** When this invocation ends at the latest; until then no other invocation may take the scan. */
  leaseUntil: Date;
  /** A checkpoint older than this is dropped: its results are too old to mix with fresh ones. */
  maxAgeMs: number;
}

/** A tenant's scan, held by one invocation at a time. */
export interface ClaimedScan {
  scanId: string;
  /** When the scan began, in its first invocation: the clock every check of the scan uses. */
  startedAt: Date;
  /** 1 in the scan's first invocation, 2 in its first continuation, and so on. */
  invocation: number;
  /** Providers finished by earlier invocations. */
  done: ReadonlyMap<Provider, StoredProviderRun>;
  /** Keeps a finished provider; throws if this invocation no longer holds the scan. */
  saveRun(provider: Provider, run: StoredProviderRun): Promise<void>;
  /** Hands the scan to whichever invocation claims it next (a continuation, or a retry). */
  release(): Promise<void>;
  /** The feed is stored: the checkpoint is forgotten. */
  complete(): Promise<void>;
}

/** Where scans in progress are kept between invocations (store/dynamo-scan-checkpoints.ts). */
export interface ScanCheckpoints {
  /**
   * Takes the tenant's scan for this invocation: the one in progress if it is free and still
   * fresh, else a new one. Undefined when another invocation holds it, or when a continuation
   * names a scan that is finished or replaced: nothing is ever scanned twice at once.
   */
  claim(request: ClaimRequest): Promise<ClaimedScan | undefined>;
}

export function storedRun(run: ProviderRun): StoredProviderRun {
  return { scan: run.scan, checks: run.checks.map((c) => ({ checkId: c.meta.id, results: [...c.results] })) };
}

/**
 * The run back with its scanner's check metadata, or undefined when the checks changed in
 * between (a deployment during the scan): then the provider is scanned again rather than
 * mixing results of two versions.
 */
export function restoredRun<F extends object>(scanner: ProviderScanner<F>, stored: StoredProviderRun): ProviderRun | undefined {
  const results = new Map(stored.checks.map((c) => [c.checkId, c.results]));
  if (results.size !== scanner.checks.length || scanner.checks.some((check) => !results.has(check.meta.id))) return undefined;
  return {
    scan: stored.scan,
    checks: scanner.checks.map((check) => ({ meta: check.meta, results: results.get(check.meta.id)! })),
  };
}
