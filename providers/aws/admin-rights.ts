import type { AdminPolicy, AdminRole, AdministratorPrincipals } from "./facts.ts";
import { parsePolicyDocument, wildcardMatches, type PolicyStatement } from "./parse.ts";

/** What GetAccountAuthorizationDetails says, reduced to what decides administrator rights. */
export interface AuthorizationDetails {
  users: { name: string; arn: string; groups: string[]; attached: { name: string; arn: string }[]; inline: NamedDocument[] }[];
  groups: { name: string; attached: { name: string; arn: string }[]; inline: NamedDocument[] }[];
  roles: { name: string; arn: string; trust: string; attached: { name: string; arn: string }[]; inline: NamedDocument[] }[];
  /** Customer-managed policies by ARN: their default version's document. */
  customerPolicies: Map<string, string>;
}

interface NamedDocument {
  name: string;
  document: string;
}

/**
 * Who can do everything, and how. A policy is administrator power when it is the AWS managed
 * AdministratorAccess, or any policy with an unconditioned Allow of `*` (or `*:*`) on
 * `*`. Users get it directly, through a group, or by assuming a role that has it and whose
 * trust policy names them, or names the account while their own policies allow
 * sts:AssumeRole on it. Deny statements and permission boundaries are not subtracted: a
 * reviewer should see anyone who might hold the power.
 */
export function administratorsOf(details: AuthorizationDetails, accountId: string, partition: string): AdministratorPrincipals {
  const adminAccessArn = `arn:${partition}:iam::aws:policy/AdministratorAccess`;
  const statementsOf = new Map<string, PolicyStatement[]>();
  const parsed = (key: string, text: string) => {
    let statements = statementsOf.get(key);
    if (!statements) {
      statements = parsePolicyDocument(text);
      statementsOf.set(key, statements);
    }
    return statements;
  };
  const managedAdmin = (p: { name: string; arn: string }, group?: string): AdminPolicy[] => {
    if (p.arn === adminAccessArn) return [{ kind: "aws-managed", name: p.name, ...(group ? { group } : {}) }];
    const text = details.customerPolicies.get(p.arn);
    if (text !== undefined && grantsEverything(parsed(p.arn, text))) return [{ kind: "customer-managed", name: p.name, ...(group ? { group } : {}) }];
    return [];
  };
  const inlineAdmin = (owner: string, d: NamedDocument, group?: string): AdminPolicy[] =>
    grantsEverything(parsed(`${owner}/${d.name}`, d.document)) ? [{ kind: "inline", name: d.name, ...(group ? { group } : {}) }] : [];
  /** Every statement of the customer-managed and inline policies a principal holds. */
  const statementsHeld = (owner: string, attached: { arn: string }[], inline: NamedDocument[]) => [
    ...attached.flatMap((p) => {
      const text = details.customerPolicies.get(p.arn);
      return text === undefined ? [] : parsed(p.arn, text);
    }),
    ...inline.flatMap((d) => parsed(`${owner}/${d.name}`, d.document)),
  ];
  const powerOf = (owner: string, attached: { name: string; arn: string }[], inline: NamedDocument[], group?: string) => [
    ...attached.flatMap((p) => managedAdmin(p, group)),
    ...inline.flatMap((d) => inlineAdmin(owner, d, group)),
  ];

  const groupPower = new Map(details.groups.map((g) => [g.name, powerOf(`group/${g.name}`, g.attached, g.inline, g.name)]));
  const roles: (AdminRole & { arn: string })[] = details.roles.flatMap((r) => {
    const policies = powerOf(`role/${r.name}`, r.attached, r.inline);
    if (policies.length === 0) return [];
    const trust = trustOf(parsePolicyDocument(r.trust), accountId, partition);
    return [{ name: r.name, arn: r.arn, policies, ...trust }];
  });

  const users = details.users.flatMap((u) => {
    const policies = [
      ...powerOf(`user/${u.name}`, u.attached, u.inline),
      ...u.groups.flatMap((g) => groupPower.get(g) ?? []),
    ];
    const own = () => [
      ...statementsHeld(`user/${u.name}`, u.attached, u.inline),
      ...details.groups.filter((g) => u.groups.includes(g.name)).flatMap((g) => statementsHeld(`group/${g.name}`, g.attached, g.inline)),
    ];
    // An administrator can assume any role that trusts the account; naming those adds nothing.
    const assumable = roles.filter((r) => r.trustedUsers.includes(u.name) ||
      (r.trustsAccount && policies.length === 0 && allowsAssumeRole(own(), r.arn)));
    if (policies.length === 0 && assumable.length === 0) return [];
    return [{ name: u.name, policies, roles: assumable.map((r) => r.name) }];
  });
  return { users, roles: roles.map(({ arn: _arn, ...r }) => r) };
}

/** An unconditioned Allow of every action on every resource. */
export function grantsEverything(statements: PolicyStatement[]): boolean {
  return statements.some((s) => s.effect === "Allow" && s.condition === undefined &&
    s.action.some((a) => a === "*" || a === "*:*") && s.resource.includes("*"));
}

function allowsAssumeRole(statements: PolicyStatement[], roleArn: string): boolean {
  return statements.some((s) => s.effect === "Allow" &&
    s.action.some((a) => wildcardMatches(a, "sts:AssumeRole")) &&
    s.resource.some((r) => wildcardMatches(r, roleArn, true)));
}

/** Whom a role's trust policy lets assume it, among this account's users. */
function trustOf(statements: PolicyStatement[], accountId: string, partition: string): { trustsAccount: boolean; trustedUsers: string[] } {
  const root = `arn:${partition}:iam::${accountId}:root`;
  const userPrefix = `arn:${partition}:iam::${accountId}:user/`;
  let trustsAccount = false;
  const trustedUsers: string[] = [];
  for (const s of statements) {
    if (s.effect !== "Allow" || !s.action.some((a) => wildcardMatches(a, "sts:AssumeRole"))) continue;
    const principals = s.principal === "*" ? ["*"] : awsPrincipals(s.principal);
    for (const p of principals) {
      if (p === "*" || p === root || p === accountId) trustsAccount = true;
      else if (p.startsWith(userPrefix)) trustedUsers.push(p.slice(userPrefix.length).split("/").pop()!);
    }
  }
  return { trustsAccount, trustedUsers };
}

function awsPrincipals(principal: unknown): string[] {
  if (!principal || typeof principal !== "object") return [];
  const aws = (principal as Record<string, unknown>).AWS;
  const list = Array.isArray(aws) ? aws : aws === undefined ? [] : [aws];
  return list.filter((x): x is string => typeof x === "string");
}
