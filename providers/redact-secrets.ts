/**
 * Credentials that a provider's or a tracker's message may quote, blanked out before the text
 * reaches the feed, the outbox or a log. One list for every provider and every catch-all, so
 * a pattern learnt in one place protects all of them.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  // AWS: access key ids and request signatures.
  [/\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g, "[access key]"],
  [/Signature=[0-9a-f]+/gi, "Signature=[redacted]"],
  // Private keys (a Google service account key, a Microsoft certificate).
  [/-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g, "[key]"],
  // Bearer and basic credentials, Google access tokens, JWTs (Entra tokens, signed assertions).
  [/Bearer\s+[\w.~+/=-]+/gi, "Bearer [redacted]"],
  [/Basic\s+[A-Za-z0-9+/=]{8,}/g, "Basic [redacted]"],
  [/ya29\.[\w.-]+/g, "[token]"],
  [/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, "[token]"],
  // GitHub and Slack tokens carry recognisable prefixes.
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9-]{10,})\b/g, "[token]"],
  // Secrets passed as parameters: client_secret=..., apiKey=... (Backlog's key travels in the query).
  [/\b(client_secret|api_?key|access_?token|token|password|secret)=[^&\s"']+/gi, "$1=[redacted]"],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A thrown value's message, fit for the feed and the logs: credentials blanked out, bounded like the providers' own errors. */
export function redactedMessage(err: unknown): string {
  return redactSecrets(err instanceof Error ? err.message : String(err)).slice(0, 500);
}
