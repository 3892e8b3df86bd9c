import { AWS_CHECKS } from "../../checks/aws/index.ts";
import { DEFAULT_POLICY, runCheck, type CheckContext, type CheckResult } from "../../checks/framework.ts";
import type { AwsFacts } from "../../providers/aws/facts.ts";

export function awsContext(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    tenantId: "test",
    tenantResource: { uid: "arn:aws:iam::123456789012:root", name: "AWS account 123456789012", type: "AWS::Account" },
    now: new Date(),
    policy: DEFAULT_POLICY,
    ...overrides,
  };
}

/** Runs every AWS check through the framework; results keyed by check id. */
export function runAwsChecks(facts: AwsFacts, ctx = awsContext()): Record<string, CheckResult[]> {
  return Object.fromEntries(AWS_CHECKS.map((c) => [c.meta.id, runCheck(c, facts, ctx)]));
}

/** The status of one check's result for one resource (by name), or throws with what there is. */
export function statusOf(results: Record<string, CheckResult[]>, checkId: string, resourceName?: string): string {
  const list = results[checkId];
  if (!list) throw new Error(`no check ${checkId}`);
  const r = resourceName === undefined ? list[0] : list.find((x) => x.resource.name === resourceName);
  if (!r) throw new Error(`${checkId}: no result for ${resourceName}; have ${list.map((x) => x.resource.name).join(", ")}`);
  return r.status;
}
