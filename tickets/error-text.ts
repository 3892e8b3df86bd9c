import { STATUS_CODES } from "node:http";
import { redactSecrets } from "../providers/redact-secrets.ts";

/** The longest error text kept in the outbox, the feed (`tickets.dead[].lastError`) and the logs. */
const MAX_ERROR_TEXT = 300;
/** The longest part of it a tracker's own words may take. */
const MAX_REASON = 160;

/**
 * Error text fit to keep: credentials blanked out, on one line, bounded. Every error cloud15
 * stores or logs about a tracker passes through here, whatever threw it.
 */
export function errorText(text: string, max = MAX_ERROR_TEXT): string {
  const flat = redactSecrets(text).replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** What a failure says once stored, whatever threw it. */
export function storedErrorText(err: unknown): string {
  return errorText(err instanceof Error ? err.message : String(err));
}

/**
 * A tracker's refusal as its status and a short reason: the message fields the trackers'
 * error documents define (GitHub `message`, Jira `errorMessages` and `errors`, Redmine
 * `errors`, Backlog `errors[].message`, OAuth `error_description`), never the rest of the
 * body. An answer that is not such a document (an HTML error page, a proxy's text) gives
 * only its status: a body can echo a request, headers and credentials included.
 */
export function trackerRefusal(status: number, body: string): string {
  const reason = documentedReason(body);
  const statusText = STATUS_CODES[status];
  return `HTTP ${status}${statusText ? ` ${statusText}` : ""}${reason ? `: ${errorText(reason, MAX_REASON)}` : ""}`;
}

function documentedReason(body: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const doc = value as Record<string, unknown>;
  const parts: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === "string" && v.trim() !== "") parts.push(v);
    else if (typeof v === "object" && v !== null && typeof (v as { message?: unknown }).message === "string") parts.push((v as { message: string }).message);
  };
  add(doc.message);
  add(doc.error_description);
  if (Array.isArray(doc.errorMessages)) doc.errorMessages.forEach(add);
  if (Array.isArray(doc.errors)) doc.errors.forEach(add);
  else if (typeof doc.errors === "object" && doc.errors !== null) {
    for (const [field, v] of Object.entries(doc.errors)) if (typeof v === "string") parts.push(`${field}: ${v}`);
  }
  add(doc.error);
  return parts.length > 0 ? parts.join("; ") : undefined;
}
