import { Type, type Static } from "@sinclair/typebox";
import { FindingGroup, SiteInventory } from "./site-schema.ts";

/**
 * The feed: the contract with dashboards and the page. Field names follow OCSF's
 * Detection Finding where one exists (status, severity, resources, remediation,
 * first/last seen), camel-cased, so an OCSF export is a mapping, not a rewrite.
 * Bump the major of FEED_SCHEMA_VERSION on any breaking change.
 *
 * 1.1 added what a scan that could not reach a provider carries from the previous feed:
 * `scan.providers[].status` "unreachable", `scan.providers[].stale` and `findings[].stale`
 * (docs/stale-results.md). Every 1.0 feed is a valid 1.1 feed but for its version string,
 * which this schema accepts too: the previous feed and the history written before the
 * upgrade stay readable.
 *
 * 1.3 added `items[].reasons`: why each check answers its item, and the owner's rules under item 4.
 */
export const FEED_SCHEMA_VERSION = "1.3";
/** The versions a reader of this schema reads: this one, and the earlier minors of its major. */
const READABLE_VERSIONS = ["1.0", "1.1", "1.2", FEED_SCHEMA_VERSION] as const;

const Text = Type.Object({ ja: Type.String(), en: Type.String() }, { additionalProperties: false });
const DateTime = Type.String({ format: "date-time" });

export const FindingStatus = Type.Union([
  Type.Literal("pass"), Type.Literal("fail"), Type.Literal("error"), Type.Literal("manual"), Type.Literal("skipped"),
]);
export const ItemStatus = Type.Union([
  Type.Literal("pass"), Type.Literal("fail"), Type.Literal("partial"), Type.Literal("error"), Type.Literal("manual"),
]);
export const Severity = Type.Union([
  Type.Literal("critical"), Type.Literal("high"), Type.Literal("medium"), Type.Literal("low"), Type.Literal("info"),
]);
/** 1.2: `site`, the tenant's online shop (providers/site/). */
export const ProviderName = Type.Union([Type.Literal("aws"), Type.Literal("microsoft"), Type.Literal("google"), Type.Literal("site")]);
/**
 * Who a finding speaks for: a cloud, or `owner` for the owner's own answer to one of the 15
 * items (checkId `owner.item_<n>`), so a "not done" travels like any finding (grid, score, tickets).
 */
export const FindingProvider = Type.Union([...ProviderName.anyOf, Type.Literal("owner")]);
const IpaNumber = Type.Integer({ minimum: 1, maximum: 15 });

const StatusCounts = Type.Object({
  pass: Type.Integer({ minimum: 0 }),
  fail: Type.Integer({ minimum: 0 }),
  error: Type.Integer({ minimum: 0 }),
  manual: Type.Integer({ minimum: 0 }),
  skipped: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });

const SeverityCounts = Type.Object({
  critical: Type.Integer({ minimum: 0 }),
  high: Type.Integer({ minimum: 0 }),
  medium: Type.Integer({ minimum: 0 }),
  low: Type.Integer({ minimum: 0 }),
  info: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });

const CollectionErrorT = Type.Object({
  operation: Type.String(),
  permission: Type.Optional(Type.String()),
  code: Type.String(),
  message: Type.String(),
}, { additionalProperties: false });

export const Resource = Type.Object({
  uid: Type.String(),
  name: Type.String(),
  type: Type.String(),
  region: Type.Optional(Type.String()),
  consoleUrl: Type.Optional(Type.String()),
}, { additionalProperties: false });

export const Attestation = Type.Object({
  answer: Type.Union([
    Type.Literal("done"), Type.Literal("partly"), Type.Literal("not_done"), Type.Literal("not_applicable"),
  ]),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  date: Type.String({ format: "date" }),
  by: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

export const Finding = Type.Object({
  /** Stable hash of (tenant, check id, resource uid). */
  id: Type.String({ pattern: "^[0-9a-f]{24}$" }),
  checkId: Type.String(),
  provider: FindingProvider,
  service: Type.String(),
  status: FindingStatus,
  severity: Severity,
  /** 1.2: empty for a finding of a grouping outside the 15 items (`group`). */
  ipaItems: Type.Array(IpaNumber),
  /** 1.2: the grouping besides the 15 items this finding belongs to (`ec_site`: the online shop). */
  group: Type.Optional(Type.Literal("ec_site")),
  resource: Resource,
  title: Text,
  message: Type.Optional(Text),
  detail: Text,
  remediation: Type.Object({
    steps: Text,
    consolePath: Text,
    url: Type.Optional(Type.String()),
  }, { additionalProperties: false }),
  /** For error and skipped: why. */
  reason: Type.Optional(Text),
  cause: Type.Optional(CollectionErrorT),
  evidence: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  firstSeen: DateTime,
  lastSeen: DateTime,
  /**
   * Lifecycle of a problem against the previous feed: `new` (fail, not failing before),
   * `open` (fail, failing before), `resolved` (failing before, not any more). Absent otherwise.
   */
  state: Type.Optional(Type.Union([Type.Literal("new"), Type.Literal("open"), Type.Literal("resolved")])),
  /**
   * (1.1) Not looked at in this scan: its provider could not be scanned (`scan.providers[].stale`
   * says since when and why), so the finding is the last known verdict, carried unchanged from
   * the previous feed — status, state, firstSeen and lastSeen included. Absent otherwise.
   */
  stale: Type.Optional(Type.Literal(true)),
}, { additionalProperties: false });

export const ItemResult = Type.Object({
  number: IpaNumber,
  group: Type.Union([Type.Literal("choose"), Type.Literal("operate"), Type.Literal("manage")]),
  kinds: Type.Array(Type.Union([Type.Literal("A"), Type.Literal("P"), Type.Literal("S"), Type.Literal("Q")])),
  title: Text,
  question: Text,
  status: ItemStatus,
  /** Ids of the checks mapped to this item that ran in this scan. */
  checks: Type.Array(Type.String()),
  counts: StatusCounts,
  attestation: Type.Optional(Attestation),
  /**
   * 1.3: why each check of `checks` answers this item, in one line (absent where the check
   * gives no reason); under item 4, the owner's rule it enforces and the value in force.
   */
  reasons: Type.Optional(Type.Array(Type.Object({
    checkId: Type.String(),
    title: Text,
    reason: Type.Optional(Text),
    rule: Type.Optional(Type.Object({
      /** The key under `policy` in the config, e.g. `allowedRegions`. */
      key: Type.String(),
      name: Text,
      value: Text,
      /** `default`: the config sets no value, cloud15's default applies. */
      setBy: Type.Union([Type.Literal("owner"), Type.Literal("default")]),
    }, { additionalProperties: false })),
  }, { additionalProperties: false }))),
}, { additionalProperties: false });

/** IPA's 25-question self-check (5分でできる！情報セキュリティ自社診断), as the owner answered it. */
export const SelfCheckAnswerValue = Type.Union([
  Type.Literal("done"), Type.Literal("partly"), Type.Literal("not_done"), Type.Literal("unknown"),
]);

export const SelfCheckResult = Type.Object({
  /** 4 per done, 2 per partly, 0 per not done, −1 per don't know: 100 at best, −25 at worst. */
  score: Type.Integer({ minimum: -25, maximum: 100 }),
  answered: Type.Integer({ minimum: 0, maximum: 25 }),
  /** All 25 answered: only then is the score IPA's total and the band meaningful. */
  complete: Type.Boolean(),
  /** IPA's four result bands: 100, 70–99, 50–69, 49 or less. */
  band: Type.Optional(Type.Union([Type.Literal("full"), Type.Literal("most"), Type.Literal("gaps"), Type.Literal("urgent")])),
  /** Day of the latest answer. */
  date: Type.String({ format: "date" }),
  answers: Type.Array(Type.Object({
    question: Type.Integer({ minimum: 1, maximum: 25 }),
    answer: SelfCheckAnswerValue,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    date: Type.String({ format: "date" }),
    by: Type.Optional(Type.String({ maxLength: 200 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const ProviderScan = Type.Object({
  provider: ProviderName,
  /**
   * ok: every fact collected; partial: some failed (their checks are `error`, or carry an
   * earlier failure as still open); unreachable (1.1): nothing could be collected — not
   * reached, sign-in refused, its secret missing, or its collection failed or never finished.
   * error: what 1.0 feeds said for nothing collected; 1.1 writes `unreachable` instead.
   */
  status: Type.Union([Type.Literal("ok"), Type.Literal("partial"), Type.Literal("unreachable"), Type.Literal("error")]),
  startedAt: DateTime,
  finishedAt: DateTime,
  /** Calls made, by operation. */
  apiCalls: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  errors: Type.Array(CollectionErrorT),
  account: Type.Optional(Type.String()),
  notes: Type.Optional(Type.Array(Text)),
  /**
   * (1.1) Present when the provider is `unreachable` and its findings are carried from the
   * previous feed, each marked `stale`: `since` is when a scan last collected from it, `reason`
   * why this one could not. Absent when there was nothing to carry (its checks are `error`).
   */
  stale: Type.Optional(Type.Object({ since: DateTime, reason: Text }, { additionalProperties: false })),
  /**
   * (1.2) Present when this scan round left the provider out (the online shop's hourly rounds
   * leave out the clouds, the nightly round the shop): the entry and the provider's findings
   * are those of the scan named here, carried unchanged — not looked at again, so neither
   * stale nor resolved (feed/not-scanned.ts). Only `state` follows this feed's previous one:
   * a finding that was `new` there is `open`, one that was `resolved` has no state.
   */
  lastScan: Type.Optional(Type.Object({ id: Type.String(), startedAt: DateTime }, { additionalProperties: false })),
  /** 1.2, `site` only: each watched page's scripts and forms against the approved baseline. */
  sites: Type.Optional(Type.Array(SiteInventory)),
  /**
   * 1.2, for engineers: the calls in flight each service family (`s3`, `iam`, ...) started
   * at, the lowest and highest its adaptive limit reached, where it ended, and how many
   * attempts the service throttled.
   */
  concurrency: Type.Optional(Type.Record(Type.String(), Type.Object({
    start: Type.Integer({ minimum: 1 }),
    ceiling: Type.Integer({ minimum: 1 }),
    lowest: Type.Integer({ minimum: 1 }),
    highest: Type.Integer({ minimum: 1 }),
    final: Type.Integer({ minimum: 1 }),
    throttled: Type.Integer({ minimum: 0 }),
  }, { additionalProperties: false }))),
}, { additionalProperties: false });

/** Ticket delivery for a tenant with ticket targets, as the outbox stood when the feed was written (tickets/sync.ts). */
export const TicketDeliveryStatus = Type.Object({
  /** Updates that failed at least once and wait for a later run. */
  retrying: Type.Integer({ minimum: 0 }),
  /** Updates given up after the target's maxAttempts: no tracker has them, a person must look. */
  dead: Type.Array(Type.Object({
    /** The target's id in the config. */
    target: Type.String(),
    /** The ticket's group: one check of the tenant, or one finding. */
    group: Type.String({ pattern: "^[0-9a-f]{24}$" }),
    checkId: Type.String(),
    /** The findings the lost update was about. */
    findings: Type.Array(Type.String({ pattern: "^[0-9a-f]{24}$" })),
    attempts: Type.Integer({ minimum: 0 }),
    /** When the update first went into the outbox. */
    since: DateTime,
    lastAttemptAt: Type.Optional(DateTime),
    lastError: Type.String(),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const FeedSchema = Type.Object({
  /** Written as FEED_SCHEMA_VERSION; earlier minors of the same major are read as they are. */
  schemaVersion: Type.Union(READABLE_VERSIONS.map((v) => Type.Literal(v))),
  generator: Type.Object({ name: Type.Literal("cloud15"), version: Type.String() }, { additionalProperties: false }),
  tenant: Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
  scan: Type.Object({
    id: Type.String(),
    startedAt: DateTime,
    finishedAt: DateTime,
    durationMs: Type.Integer({ minimum: 0 }),
    providers: Type.Array(ProviderScan),
    /** What happened to the previous feed: used, absent (first scan), or unreadable and set aside. */
    previousFeed: Type.Object({
      status: Type.Union([Type.Literal("loaded"), Type.Literal("missing"), Type.Literal("set_aside")]),
      scanId: Type.Optional(Type.String()),
      problem: Type.Optional(Type.String()),
      setAsideTo: Type.Optional(Type.String()),
    }, { additionalProperties: false }),
  }, { additionalProperties: false }),
  summary: Type.Object({
    /**
     * 0–100: severity-weighted share of results that pass, the owner's answers (`owner` findings)
     * included; error counts as not passing. Stale findings count with their last known
     * status, so an unreachable provider neither lowers nor raises the score.
     */
    score: Type.Integer({ minimum: 0, maximum: 100 }),
    /** Present when the score says nothing, e.g. no automated result could be weighed. */
    scoreNote: Type.Optional(Text),
    byStatus: StatusCounts,
    /** Failing findings by severity. */
    failBySeverity: SeverityCounts,
    new: Type.Integer({ minimum: 0 }),
    open: Type.Integer({ minimum: 0 }),
    resolved: Type.Integer({ minimum: 0 }),
  }, { additionalProperties: false }),
  items: Type.Array(ItemResult, { minItems: 15, maxItems: 15 }),
  findings: Type.Array(Finding),
  /** 1.2: groupings besides the 15 items (「EC サイト」), present when one of their checks ran. */
  groups: Type.Optional(Type.Array(FindingGroup)),
  /** Present once the owner has answered at least one self-check question. */
  selfCheck: Type.Optional(SelfCheckResult),
  /** Present when the tenant has ticket targets. */
  tickets: Type.Optional(TicketDeliveryStatus),
}, {
  $id: "https://cloud15.dev/schema/feed-1.json",
  title: "cloud15 feed",
  additionalProperties: false,
});

export type Feed = Static<typeof FeedSchema>;
export type FeedFinding = Static<typeof Finding>;
export type FeedItem = Static<typeof ItemResult>;
export type FeedProviderScan = Static<typeof ProviderScan>;
export type AttestationAnswer = Static<typeof Attestation>;
export type FeedSelfCheck = Static<typeof SelfCheckResult>;
export type FeedTicketStatus = Static<typeof TicketDeliveryStatus>;
