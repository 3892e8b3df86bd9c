import { assertTenantId } from "./tenant-id.ts";

/**
 * Where things live in the deployment's bucket. Each kind has its own top-level prefix
 * because S3 lifecycle rules select by prefix only: history ages out, checkpoints expire
 * within days, the latest feed and the config stay.
 */
export const S3_PREFIX = {
  latest: "latest/",
  history: "history/",
  setAside: "set-aside/",
  checkpoints: "checkpoints/",
  /** Providers' state between scans (Microsoft's delta tokens). */
  state: "state/",
} as const;

/** The config file the dispatcher and the scanner read (`cloud15 validate` checks it before upload). */
export const CONFIG_KEY = "config/cloud15.json";

export function latestKey(tenantId: string): string {
  return `${S3_PREFIX.latest}${assertTenantId(tenantId)}/feed.json`;
}

export function historyPrefix(tenantId: string): string {
  return `${S3_PREFIX.history}${assertTenantId(tenantId)}/`;
}

/** `<scan time>-<scan id>.json`: the name order is the time order, as in the data folder. */
export function historyKey(tenantId: string, startedAt: string, scanId: string): string {
  return `${historyPrefix(tenantId)}${startedAt.replace(/:/g, "-")}-${scanId}.json`;
}

export function setAsideKey(tenantId: string, at: Date): string {
  return `${S3_PREFIX.setAside}${assertTenantId(tenantId)}/feed.json.corrupt-${at.toISOString().replace(/:/g, "-")}`;
}

export function checkpointKey(tenantId: string, scanId: string, provider: string): string {
  return `${S3_PREFIX.checkpoints}${assertTenantId(tenantId)}/${scanId}/${provider}.json`;
}

export function providerStateKey(tenantId: string, name: string): string {
  return `${S3_PREFIX.state}${assertTenantId(tenantId)}/${name}.json`;
}
