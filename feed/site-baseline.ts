import { Type, type Static } from "@sinclair/typebox";
import { Attestation } from "./schema.ts";

/**
 * The approved state of a watched shop page: its scripts (address and SHA-256 of the content,
 * or of the inline text) and where its forms send what is typed. Kept in the owner's answer
 * store, append-only like every answer: the first scan records one (`first_scan`), and each
 * change the owner or the vendor approves on the page adds one (`approval`) with who and
 * when. The last record for a page is its baseline.
 */
const Sha256 = Type.String({ pattern: "^[0-9a-f]{64}$" });

export const BaselineScript = Type.Object({
  key: Type.String({ maxLength: 4096 }),
  src: Type.Optional(Type.String({ maxLength: 4096 })),
  origin: Type.Optional(Type.String({ maxLength: 512 })),
  /** Absent when the script could not be fetched when the baseline was taken. */
  sha256: Type.Optional(Sha256),
}, { additionalProperties: false });

export const BaselineForm = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  actionOrigin: Type.String({ maxLength: 512 }),
}, { additionalProperties: false });

export const StoredSiteBaseline = Type.Object({
  kind: Type.Literal("siteBaseline"),
  /** The configured page address. */
  site: Type.String({ maxLength: 4096 }),
  source: Type.Union([Type.Literal("first_scan"), Type.Literal("approval")]),
  scripts: Type.Array(BaselineScript, { maxItems: 1000 }),
  forms: Type.Array(BaselineForm, { maxItems: 100 }),
  id: Type.String({ pattern: "^[A-Za-z0-9_-]{8,64}$" }),
  /** The server's clock when it was recorded. */
  at: Type.String({ format: "date-time" }),
  note: Type.Optional(Type.String({ maxLength: Attestation.properties.note.maxLength! })),
  /** The name the approver typed, or "cloud15" for the first scan. */
  by: Type.Optional(Type.String({ maxLength: Attestation.properties.by.maxLength! })),
}, { additionalProperties: false });

export type SiteBaseline = Static<typeof StoredSiteBaseline>;
export type SiteBaselineContent = Pick<SiteBaseline, "scripts" | "forms">;

/** The baseline in force for a page: the last one recorded for it. */
export function baselineFor(records: readonly { kind: string }[], site: string): SiteBaseline | undefined {
  let found: SiteBaseline | undefined;
  for (const record of records) {
    if (record.kind === "siteBaseline" && (record as SiteBaseline).site === site) found = record as SiteBaseline;
  }
  return found;
}
