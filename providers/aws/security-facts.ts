import type { Fact } from "../fact.ts";

/*
 * The account's built-in security features and contacts (IPA items 3, 7, 11, 12): CloudTrail,
 * IAM Access Analyzer, Macie, the security alternate contact and the support plan.
 */

/** A trail as DescribeTrails lists it in the home region, shadow trails (other regions', the organization's) included. */
export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  multiRegion: boolean;
  /** An organization trail: created in the management account, it logs this member account too. */
  organization: boolean;
  /**
   * GetTrailStatus IsLogging and GetEventSelectors: read only for multi-region trails, the
   * only ones that can satisfy the check; absent for the others.
   */
  logging?: Fact<boolean>;
  managementEvents?: Fact<ManagementEvents>;
}

/** Which management events a trail's selectors record. */
export interface ManagementEvents {
  read: boolean;
  write: boolean;
  /** Event sources left out (ExcludeManagementEventSources, or `eventSource` NotEquals). */
  excludedSources: string[];
}

/** The security alternate contact: who AWS writes to about security matters. */
export interface AlternateContact {
  name: string;
  title: string | null;
  email: string;
}

/**
 * The support plan, as far as the Support API tells it: it answers only accounts on Business,
 * Enterprise On-Ramp or Enterprise, and says SubscriptionRequiredException to Basic and Developer.
 */
export type SupportPlan =
  | { businessOrHigher: false }
  | { businessOrHigher: true; severityLevels: string[] };

/** GetMacieSession's status, or NOT_ENABLED where Macie has no session in the region. */
export type MacieStatus = "ENABLED" | "PAUSED" | "NOT_ENABLED";

export interface Analyzer {
  name: string;
  arn: string;
  /** ACCOUNT / ORGANIZATION: external access; *_UNUSED_ACCESS, *_INTERNAL_ACCESS: other kinds. */
  type: string;
  /** ACTIVE, CREATING, DISABLED, FAILED. */
  status: string;
}

export interface SecurityFacts {
  trails: Fact<Trail[]>;
  /** null: no security contact set (ResourceNotFoundException). */
  securityContact: Fact<AlternateContact | null>;
  supportPlan: Fact<SupportPlan>;
  /** Per region that holds buckets, plus the home region. Failed as a whole when those regions are unknown. */
  macie: Fact<Record<string, Fact<MacieStatus>>>;
  /**
   * Per region in use (`regionsInUse`): an analyzer watches the resources of its own region,
   * buckets and much else. A region whose use is unknown carries that failure; failed as a
   * whole when the regions could not be listed.
   */
  accessAnalyzers: Fact<Record<string, Fact<Analyzer[]>>>;
}
