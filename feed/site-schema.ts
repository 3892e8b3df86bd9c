import { Type, type Static } from "@sinclair/typebox";

/*
 * The online shop's parts of the feed (schema 1.2): the inventory of each watched page next to
 * its provider's scan, and the 「EC サイト」 grouping beside the 15 items. Addresses, origins
 * and SHA-256 hashes only: a script's text is never copied into the feed.
 */
const Text = Type.Object({ ja: Type.String(), en: Type.String() }, { additionalProperties: false });
const Sha256 = Type.String({ pattern: "^[0-9a-f]{64}$" });

/** How a script or form compares with the approved baseline. */
export const SiteChange = Type.Union([
  Type.Literal("unchanged"),
  /** Recorded as the baseline in this scan: the page's first scan. */
  Type.Literal("first_scan"),
  /** A script from an origin the page never loaded from before. */
  Type.Literal("new_origin"),
  /** A new file from an origin the page already loaded from. */
  Type.Literal("new_file"),
  /** Same address (or position, inline), other content; a form sending elsewhere. */
  Type.Literal("changed"),
  /** Could not be fetched, so could not be compared. */
  Type.Literal("unknown"),
]);

export const SiteInventory = Type.Object({
  url: Type.String(),
  /** Absent when the page could not be loaded; `error` says why. */
  finalUrl: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  baseline: Type.Optional(Type.Object({
    at: Type.String({ format: "date-time" }),
    by: Type.Optional(Type.String()),
    source: Type.Union([Type.Literal("first_scan"), Type.Literal("approval")]),
  }, { additionalProperties: false })),
  scripts: Type.Array(Type.Object({
    key: Type.String(),
    inline: Type.Boolean(),
    src: Type.Optional(Type.String()),
    origin: Type.Optional(Type.String()),
    /** Requested by the page in a browser (`render`), not named in its HTML. */
    loadedAtRunTime: Type.Optional(Type.Literal(true)),
    sha256: Type.Optional(Sha256),
    bytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Why the content could not be read (a 404, a timeout). */
    error: Type.Optional(Type.String()),
    change: SiteChange,
    baselineSha256: Type.Optional(Sha256),
  }, { additionalProperties: false })),
  /** Scripts in the baseline the page no longer loads. */
  removedScripts: Type.Array(Type.Object({
    key: Type.String(),
    src: Type.Optional(Type.String()),
    sha256: Type.Optional(Sha256),
  }, { additionalProperties: false })),
  forms: Type.Array(Type.Object({
    index: Type.Integer({ minimum: 0 }),
    actionOrigin: Type.String(),
    baselineActionOrigin: Type.Optional(Type.String()),
    change: SiteChange,
  }, { additionalProperties: false })),
  iframes: Type.Array(Type.String()),
  /** Differs from the baseline: the page's findings stay `fail` until someone approves it on the page. */
  awaitingApproval: Type.Boolean(),
}, { additionalProperties: false });

/** A grouping of findings besides the 15 items, with the guidelines its checks follow. */
export const FindingGroup = Type.Object({
  id: Type.Literal("ec_site"),
  title: Text,
  references: Type.Array(Type.Object({
    title: Text,
    url: Type.String(),
    /** The guideline's items the group's checks answer, e.g. "6.4.3". */
    items: Type.Array(Type.String()),
  }, { additionalProperties: false })),
  status: Type.Union([Type.Literal("pass"), Type.Literal("fail"), Type.Literal("partial"), Type.Literal("error"), Type.Literal("manual")]),
  checks: Type.Array(Type.String()),
  counts: Type.Object({
    pass: Type.Integer({ minimum: 0 }),
    fail: Type.Integer({ minimum: 0 }),
    error: Type.Integer({ minimum: 0 }),
    manual: Type.Integer({ minimum: 0 }),
    skipped: Type.Integer({ minimum: 0 }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export type FeedSiteInventory = Static<typeof SiteInventory>;
export type FeedFindingGroup = Static<typeof FindingGroup>;
