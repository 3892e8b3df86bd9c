import type { Text } from "../../checks/text.ts";
import type { MicrosoftTenantConfig } from "../../config/schema.ts";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import { Arrivals } from "./arrivals.ts";
import { getBackup } from "./backup.ts";
import { DEFAULT_RETRY, GraphCaller, type RetryTuning } from "./caller.ts";
import { emptyDeltaState, parseDeltaState, type DeltaState, type DeltaStateStore } from "./delta-state.ts";
import {
  collectMfa, getLicences, getOrganization, GroupMembers, eligibleHolders, listActiveGrants, listEligibleGrants, listUsers, privilegedHolders,
} from "./directory.ts";
import { toSignInError } from "./errors.ts";
import type { MicrosoftFacts, MicrosoftOwnerPolicy, SharedFilesCrawl, SiteSummary } from "./facts.ts";
import { crawlSharedFiles } from "./files.ts";
import { getConditionalAccess, getSecurityDefaults } from "./policies.ts";
import { anyoneLinksOff } from "./parse.ts";
import { getSecureScore } from "./secure-score.ts";
import { getSensitivityLabels } from "./sensitivity-labels.ts";
import { getServiceHealth } from "./service-health.ts";
import { getSharePointSharing, listSites } from "./sharepoint.ts";
import { ThrottleGate } from "./throttle.ts";
import { graphBetaRoot, graphVersionRoot, openGraphTransport, type ConnectionTuning, type GraphTransport, type MicrosoftSecrets } from "./transport.ts";

export interface MicrosoftProgress {
  provider: "microsoft";
  step: string;
  done: number;
  total: number;
}

export interface MicrosoftCollectOptions {
  secrets: MicrosoftSecrets;
  ownerPolicy: MicrosoftOwnerPolicy;
  /** `$batch` requests in flight at once for this tenant (each carries up to 20 reads). */
  concurrency?: number;
  /** The run must be over by then (a Lambda's timeout): a longer `Retry-After` leaves a checkpoint. */
  deadline?: Date;
  /** Keeps the delta state between scans; without it every drive is read in full each time. */
  state?: DeltaStateStore;
  tuning?: Partial<ConnectionTuning>;
  retry?: RetryTuning;
  onProgress?: (event: MicrosoftProgress) => void;
  /** The scan's clock: when each drive was last read in full is measured against it. */
  now?: Date;
}

export interface MicrosoftCollection {
  facts: MicrosoftFacts;
  apiCalls: Record<string, number>;
  errors: CollectionError[];
  organization?: { id: string; displayName: string };
  notes: Text[];
  startedAt: Date;
  finishedAt: Date;
}

/** Four `$batch` requests of 20 reads in flight: 80 reads at a time, well inside Graph's per-app limits. */
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TUNING: ConnectionTuning = { requestTimeoutMs: 60_000, maxSockets: 16, maxRetries: 3 };

/**
 * Collects every Microsoft 365 fact the checks need, read-only. Sign in first (a refused
 * sign-in fails every fact with its reason); then the licences decide which APIs exist;
 * every read after that goes through one GraphCaller, which batches them.
 */
export async function collectMicrosoftFacts(config: MicrosoftTenantConfig, opts: MicrosoftCollectOptions): Promise<MicrosoftCollection> {
  const startedAt = new Date();
  const gate = new ThrottleGate(opts.deadline?.getTime());
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const progress = (step: string, done: number, total: number) => opts.onProgress?.({ provider: "microsoft", step, done, total });
  const ownerPolicy = collected(opts.ownerPolicy);
  const notes: Text[] = [];

  // The caller sends through the transport, and the transport counts its round trips into the caller.
  const batchCaller = new GraphCaller((body) => transport.batch("v1.0", body), graphVersionRoot(config), gate,
    opts.concurrency ?? DEFAULT_CONCURRENCY, opts.retry ?? DEFAULT_RETRY);
  const transport = openGraphTransport(config, opts.secrets, gate, tuning, () => batchCaller.countRoundTrip());
  // Sensitivity labels exist in Graph's beta only, and a `$batch` carries reads of its own version.
  const betaCaller = new GraphCaller((body) => transport.batch("beta", body), graphBetaRoot(config), gate,
    1, opts.retry ?? DEFAULT_RETRY);
  const apiCalls = () => ({ ...batchCaller.apiCalls, ...betaCaller.apiCalls });
  try {
    // One connection per slot of each caller (the beta one too); in production the token comes from another host.
    transport.preconnect((opts.concurrency ?? DEFAULT_CONCURRENCY) + 1);
    const signIn = await getToken(transport);
    if (!signIn.ok) {
      return { facts: allFailed(signIn.error, ownerPolicy), apiCalls: apiCalls(), errors: [signIn.error], notes, startedAt, finishedAt: new Date() };
    }
    progress("sign-in", 1, 1);

    const organization = getOrganization(batchCaller);
    const licences = getLicences(batchCaller);
    const securityDefaultsEnabled = getSecurityDefaults(batchCaller);
    const groups = new GroupMembers(batchCaller);
    const activeGrants = listActiveGrants(batchCaller);
    const eligibleGrants = listEligibleGrants(batchCaller);
    const privilegedRoles = activeGrants.then((grants) => privilegedHolders(grants, groups, batchCaller));
    const eligibleRoles = eligibleGrants.then((grants) => eligibleHolders(grants, groups, batchCaller));
    const sharePoint = getSharePointSharing(batchCaller);
    // The crawl takes each site as its page arrives; a listing that failed half-way ends it with
    // the listing's error, so the crawl does not take the sites it saw for all of them.
    const found = new Arrivals<SiteSummary>();
    const sites = listSites(batchCaller, (site) => found.push(site)).then((listed) => {
      if (listed.ok) found.close();
      else found.fail(new Error(listed.error.message));
      return listed;
    });
    const sharedFiles = sharePoint.then((sp) => crawlUnlessAnyoneLinksOff(batchCaller, sp, found, sites, opts, progress));
    const backup = getBackup(batchCaller);
    const secureScore = getSecureScore(batchCaller);
    const serviceHealth = getServiceHealth(batchCaller);

    const licenceFact = await licences;
    // Unknown (the licences could not be read): try the P1 APIs and learn from their answer.
    const entraP1 = licenceFact.ok ? licenceFact.value.entraP1 : undefined;
    const conditionalAccess = getConditionalAccess(batchCaller, entraP1, { active: activeGrants, eligible: eligibleGrants, groups });
    const people = listUsers(batchCaller, entraP1);
    const mfa = collectMfa(batchCaller, entraP1, people.then(({ users }) => users));
    const sensitivityLabels = getSensitivityLabels(betaCaller, licenceFact.ok ? licenceFact.value.informationProtection : undefined);

    const facts: MicrosoftFacts = {
      organization: await organization,
      licences: licenceFact,
      ...(await people),
      mfa: await mfa,
      securityDefaultsEnabled: await securityDefaultsEnabled,
      conditionalAccess: await conditionalAccess,
      privilegedRoles: await privilegedRoles,
      eligibleRoles: await eligibleRoles,
      sharePoint: await sharePoint,
      sites: await sites,
      backup: await backup,
      secureScore: await secureScore,
      serviceHealth: await serviceHealth,
      sensitivityLabels: await sensitivityLabels,
      ownerPolicy,
    };
    progress("directory and policies", 1, 1);
    const crawl = await sharedFiles;
    if (crawl !== undefined) {
      facts.sharedFiles = crawl;
      if (crawl.ok) notes.push(crawlNote(crawl.value));
    }
    if (gate.longestWaitSeconds > 0) notes.push(throttleNote(gate.longestWaitSeconds));
    const org = facts.organization.ok ? { id: facts.organization.value.id, displayName: facts.organization.value.displayName } : undefined;
    return { facts, apiCalls: apiCalls(), errors: [...batchCaller.errors, ...betaCaller.errors], ...(org ? { organization: org } : {}), notes, startedAt, finishedAt: new Date() };
  } finally {
    transport.destroy();
  }
}

/** Signs in once up front, so a wrong secret or tenant is one clear error, not one per read. */
async function getToken(transport: GraphTransport): Promise<Fact<true>> {
  try {
    await transport.signIn();
    return collected(true);
  } catch (err) {
    return failed(toSignInError(err));
  }
}

/**
 * Files are skipped only where the settings say plainly that "Anyone" links are off: then
 * none works, so there is nothing to find (and no calls to spend). Settings that could not be
 * read, or a level cloud15 does not know, never shrink coverage: the files are crawled.
 */
async function crawlUnlessAnyoneLinksOff(
  caller: GraphCaller,
  sharePoint: MicrosoftFacts["sharePoint"],
  found: AsyncIterable<SiteSummary[]>,
  sites: Promise<MicrosoftFacts["sites"]>,
  opts: MicrosoftCollectOptions,
  progress: (step: string, done: number, total: number) => void,
): Promise<Fact<SharedFilesCrawl> | undefined> {
  if (sharePoint.ok && anyoneLinksOff(sharePoint.value.sharingCapability)) return undefined;
  const state = await loadState(opts.state);
  try {
    return collected(await crawlSharedFiles(caller, found, state, (done, total) => progress("drives", done, total), opts.now));
  } catch (err) {
    const listed = await sites;
    if (!listed.ok) return listed;
    throw err;
  } finally {
    // Saved whatever happened: a run cut short resumes from here.
    await opts.state?.save(state);
  }
}

async function loadState(store: DeltaStateStore | undefined): Promise<DeltaState> {
  if (!store) return emptyDeltaState();
  try {
    return parseDeltaState(await store.load()) ?? emptyDeltaState();
  } catch {
    // An unreadable state costs one full crawl, never the scan.
    return emptyDeltaState();
  }
}

function crawlNote(crawl: SharedFilesCrawl): Text {
  const { drives, incremental, resynced, interrupted, rechecked } = crawl.stats;
  return {
    ja: `OneDrive と SharePoint: ${drives} 個のドライブ（うち ${incremental} 個は前回からの変更のみ読み取り、${rechecked} 個は定期的に全体を再確認、${resynced} 個は再同期、${interrupted} 個は中断して次回に再開）`,
    en: `OneDrive and SharePoint: ${drives} drives (${incremental} read for changes since the last scan only, ${rechecked} read in full again as the weekly re-check, ${resynced} resynced, ${interrupted} interrupted and resumed next scan)`,
  };
}

function throttleNote(seconds: number): Text {
  return {
    ja: `Microsoft Graph からの待機要求（Retry-After、最長 ${seconds} 秒）に従いました。`,
    en: `Microsoft Graph asked to slow down (Retry-After, up to ${seconds} s); the scan waited as asked.`,
  };
}

function allFailed(error: CollectionError, ownerPolicy: Fact<MicrosoftOwnerPolicy>): MicrosoftFacts {
  const f = failed(error);
  return {
    organization: f, licences: f, users: f, signIns: f, mfa: f, securityDefaultsEnabled: f, conditionalAccess: f,
    privilegedRoles: f, eligibleRoles: f, sharePoint: f, sites: f, sharedFiles: f, backup: f, secureScore: f, serviceHealth: f,
    sensitivityLabels: f, ownerPolicy,
  };
}
