import { AWS_CHECKS } from "../../checks/aws/index.ts";
import { DEFAULT_POLICY, type CheckContext, type CheckResult } from "../../checks/framework.ts";
import type { AwsFacts } from "../../providers/aws/facts.ts";
import { runChecks, statusOf } from "./run-checks.ts";

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
  return runChecks(AWS_CHECKS, facts, ctx);
}

export { statusOf };
