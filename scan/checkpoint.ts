import type { Provider } from "../checks/framework.ts";
import type { ProviderRun } from "./scan-steps.ts";

/**
 * A provider's finished part of a scan as a checkpoint keeps it: plain data, the checks'
 * metadata included. Whichever provider's function builds the feed thus needs no other
 * provider's checks (its bundle carries only its own), and a run saved before a deployment
 * keeps the metadata its results were made with.
 */
export type StoredProviderRun = ProviderRun;

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
  | { outcome: "superseded" }
  /**
   * This is the shop's round and an unfinished round of the clouds is kept (the nightly one):
   * replacing it would lose the clouds' scan, so the shop's round gives way to it and the
   * shop is scanned by its next round.
   */
  | { outcome: "deferred" };

/** One provider of a tenant's scan round, held by one invocation at a time. */
export interface ClaimedProvider {
  /** 1 in this provider's first invocation of the round, 2 in its first continuation, and so on. */
  invocation: number;
  /** The provider was already saved in this round (a redelivery after it finished): only the assembly is left. */
  finished: boolean;
  /**
   * Keeps the finished provider: `saved`, also when this invocation's lease is gone but nobody
   * else holds or saved the provider; `busy` when another invocation holds or saved it (that
   * one goes on to the assembly); `superseded` when the round is stored or replaced.
   */
  saveRun(run: StoredProviderRun): Promise<"saved" | "busy" | "superseded">;
  /** Hands the provider to whichever invocation claims it next (a continuation, or a retry). */
  release(): Promise<void>;
  /**
   * Releases the provider as if this invocation had never claimed it: it scanned nothing
   * (the config could not be read, or no longer has the tenant), so the claim does not count
   * against the provider's invocations. A round this claim started stays, with no lease held.
   */
  handBack(): Promise<void>;
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

/** A saved run as read back, or undefined when it is not one (saved by another version, or damaged). */
export function restoredRun(saved: unknown): ProviderRun | undefined {
  const run = saved as Partial<ProviderRun> | undefined;
  const checksOk = Array.isArray(run?.checks) && run.checks.every((c) => typeof c?.meta?.id === "string" && Array.isArray(c.results));
  return checksOk && typeof run?.scan?.provider === "string" ? (run as ProviderRun) : undefined;
}
