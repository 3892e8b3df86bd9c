import { setTimeout as sleep } from "node:timers/promises";
import {
  GenerateCredentialReportCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand,
  GetAccountAuthorizationDetailsCommand, GetCredentialReportCommand,
} from "@aws-sdk/client-iam";
import type { Fact } from "../fact.ts";
import { administratorsOf, type AuthorizationDetails } from "./admin-rights.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { parseCredentialReport } from "./credential-report.ts";
import type { AccountSummary, AdministratorPrincipals, CredentialReport, PasswordPolicy } from "./facts.ts";
import { MalformedPolicy, summaryCount } from "./parse.ts";

/** Waits between GenerateCredentialReport polls; five polls and one Get keep MFA state within 6 calls. */
export const REPORT_POLL_DELAYS_MS = [500, 1_000, 2_000, 4_000];

/**
 * One report gives every user's password, MFA and access-key state: a few calls, whatever
 * the number of users. AWS reuses a report younger than 4 hours, so generatedAt is shown.
 */
export function getCredentialReport(caller: AwsCaller, clients: AwsClients, pollDelaysMs = REPORT_POLL_DELAYS_MS): Promise<Fact<CredentialReport>> {
  return caller.fact("GetCredentialReport", async () => {
    for (let attempt = 0; ; attempt++) {
      const gen = await caller.call("GenerateCredentialReport", (abortSignal) => clients.iam.send(new GenerateCredentialReportCommand({}), { abortSignal }));
      if (gen.State === "COMPLETE") break;
      const delay = pollDelaysMs[attempt];
      if (delay === undefined) {
        throw Object.assign(new Error("the credential report was still being generated"), { name: "ReportInProgress" });
      }
      await sleep(delay);
    }
    const out = await caller.call("GetCredentialReport", (abortSignal) => clients.iam.send(new GetCredentialReportCommand({}), { abortSignal }));
    if (!out.Content) throw Object.assign(new Error("GetCredentialReport returned no content"), { name: "MalformedResponse" });
    const csv = new TextDecoder().decode(out.Content);
    return parseCredentialReport(csv, (out.GeneratedTime ?? new Date()).toISOString());
  });
}

export function getAccountSummary(caller: AwsCaller, clients: AwsClients): Promise<Fact<AccountSummary>> {
  return caller.fact("GetAccountSummary", async () => {
    const out = await caller.call("GetAccountSummary", (abortSignal) => clients.iam.send(new GetAccountSummaryCommand({}), { abortSignal }));
    const map = out.SummaryMap ?? {};
    return { rootMfaEnabled: summaryCount(map, "AccountMFAEnabled") > 0, rootAccessKeysPresent: summaryCount(map, "AccountAccessKeysPresent") > 0 };
  });
}

export function getPasswordPolicy(caller: AwsCaller, clients: AwsClients): Promise<Fact<PasswordPolicy | null>> {
  return caller.fact("GetAccountPasswordPolicy", async () => {
    const out = await caller.call("GetAccountPasswordPolicy", (abortSignal) => clients.iam.send(new GetAccountPasswordPolicyCommand({}), { abortSignal }));
    const p = out.PasswordPolicy;
    return {
      minimumLength: p?.MinimumPasswordLength ?? 0,
      requireSymbols: p?.RequireSymbols === true,
      requireNumbers: p?.RequireNumbers === true,
      requireUppercase: p?.RequireUppercaseCharacters === true,
      requireLowercase: p?.RequireLowercaseCharacters === true,
      maxAgeDays: p?.MaxPasswordAge ?? null,
      reusePrevention: p?.PasswordReusePrevention ?? null,
    };
  }, { codes: ["NoSuchEntity", "NoSuchEntityException"], value: null });
}

/**
 * Who holds administrator rights and how, from one paginated GetAccountAuthorizationDetails:
 * users, groups, roles and customer-managed policies with their documents. AWS managed
 * policies are left out of the answer (over a thousand); AdministratorAccess is known by ARN.
 */
export function getAdministrators(caller: AwsCaller, clients: AwsClients, account: { accountId: string; partition: string }): Promise<Fact<AdministratorPrincipals>> {
  return caller.fact("GetAccountAuthorizationDetails", async () => {
    const details: AuthorizationDetails = { users: [], groups: [], roles: [], customerPolicies: new Map() };
    const named = (list: { PolicyName?: string; PolicyArn?: string }[] | undefined) =>
      (list ?? []).flatMap((p) => (p.PolicyArn ? [{ name: p.PolicyName ?? p.PolicyArn, arn: p.PolicyArn }] : []));
    const inline = (list: { PolicyName?: string; PolicyDocument?: string }[] | undefined) =>
      (list ?? []).map((p) => {
        if (p.PolicyDocument === undefined) throw new MalformedPolicy(`inline policy ${p.PolicyName ?? "(unnamed)"} has no document`);
        return { name: p.PolicyName ?? "(unnamed)", document: p.PolicyDocument };
      });
    let marker: string | undefined;
    do {
      const page = await caller.call("GetAccountAuthorizationDetails", (abortSignal) => clients.iam.send(new GetAccountAuthorizationDetailsCommand({
        Filter: ["User", "Group", "Role", "LocalManagedPolicy"], MaxItems: 1000, Marker: marker,
      }), { abortSignal }));
      for (const u of page.UserDetailList ?? []) {
        if (!u.UserName) continue;
        details.users.push({ name: u.UserName, arn: u.Arn ?? "", groups: u.GroupList ?? [], attached: named(u.AttachedManagedPolicies), inline: inline(u.UserPolicyList) });
      }
      for (const g of page.GroupDetailList ?? []) {
        if (!g.GroupName) continue;
        details.groups.push({ name: g.GroupName, attached: named(g.AttachedManagedPolicies), inline: inline(g.GroupPolicyList) });
      }
      for (const r of page.RoleDetailList ?? []) {
        if (!r.RoleName || !r.Arn) continue;
        if (r.AssumeRolePolicyDocument === undefined) throw new MalformedPolicy(`role ${r.RoleName} has no trust policy`);
        details.roles.push({ name: r.RoleName, arn: r.Arn, trust: r.AssumeRolePolicyDocument, attached: named(r.AttachedManagedPolicies), inline: inline(r.RolePolicyList) });
      }
      for (const p of page.Policies ?? []) {
        const version = p.PolicyVersionList?.find((v) => v.IsDefaultVersion);
        if (!p.Arn) continue;
        if (version?.Document === undefined) throw new MalformedPolicy(`policy ${p.PolicyName ?? p.Arn} has no default version document`);
        details.customerPolicies.set(p.Arn, version.Document);
      }
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return administratorsOf(details, account.accountId, account.partition);
  });
}
