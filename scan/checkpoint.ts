import type { Check, CheckResult, Provider } from "../checks/framework.ts";
import type { FeedProviderScan } from "../feed/schema.ts";
import type { ProviderRun } from "./scan-steps.ts";

/**
 * A provider's finished part of a scan as a checkpoint keeps it: plain data. Check metadata
 * is code, not state, so only check ids are kept and the metadata comes back from the checks.
 */
export interface StoredProviderRun {
  scan: FeedProviderScan;
  checks: { checkId: string; results: CheckResult[] }[];
}

/**
 * One scan of a tenant, started by dispatch: every provider the tenant has is scanned by its
 * own function, and the feed is built once all of them are in.
 */
export interface ScanRound {
  scanId: string;
  /** When dispatch started the round: the clock every check uses, and which of two rounds is newer. */
  startedAt: Date;
  /** What the round waits for before its feed is built. */
  providers: readonly Provider[];
}

export interface ClaimRequest {
  tenantId: string;
  round: ScanRound;
  /** The provider this invocation scans. */
  provider: Provider;
  now: Date;
  /** When this invocation ends at the latest; until then no other invocation may scan this provider of the round. */
  leaseUntil: Date;
}

export type Claim =
  | { outcome: "claimed"; scan: ClaimedProvider }
  /** Another invocation scans this provider of the round right now (a duplicate delivery): it finishes it. */
  | { outcome: "busy" }
  /** The round's feed is stored, or a newer round replaced it: nothing to do. */
  | { outcome: "superseded" };

/** One provider of a tenant's scan round, held by one invocation at a time. */
export interface ClaimedProvider {
  /** 1 in this provider's first invocation of the round, 2 in its first continuation, and so on. */
  invocation: number;
  /** The provider was already saved in this round (a redelivery after it finished): only the assembly is left. */
  finished: boolean;
  /** Keeps the finished provider; throws if this invocation no longer holds it. */
  saveRun(run: StoredProviderRun): Promise<void>;
  /** Hands the provider to whichever invocation claims it next (a continuation, or a retry). */
  release(): Promise<void>;
  /**
   * Takes the building of the round's feed, in one conditional write that also requires every
   * provider of the round saved: of the providers finishing last at once, exactly one gets it.
   * Undefined when a provider is still missing, or another invocation builds or built it.
   */
  assemble(leaseUntil: Date): Promise<RoundAssembly | undefined>;
}

export interface RoundAssembly {
  /** Every provider's saved run; one whose checkpoint is gone is missing here. */
  runs: ReadonlyMap<Provider, StoredProviderRun>;
  /** The feed is stored: the round is marked done (so redeliveries are ignored) and its results forgotten. */
  complete(): Promise<void>;
  /** Hands the assembly to the queue's retry of this message. */
  release(): Promise<void>;
}

/** Where scan rounds in progress are kept between invocations (store/dynamo-scan-checkpoints.ts). */
export interface ScanCheckpoints {
  /**
   * Takes one provider of the tenant's round for this invocation, starting the round if it is
   * newer than the one kept. Never hands one provider of a round to two invocations at once.
   */
  claim(request: ClaimRequest): Promise<Claim>;
}

export function storedRun(run: ProviderRun): StoredProviderRun {
  return { scan: run.scan, checks: run.checks.map((c) => ({ checkId: c.meta.id, results: [...c.results] })) };
}

/**
 * The run back with its checks' metadata, or undefined when the checks changed in between
 * (a deployment during the round): results of two versions are never mixed.
 */
export function restoredRun(checks: readonly Check<any>[], stored: StoredProviderRun): ProviderRun | undefined {
  const results = new Map(stored.checks.map((c) => [c.checkId, c.results]));
  if (results.size !== checks.length || checks.some((check) => !results.has(check.meta.id))) return undefined;
  return {
    scan: stored.scan,
    checks: checks.map((check) => ({ meta: check.meta, results: results.get(check.meta.id)! })),
  };
}
