import {
  GenerateCredentialReportCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand,
  GetCredentialReportCommand, paginateGetAccountAuthorizationDetails,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CREDENTIAL_REPORT_COLUMNS } from "../../simulator/aws/credential-report.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { awsClients, errorOf, fetchCredentialReport } from "./aws-clients.ts";

let sim: AwsSimulator;
let clients: ReturnType<typeof awsClients>;
const NOW = new Date("2026-06-01T00:00:00Z");

beforeAll(async () => {
  sim = await startAwsSimulator({ account: exampleCoAccount(NOW) });
  clients = awsClients(sim.endpoint, { maxAttempts: 1 });
});
beforeEach(() => {
  sim.account = exampleCoAccount(NOW);
  sim.resetCalls();
});
afterAll(() => sim.stop());

describe("credential report", () => {
  it("is STARTED, then COMPLETE; reading it too early is an error", async () => {
    const fresh = await startAwsSimulator({ account: exampleCoAccount(NOW) });
    const { iam } = awsClients(fresh.endpoint, { maxAttempts: 1 });
    try {
      expect((await errorOf(iam.send(new GetCredentialReportCommand({})))).name).toBe("CredentialReportNotPresentException");
      expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
      expect((await errorOf(iam.send(new GetCredentialReportCommand({})))).name).toBe("CredentialReportNotReadyException");
      expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
      expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    } finally {
      await fresh.stop();
    }
  });

  it("has IAM's columns, a root row first and one row per user", async () => {
    const { out, columns, rows } = await fetchCredentialReport(clients.iam);
    expect(out.ReportFormat).toBe("text/csv");
    expect(out.GeneratedTime).toBeInstanceOf(Date);
    expect(columns).toEqual([...CREDENTIAL_REPORT_COLUMNS]);
    expect(rows.map((r) => r.user)).toEqual(["<root_account>", "tanaka", "suzuki", "ci-deploy", "old-contractor", "sato"]);
    const by = Object.fromEntries(rows.map((r) => [r.user, r]));
    expect(by["<root_account>"]).toMatchObject({
      arn: "arn:aws:iam::123456789012:root", password_enabled: "not_supported", mfa_active: "false", access_key_1_active: "true",
    });
    expect(by.tanaka).toMatchObject({ password_enabled: "true", mfa_active: "true", access_key_1_active: "false" });
    expect(by.suzuki).toMatchObject({ password_enabled: "true", mfa_active: "false" });
    expect(by["ci-deploy"]).toMatchObject({
      password_enabled: "false", password_last_used: "N/A", access_key_1_active: "true",
      access_key_1_last_rotated: "2025-04-27T00:00:00+00:00", access_key_1_last_used_date: "2026-05-31T00:00:00+00:00",
    });
    expect(by["old-contractor"]).toMatchObject({ access_key_1_active: "true", access_key_1_last_used_date: "N/A" });
  });

  it("shows a change made to the model after the report was generated", async () => {
    await fetchCredentialReport(clients.iam);
    sim.account.users.find((u) => u.name === "suzuki")!.mfa = true;
    const { rows } = await fetchCredentialReport(clients.iam);
    expect(rows.find((r) => r.user === "suzuki")?.mfa_active).toBe("true");
  });
});

describe("account settings", () => {
  it("summarises root MFA and root access keys", async () => {
    const map = (await clients.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(map).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, Users: 5 });
    sim.account.rootMfa = true;
    sim.account.rootAccessKeys = false;
    const fixed = (await clients.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(fixed).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 });
  });

  it("answers the password policy, or NoSuchEntity when there is none", async () => {
    const policy = (await clients.iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy;
    expect(policy).toMatchObject({ MinimumPasswordLength: 6, RequireSymbols: false, ExpirePasswords: false });
    expect(policy?.MaxPasswordAge).toBeUndefined();
    delete sim.account.passwordPolicy;
    const err = await errorOf(clients.iam.send(new GetAccountPasswordPolicyCommand({})));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(["NoSuchEntityException", 404]);
  });
});

describe("STS", () => {
  it("names the scanner's own identity", async () => {
    const me = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/cloud15-scanner" });
  });

  it("assumes a role only with the ExternalId the tenant requires", async () => {
    const RoleArn = "arn:aws:iam::123456789012:role/cloud15-readonly";
    const missing = await errorOf(clients.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "scan" })));
    expect([missing.name, missing.$metadata?.httpStatusCode]).toEqual(["AccessDenied", 403]);
    const wrong = await errorOf(clients.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "scan", ExternalId: "guess" })));
    expect(wrong.name).toBe("AccessDenied");
    const otherAccount = await errorOf(clients.sts.send(new AssumeRoleCommand({
      RoleArn: "arn:aws:iam::999999999999:role/cloud15-readonly", RoleSessionName: "scan", ExternalId: "cloud15-example-co",
    })));
    expect(otherAccount.name).toBe("AccessDenied");

    const out = await clients.sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "scan", ExternalId: "cloud15-example-co" }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now());
    const { sts } = awsClients(sim.endpoint, {
      credentials: {
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      },
    });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe("arn:aws:sts::123456789012:assumed-role/cloud15-readonly/scan");
  });
});

describe("GetAccountAuthorizationDetails and credential-report switches", () => {
  it("filters by kind, pages across kinds, and sends policy documents URL-encoded", async () => {
    sim.account.authorization = { inlinePolicies: [{ on: "user", principal: "ci-deploy", name: "all", document: { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }] };
    const users: string[] = [];
    const kinds = new Set<string>();
    for await (const page of paginateGetAccountAuthorizationDetails({ client: clients.iam, pageSize: 2 }, { Filter: ["User", "Role"] })) {
      users.push(...(page.UserDetailList ?? []).map((u) => u.UserName!));
      if (page.UserDetailList?.length) kinds.add("User");
      if (page.RoleDetailList?.length) kinds.add("Role");
      if (page.GroupDetailList?.length) kinds.add("Group");
      const ci = page.UserDetailList?.find((u) => u.UserName === "ci-deploy");
      if (ci) expect(JSON.parse(decodeURIComponent(ci.UserPolicyList![0]!.PolicyDocument!)).Statement[0].Action).toBe("*");
    }
    expect(users).toEqual(sim.account.users.map((u) => u.name));
    expect([...kinds].sort()).toEqual(["Role", "User"]);
    expect(sim.calls.GetAccountAuthorizationDetails).toBeGreaterThan(1);
  });

  it("drops a column, replaces a cell and leaves out the root row when told to", async () => {
    sim.account.quirks = {
      credentialReportWithout: ["mfa_active"], credentialReportWithoutRoot: true,
      credentialReportCells: { tanaka: { password_last_used: "not-a-date" } },
    };
    const report = await fetchCredentialReport(clients.iam);
    expect(report.columns).not.toContain("mfa_active");
    expect(report.rows.map((r) => r.user)).not.toContain("<root_account>");
    expect(report.rows.find((r) => r.user === "tanaka")!.password_last_used).toBe("not-a-date");
  });
});
