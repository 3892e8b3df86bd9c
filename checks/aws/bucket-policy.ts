import { MalformedPolicy, parsePolicyDocument, type PolicyStatement } from "../../providers/aws/parse.ts";

/**
 * Says which statements of a bucket policy make the bucket public, the way S3's own
 * "public" rule does: an Allow to everyone (`*`) that no condition narrows to known
 * networks, accounts, organisations or sources. Service principals (CloudFront, logging)
 * and named accounts are not public.
 */
export interface PublicStatement {
  /** Sid, or the statement's position when it has none. */
  id: string;
  actions: string[];
  reason: "principal-everyone" | "not-principal";
}

export interface PolicyVerdict {
  publicStatements: PublicStatement[];
  /** Set when the text is not a policy we can read; the caller must not call it private. */
  unreadable?: string;
}

/** Condition keys that tie a statement to known callers (compared in lower case). */
const NARROWING_KEYS = new Set([
  "aws:sourceip", "aws:sourcevpce", "aws:sourcevpc", "aws:principalorgid", "aws:principalorgpaths",
  "aws:principalaccount", "aws:principalarn", "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid",
  "aws:sourceorgpaths", "aws:userid", "aws:username", "s3:dataaccesspointaccount", "s3:dataaccesspointarn",
]);

/** Operators under which a narrowing key still lets anyone in. */
const NON_NARROWING_OPERATORS = /^(null|forallvalues:|stringnotequals|stringnotlike|arnnotequals|arnnotlike|notipaddress)/i;

export function evaluateBucketPolicy(policyText: string): PolicyVerdict {
  let statements: PolicyStatement[];
  try {
    statements = parsePolicyDocument(policyText);
  } catch (err) {
    if (err instanceof MalformedPolicy) return { publicStatements: [], unreadable: err.message };
    throw err;
  }
  const publicStatements: PublicStatement[] = [];
  statements.forEach((st, index) => {
    if (st.effect !== "Allow") return;
    const id = st.sid ?? `#${index + 1}`;
    if (st.notPrincipal !== undefined) {
      publicStatements.push({ id, actions: st.action, reason: "not-principal" });
      return;
    }
    if (!grantsEveryone(st.principal)) return;
    if (isNarrowed(st.condition)) return;
    publicStatements.push({ id, actions: st.action, reason: "principal-everyone" });
  });
  return { publicStatements };
}

function grantsEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal && typeof principal === "object") {
    const p = principal as Record<string, unknown>;
    return asArray(p.AWS).some((a) => a === "*") || asArray(p.CanonicalUser).some((a) => a === "*");
  }
  return false;
}

function isNarrowed(condition: unknown): boolean {
  if (!condition || typeof condition !== "object") return false;
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (NON_NARROWING_OPERATORS.test(operator) || !block || typeof block !== "object") continue;
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      if (!NARROWING_KEYS.has(key.toLowerCase())) continue;
      const list = asArray(values).map(String);
      const opensToAll = list.length === 0 || list.some((v) => v === "*" || v === "0.0.0.0/0" || v === "::/0");
      if (!opensToAll) return true;
    }
  }
  return false;
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}
