import { Type, type Static } from "@sinclair/typebox";

/**
 * The feed: the contract with dashboards and the page. Field names follow OCSF's
 * Detection Finding where one exists (status, severity, resources, remediation,
 * first/last seen), camel-cased, so an OCSF export is a mapping, not a rewrite.
 * Bump the major of FEED_SCHEMA_VERSION on any breaking change.
 */
export const FEED_SCHEMA_VERSION = "1.0";

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
export const ProviderName = Type.Union([Type.Literal("aws"), Type.Literal("microsoft"), Type.Literal("google")]);
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
  provider: ProviderName,
  service: Type.String(),
  status: FindingStatus,
  severity: Severity,
  ipaItems: Type.Array(IpaNumber, { minItems: 1 }),
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
}, { additionalProperties: false });

export const ProviderScan = Type.Object({
  provider: ProviderName,
  /** ok: every fact collected; partial: some failed; error: none could be collected. */
  status: Type.Union([Type.Literal("ok"), Type.Literal("partial"), Type.Literal("error")]),
  startedAt: DateTime,
  finishedAt: DateTime,
  /** Calls made, by operation. */
  apiCalls: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  errors: Type.Array(CollectionErrorT),
  account: Type.Optional(Type.String()),
  notes: Type.Optional(Type.Array(Text)),
}, { additionalProperties: false });

export const FeedSchema = Type.Object({
  schemaVersion: Type.Literal(FEED_SCHEMA_VERSION),
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
    /** 0–100: severity-weighted share of automated results that pass; error counts as not passing. */
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
