import { createHash } from "node:crypto";
import { select } from "./fields.ts";
import type { SimPolicy, SimWorkspace } from "./model.ts";
import { requireScope } from "./token.ts";
import { GoogleError, json, pageOf, type Caller, type SimRequest, type SimResponse } from "./wire.ts";

const SCOPES = [
  "https://www.googleapis.com/auth/cloud-identity.policies",
  "https://www.googleapis.com/auth/cloud-identity.policies.readonly",
];

/** Cloud Identity Policy API v1 `policies.list` (GET /v1/policies). */
export function listPolicies(req: SimRequest, caller: Caller, ws: SimWorkspace, pageSizeCap: number): SimResponse {
  requireScope(caller, SCOPES, "cloudidentity.googleapis.com", "google.apps.cloudidentity.policies.v1.PoliciesService.ListPolicies");
  if (!ws.users.some((u) => u.primaryEmail === caller.subject && u.isAdmin && !u.suspended)) {
    // "Only a super administrator can use the Cloud Identity Policy API."
    throw new GoogleError(403, "forbidden", "The caller does not have permission", { rpcStatus: "PERMISSION_DENIED" });
  }
  const q = req.query;
  const requested = Number(q.get("pageSize") ?? "0");
  if (!Number.isInteger(requested) || requested < 0) throw invalidArgument();
  // Documented: 0 or absent means 50; above 100 means 100.
  const pageSize = requested === 0 ? 50 : Math.min(requested, 100);
  const filter = q.get("filter") ?? "";
  const matches = filterOf(filter, ws);
  const policies = ws.policies.filter(matches);
  const page = pageOf(policies, q.get("pageToken"), Math.min(pageSize, pageSizeCap), filter, invalidArgument);
  const response = {
    policies: page.items.map((p) => policyResource(p, ws)),
    ...(page.next ? { nextPageToken: page.next } : {}),
  };
  return json(200, select(response, q.get("fields"), "*"));
}

function policyResource(p: SimPolicy, ws: SimWorkspace) {
  const id = createHash("sha256").update(`${p.type}|${p.orgUnitId ?? ""}|${p.groupId ?? ""}`).digest("hex").slice(0, 26);
  const orgUnit = p.orgUnitId ?? ws.orgUnits[0]!.id;
  const query = p.groupId
    ? `entity.groups.exists(group, group.group_id == groupId('${p.groupId}'))`
    : `entity.org_units.exists(org_unit, org_unit.org_unit_id == orgUnitId('${orgUnit}'))`;
  return {
    name: `policies/${id}`,
    customer: `customers/${ws.customerId}`,
    policyQuery: {
      query,
      ...(p.groupId ? { group: `groups/${p.groupId}` } : { orgUnit: `orgUnits/${orgUnit}` }),
      sortOrder: ws.policies.indexOf(p) + 1,
    },
    setting: { type: p.type, value: p.value },
    type: "ADMIN",
  };
}

/**
 * The filter grammar the reference documents: `setting.type.matches('<RE2>')` and
 * `customer == "customers/…"`, at most one of each, joined with `&&`.
 */
function filterOf(filter: string, ws: SimWorkspace): (p: SimPolicy) => boolean {
  if (filter.trim() === "") return () => true;
  const tests: ((p: SimPolicy) => boolean)[] = [];
  for (const clause of filter.split("&&").map((c) => c.trim())) {
    const type = /^setting\.type\.matches\((['"])((?:\\.|(?!\1).)*)\1\)$/.exec(clause);
    const customer = /^customer\s*==\s*(['"])customers\/([^'"]+)\1$/.exec(clause);
    if (type) {
      let pattern: RegExp;
      try {
        pattern = new RegExp(type[2]!.replace(/\\\\/g, "\\"));
      } catch {
        throw invalidArgument();
      }
      tests.push((p) => pattern.test(p.type));
    } else if (customer) {
      const id = customer[2]!;
      tests.push(() => id === "my_customer" || id === ws.customerId);
    } else {
      throw invalidArgument();
    }
  }
  return (p) => tests.every((t) => t(p));
}

function invalidArgument(): GoogleError {
  return new GoogleError(400, "badRequest", "Request contains an invalid argument.", { rpcStatus: "INVALID_ARGUMENT" });
}
