import type { Check, Provider, ResourceRef } from "../checks/framework.ts";
import type { Text } from "../checks/text.ts";
import type { TenantConfig } from "../config/schema.ts";
import type { CollectionError } from "../providers/fact.ts";
import type { AwsCredentials } from "../providers/aws/clients.ts";
import type { MicrosoftSecrets } from "../providers/microsoft/transport.ts";
import type { FeedProviderScan } from "../feed/schema.ts";
import type { FeedSiteInventory } from "../feed/site-schema.ts";
import type { AnswerStore } from "../store/answer-store.ts";

/** Secrets handed in by the caller (CLI demo, tests), never read from the config. */
export interface ScanCredentials {
  aws?: AwsCredentials;
  /** A service-account key file's JSON, used in place of reading `google.serviceAccountKey`. */
  google?: { serviceAccountKey: string };
  /**
   * The app's client secret or certificate, used in place of reading the config's references,
   * and a CA to trust for the token and Graph hosts (the simulator's self-signed one).
   */
  microsoft?: MicrosoftSecrets & { caCertificatePem?: string };
  /** A CA to trust for the shop's pages (the simulated shop's generated certificate). */
  site?: { caCertificatePem?: string };
}

/**
 * Small state a provider keeps between scans of one tenant (Microsoft's delta tokens and
 * crawl checkpoint): next to the feed in the data folder, elsewhere on Lambda.
 */
export interface ProviderStateStore {
  /** undefined when nothing was saved under this name yet. */
  read(name: string): Promise<unknown>;
  write(name: string, value: unknown): Promise<void>;
}

export interface CollectRequest {
  credentials?: ScanCredentials;
  concurrency?: number;
  onProgress?: (event: { step: string; done: number; total: number }) => void;
  /** The tenant's state between scans; without it a provider starts from scratch each time. */
  state?: ProviderStateStore;
  /** When the run must be over (a Lambda's timeout): a provider stops waiting before then and keeps a checkpoint. */
  deadline?: Date;
  /** The owner's answer store, where the online shop's approved baselines are kept (feed/site-baseline.ts). */
  answers?: AnswerStore;
  /**
   * false: the shop's pages with `render` are not loaded in a browser in this run (the Lambda
   * function has no Chromium), and the feed says so. Otherwise they are, where configured.
   */
  render?: boolean;
}

/** What one provider collected, and how the collection went. */
export interface Collected<F> {
  facts: F;
  /** Stands for the whole account in account-level results. */
  tenantResource: ResourceRef;
  apiCalls: Record<string, number>;
  /** The adaptive concurrency of each service family, where the provider has one (AWS). */
  concurrency?: FeedProviderScan["concurrency"];
  errors: CollectionError[];
  /** Whether the provider could identify the account at all; false, with no check able to judge, makes it `unreachable`. */
  reachedAccount: boolean;
  account?: string;
  startedAt: Date;
  finishedAt: Date;
  notes?: Text[];
  /** The online shop's pages against their baselines, for the feed (`site` only). */
  inventory?: FeedSiteInventory[];
}

/**
 * One cloud as the pipeline sees it: whether a tenant uses it, how to collect its facts,
 * and which checks judge them. Adding Microsoft 365 or Google Workspace means adding one.
 */
export interface ProviderScanner<F extends object> {
  provider: Provider;
  checks: readonly Check<F>[];
  configured(tenant: TenantConfig): boolean;
  /** The tenant resource to pin results on when collection failed before the account was known. */
  fallbackResource(tenant: TenantConfig): ResourceRef;
  /**
   * Whether it keeps state between scans (Microsoft's delta tokens). Only such a scanner is
   * given the tenant's state store, so on Lambda only its function may touch `state/`.
   */
  keepsState?: boolean;
  collect(tenant: TenantConfig, request: CollectRequest): Promise<Collected<F>>;
}
