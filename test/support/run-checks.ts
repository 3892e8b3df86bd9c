import { runCheck, type Check, type CheckContext, type CheckResult } from "../../checks/framework.ts";

/** Runs a provider's checks through the framework, as the pipeline does; results keyed by check id. */
export function runChecks<F extends object>(checks: readonly Check<F>[], facts: F, ctx: CheckContext): Record<string, CheckResult[]> {
  return Object.fromEntries(checks.map((c) => [c.meta.id, runCheck(c, facts, ctx)]));
}

/** The status of one check's result for one resource (by name), or throws with what there is. */
export function statusOf(results: Record<string, CheckResult[]>, checkId: string, resourceName?: string): string {
  const list = results[checkId];
  if (!list) throw new Error(`no check ${checkId}`);
  const r = resourceName === undefined ? list[0] : list.find((x) => x.resource.name === resourceName);
  if (!r) throw new Error(`${checkId}: no result for ${resourceName}; have ${list.map((x) => x.resource.name).join(", ")}`);
  return r.status;
}
