import { setTimeout as sleep } from "node:timers/promises";
import {
  GenerateCredentialReportCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand,
  GetCredentialReportCommand, GetGroupCommand, ListEntitiesForPolicyCommand,
} from "@aws-sdk/client-iam";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { parseCredentialReport } from "./credential-report.ts";
import type { AccountSummary, AdministratorPrincipals, CredentialReport, PasswordPolicy } from "./facts.ts";

/** Waits between GenerateCredentialReport polls; five polls and one Get keep MFA state within 6 calls. */
export const REPORT_POLL_DELAYS_MS = [500, 1_000, 2_000, 4_000];

/**
 * One report gives every user's password, MFA and access-key state: a few calls, whatever
 * the number of users. AWS reuses a report younger than 4 hours, so generatedAt is shown.
 */
export function getCredentialReport(caller: AwsCaller, clients: AwsClients, pollDelaysMs = REPORT_POLL_DELAYS_MS): Promise<Fact<CredentialReport>> {
  return caller.fact("GetCredentialReport", async () => {
    for (let attempt = 0; ; attempt++) {
      const gen = await caller.call("GenerateCredentialReport", () => clients.iam.send(new GenerateCredentialReportCommand({})));
      if (gen.State === "COMPLETE") break;
      const delay = pollDelaysMs[attempt];
      if (delay === undefined) {
        throw Object.assign(new Error("the credential report was still being generated"), { name: "ReportInProgress" });
      }
      await sleep(delay);
    }
    const out = await caller.call("GetCredentialReport", () => clients.iam.send(new GetCredentialReportCommand({})));
    if (!out.Content) throw Object.assign(new Error("GetCredentialReport returned no content"), { name: "MalformedResponse" });
    const csv = new TextDecoder().decode(out.Content);
    return parseCredentialReport(csv, (out.GeneratedTime ?? new Date()).toISOString());
  });
}

export function getAccountSummary(caller: AwsCaller, clients: AwsClients): Promise<Fact<AccountSummary>> {
  return caller.fact("GetAccountSummary", async () => {
    const out = await caller.call("GetAccountSummary", () => clients.iam.send(new GetAccountSummaryCommand({})));
    const map = out.SummaryMap ?? {};
    if (map.AccountMFAEnabled === undefined || map.AccountAccessKeysPresent === undefined) {
      throw Object.assign(new Error("SummaryMap lacks AccountMFAEnabled or AccountAccessKeysPresent"), { name: "MalformedResponse" });
    }
    return { rootMfaEnabled: map.AccountMFAEnabled === 1, rootAccessKeysPresent: map.AccountAccessKeysPresent > 0 };
  });
}

export function getPasswordPolicy(caller: AwsCaller, clients: AwsClients): Promise<Fact<PasswordPolicy | null>> {
  return caller.fact("GetAccountPasswordPolicy", async () => {
    const out = await caller.call("GetAccountPasswordPolicy", () => clients.iam.send(new GetAccountPasswordPolicyCommand({})));
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

/** Who holds AdministratorAccess: one listing, plus one GetGroup per admin group for its members. */
export function getAdministrators(caller: AwsCaller, clients: AwsClients, partition: string): Promise<Fact<AdministratorPrincipals>> {
  const policyArn = `arn:${partition}:iam::aws:policy/AdministratorAccess`;
  return caller.fact("ListEntitiesForPolicy", async () => {
    const result: AdministratorPrincipals = { users: [], roles: [], groups: [] };
    const groupNames: string[] = [];
    let marker: string | undefined;
    do {
      const page = await caller.call("ListEntitiesForPolicy", () =>
        clients.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn, Marker: marker })));
      result.users.push(...(page.PolicyUsers ?? []).flatMap((u) => (u.UserName ? [u.UserName] : [])));
      result.roles.push(...(page.PolicyRoles ?? []).flatMap((r) => (r.RoleName ? [r.RoleName] : [])));
      groupNames.push(...(page.PolicyGroups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    result.groups = await Promise.all(groupNames.map(async (name) => {
      const members: string[] = [];
      let groupMarker: string | undefined;
      do {
        const page = await caller.call("GetGroup", () => clients.iam.send(new GetGroupCommand({ GroupName: name, Marker: groupMarker })));
        members.push(...(page.Users ?? []).flatMap((u) => (u.UserName ? [u.UserName] : [])));
        groupMarker = page.IsTruncated ? page.Marker : undefined;
      } while (groupMarker);
      return { name, members };
    }));
    return result;
  });
}
