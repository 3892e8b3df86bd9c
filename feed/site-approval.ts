import type { Feed } from "./schema.ts";
import type { SiteBaseline } from "./site-baseline.ts";

/**
 * An approval sent from the page: "what the last scan saw on this page is right". The server
 * takes the approved inventory from the stored feed, never from the browser, so an approval
 * can only approve what cloud15 itself observed. The approver's name is required: an approval
 * records who and when, and becomes the page's new baseline from the next scan on.
 */
export type SiteApprovalOutcome =
  | { record: Omit<SiteBaseline, "id" | "at"> }
  | { problem: string; status: 400 | 409 };

const FIELDS = new Set(["kind", "site", "note", "by"]);
const BY_MAX = 200;
const NOTE_MAX = 2000;

export function isSiteApprovalRequest(body: unknown): boolean {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "siteApproval";
}

export function siteApprovalFrom(body: Record<string, unknown>, feed: Feed | undefined): SiteApprovalOutcome {
  const unknownField = Object.keys(body).find((key) => !FIELDS.has(key));
  if (unknownField !== undefined) return { problem: `unknown field ${JSON.stringify(unknownField)}`, status: 400 };
  const by = typeof body.by === "string" ? body.by.trim() : "";
  if (!by) return { problem: "by is required: an approval records who gave it", status: 400 };
  if (by.length > BY_MAX) return { problem: `by is ${by.length} characters long; at most ${BY_MAX} are allowed`, status: 400 };
  const note = typeof body.note === "string" ? body.note.trim() : undefined;
  if (body.note !== undefined && typeof body.note !== "string") return { problem: "note must be text", status: 400 };
  if (note && note.length > NOTE_MAX) return { problem: `note is ${note.length} characters long; at most ${NOTE_MAX} are allowed`, status: 400 };
  const inventory = feed?.scan.providers.find((p) => p.provider === "site")?.sites?.find((s) => s.url === body.site);
  if (!inventory) return { problem: `no watched page ${JSON.stringify(body.site)} in the latest scan`, status: 400 };
  if (inventory.error !== undefined || inventory.baseline === undefined) {
    return { problem: "the page could not be read in the latest scan, so there is nothing to approve; scan again first", status: 409 };
  }
  return {
    record: {
      kind: "siteBaseline",
      site: inventory.url,
      source: "approval",
      scripts: inventory.scripts.map((s) => ({
        key: s.key, ...(s.src ? { src: s.src } : {}), ...(s.origin ? { origin: s.origin } : {}), ...(s.sha256 ? { sha256: s.sha256 } : {}),
      })),
      forms: inventory.forms.map((f) => ({ index: f.index, actionOrigin: f.actionOrigin })),
      by,
      ...(note ? { note } : {}),
    },
  };
}
