/**
 * GetBucketPolicyStatus's IsPublic, after S3's "The meaning of public": a policy is public
 * when an Allow statement names a wildcard principal and no condition pins the caller to
 * fixed values of the keys S3 accepts as restricting (source IP, VPC, account, org, ARN).
 * Principals such as `{"Service": "cloudfront.amazonaws.com"}` or an account are not public.
 */
const RESTRICTING_KEYS = new Set([
  "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner",
  "aws:sourceaccount", "aws:principalaccount", "aws:principalorgid", "aws:principalarn",
  "aws:userid", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
]);

/** A policy served as raw text (a garbage-policy fault) is not judged public: S3 could not read it either. */
export function policyIsPublic(policy: object | string): boolean {
  if (typeof policy === "string") return false;
  const statements = asArray((policy as { Statement?: unknown }).Statement);
  return statements.some((statement) => {
    if (typeof statement !== "object" || statement === null) return false;
    const { Effect, Principal, Condition } = statement as Record<string, unknown>;
    return Effect === "Allow" && principalIsEveryone(Principal) && !conditionRestricts(Condition);
  });
}

function principalIsEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return asArray((principal as Record<string, unknown>).AWS).includes("*");
}

function conditionRestricts(condition: unknown): boolean {
  if (typeof condition !== "object" || condition === null) return false;
  return Object.values(condition).some((byKey) =>
    typeof byKey === "object" && byKey !== null &&
    Object.entries(byKey).some(([key, values]) =>
      RESTRICTING_KEYS.has(key.toLowerCase()) &&
      asArray(values).every((v) => typeof v === "string" && !v.includes("*") && v !== "0.0.0.0/0")));
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
