import { isUnlicensed, type Fact, type Unlicensed } from "../../providers/fact.ts";
import type { PrivilegedRole } from "../../providers/microsoft/facts.ts";
import { errorResult, type CheckResult, type ResourceRef } from "../framework.ts";
import { ADMIN_CENTER } from "./resources.ts";

/** Where the PIM-eligible part of an admin check is reported when it could not be judged. */
export const ELIGIBLE_ASSIGNMENTS: ResourceRef = {
  uid: "entra:roles/eligible",
  name: "Eligible (PIM) role assignments",
  type: "Microsoft.Entra/RoleEligibility",
  consoleUrl: ADMIN_CENTER.roles,
};

export interface EligibleRoles {
  /** Eligible holders, by role; empty when they could not be read. */
  roles: PrivilegedRole[];
  /** `skipped` (no licence for PIM) or `error` (refused, failed) for the eligible part; undefined when read. */
  unjudged?: CheckResult;
}

/**
 * The PIM-eligible holders the admin checks add to the active ones. Without a licence for
 * PIM there are none to find: the active assignments are the whole answer, and the eligible
 * part says `skipped` with the reason. When they could not be read, it says `error`.
 */
export function eligibleRoles(fact: Fact<PrivilegedRole[] | Unlicensed>): EligibleRoles {
  if (!fact.ok) return { roles: [], unjudged: errorResult(ELIGIBLE_ASSIGNMENTS, fact.error) };
  if (isUnlicensed(fact.value)) return { roles: [], unjudged: { status: "skipped", resource: ELIGIBLE_ASSIGNMENTS, reason: fact.value.unlicensed } };
  return { roles: fact.value };
}
