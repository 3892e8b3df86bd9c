import PQueue from "p-queue";
import type { GoogleTenantConfig } from "../../config/schema.ts";
import type { SecretReader } from "../../secrets/secret-ref.ts";
import { collected, failed, type CollectionError, type Fact } from "../fact.ts";
import { redactedMessage } from "../redact-secrets.ts";
import { listRecentAlerts } from "./alerts.ts";
import { GoogleCaller } from "./caller.ts";
import { DEFAULT_TUNING, GoogleClients, type GoogleTuning } from "./clients.ts";
import { DelegatedCredentials } from "./credentials.ts";
import { listOrgUnits, listUsers, type UserListing } from "./directory.ts";
import { listSharedDrives, listUserPublicFiles, scanSharedDrive, type ListedSharedDrive } from "./drive.ts";
import { isActive, type GoogleFacts, type SharedDriveScan, type UserDriveScan } from "./facts.ts";
import { resolveServiceAccountKey } from "./key.ts";
import { listDriveLabels } from "./labels.ts";
import { listLicences } from "./licences.ts";
import { listPolicies } from "./policies.ts";
import type { GoogleSession } from "./session.ts";

export interface GoogleProgress {
  provider: "google";
  step: string;
  done: number;
  total: number;
}

export interface GoogleCollectOptions {
  /** The key file's JSON handed in by the caller (the demo); read from `google.serviceAccountKey` when absent. */
  serviceAccountKey?: string;
  /** Where the key reference is read; a fresh reader when absent. */
  secrets?: SecretReader;
  /** Calls in flight at once for this tenant. */
  concurrency?: number;
  tuning?: Partial<GoogleTuning>;
  onProgress?: (event: GoogleProgress) => void;
}

export interface GoogleCollection {
  facts: GoogleFacts;
  /** Calls made, by operation (`token` and the API methods). */
  apiCalls: Record<string, number>;
  errors: CollectionError[];
  /** The customer's `C…` id, once Directory has named it. */
  customerId?: string;
  startedAt: Date;
  finishedAt: Date;
}

export const DEFAULT_CONCURRENCY = 16;

/**
 * Collects every Google Workspace fact the checks need, read-only. Users, organizational units,
 * shared drives and policies are listed as the administrator; each active user's Drive is
 * searched as that user for files shared with anyone, within one concurrency bound, keeping
 * only what is public.
 */
export async function collectGoogleFacts(google: GoogleTenantConfig, opts: GoogleCollectOptions = {}): Promise<GoogleCollection> {
  const startedAt = new Date();
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  let key;
  try {
    key = await resolveServiceAccountKey(google, opts.serviceAccountKey, opts.secrets);
  } catch (err) {
    const error: CollectionError = {
      operation: "read service account key",
      code: (err as Error).name,
      message: redactedMessage(err),
    };
    return { facts: allFailed(error), apiCalls: {}, errors: [error], startedAt, finishedAt: new Date() };
  }
  const clients = new GoogleClients(google, key, tuning);
  const caller = new GoogleCaller(
    new PQueue({ concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY }),
    { retries: tuning.retries, minTimeoutMs: tuning.retryBaseMs, maxTimeoutMs: tuning.retryMaxMs },
    clients.clientId,
  );
  const session: GoogleSession = {
    caller,
    clients,
    credentials: new DelegatedCredentials(caller, clients),
    adminEmail: google.adminEmail,
    customer: google.customerId ?? "my_customer",
  };
  const progress = (step: string, done: number, total: number) => opts.onProgress?.({ provider: "google", step, done, total });

  const policies = listPolicies(session);
  const orgUnits = listOrgUnits(session);
  const driveList = listSharedDrives(session);
  const alerts = listRecentAlerts(session, startedAt);
  const driveLabels = listDriveLabels(session);
  const listing = await listUsers(session);
  progress("users", 1, 1);
  const users: GoogleFacts["users"] = listing.ok ? collected(listing.value.users) : listing;
  const licences = listTenantLicences(session, google.customerId, listing);

  // My Drives and shared drives share the one bound; neither waits for the other to finish.
  const [userDrives, sharedDrives] = await Promise.all([
    searchUserDrives(session, listing, progress),
    searchSharedDrives(session, driveList, listing, progress),
  ]);

  return {
    facts: {
      users, userDrives, sharedDrives, policies: await policies, orgUnits: await orgUnits,
      alerts: await alerts, licences: await licences, driveLabels: await driveLabels,
    },
    apiCalls: caller.apiCalls,
    errors: caller.errors,
    ...(listing.ok && listing.value.customerId ? { customerId: listing.value.customerId } : {}),
    startedAt,
    finishedAt: new Date(),
  };
}

/** License Manager wants the real `C…` id: the configured one, or the one Directory named. */
async function listTenantLicences(session: GoogleSession, configured: string | undefined, listing: Fact<UserListing>): Promise<GoogleFacts["licences"]> {
  const real = configured !== undefined && configured !== "my_customer" ? configured : undefined;
  const customerId = real ?? (listing.ok ? listing.value.customerId : undefined);
  if (customerId) return listLicences(session, customerId);
  if (!listing.ok) return listing;
  return failed({ operation: "licenseAssignments.listForProduct", code: "NoCustomerId", message: "users.list named no customerId; set google.customerId in the config" });
}

type Progress = (step: string, done: number, total: number) => void;

async function searchUserDrives(session: GoogleSession, listing: Fact<UserListing>, progress: Progress): Promise<Fact<UserDriveScan[]>> {
  if (!listing.ok) return listing;
  const searched = listing.value.users.filter(isActive);
  let done = 0;
  progress("drive: users", 0, searched.length);
  return collected(await Promise.all(searched.map(async (u) => {
    const publicFiles = await listUserPublicFiles(session, u.primaryEmail);
    progress("drive: users", ++done, searched.length);
    return { userId: u.id, email: u.primaryEmail, publicFiles };
  })));
}

async function searchSharedDrives(
  session: GoogleSession,
  driveList: Promise<Fact<ListedSharedDrive[]>>,
  listing: Fact<UserListing>,
  progress: Progress,
): Promise<Fact<SharedDriveScan[]>> {
  const drives = await driveList;
  if (!drives.ok) return drives;
  // Without the user list no member can be told active, and no drive can be read.
  if (!listing.ok) return listing;
  const active = new Set(listing.value.users.filter(isActive).map((u) => u.primaryEmail));
  let done = 0;
  return collected(await Promise.all(drives.value.map(async (d) => {
    const scanned = await scanSharedDrive(session, d, active);
    progress("drive: shared drives", ++done, drives.value.length);
    return scanned;
  })));
}

function allFailed(error: CollectionError): GoogleFacts {
  const f = failed(error);
  return { users: f, userDrives: f, sharedDrives: f, policies: f, orgUnits: f, alerts: f, licences: f, driveLabels: f };
}
