/**
 * Contract: the simulator and moto (an independent AWS emulator) seeded with the same small
 * account must give the same parsed SDK answers for what the scanner reads. Where moto is
 * known to fall short of AWS, the test compares only what both do and says so.
 */
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand,
  CreateAccessKeyCommand, CreateGroupCommand, CreateLoginProfileCommand, CreateRoleCommand, CreateUserCommand,
  CreatePolicyCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand, PutUserPolicyCommand, UpdateAccountPasswordPolicyCommand, paginateGetAccountAuthorizationDetails,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand, GetBucketAclCommand, GetBucketLocationCommand, GetBucketPolicyCommand, GetBucketVersioningCommand,
  GetPublicAccessBlockCommand, ListBucketsCommand, PutBucketAclCommand, PutBucketPolicyCommand, PutBucketVersioningCommand,
  PutPublicAccessBlockCommand, type GetBucketAclCommandOutput,
} from "@aws-sdk/client-s3";
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand,
} from "@aws-sdk/client-s3-control";
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMINISTRATOR_ACCESS_ARN, ALL_USERS_URI, type SimAwsAccount } from "../../simulator/aws/model.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { MOTO_START_MS } from "../support/busy-machine.ts";
import { awsClients, fetchCredentialReport } from "./aws-clients.ts";

const ACCOUNT_ID = "123456789012"; // moto's default account
const TOKYO = "ap-northeast-1";
const WEBSITE_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::contract-website/*" }],
};
const BLOCK_ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const EVERYTHING = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const ASSUME_ANY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };
const PASSWORD_POLICY = { minimumLength: 8, requireSymbols: true, requireNumbers: true, requireUppercase: false, requireLowercase: true, maxAgeDays: 90, reusePrevention: 3 };

/** The simulator's side of the seed: the same account as `seedMoto` builds through the API. */
function contractAccount(): SimAwsAccount {
  const now = new Date().toISOString();
  return {
    accountId: ACCOUNT_ID,
    rootMfa: false,
    rootAccessKeys: false,
    users: [
      { name: "alice", createdAt: now, password: {}, mfa: true, accessKeys: [] },
      { name: "bob", createdAt: now, password: {}, mfa: false, accessKeys: [] },
      { name: "ci", createdAt: now, mfa: false, accessKeys: [{ active: true, createdAt: now }] },
    ],
    administratorAccess: { users: ["alice"], groups: [{ name: "admins", members: ["bob"] }], roles: ["OrgAdmin"] },
    authorization: {
      customerPolicies: [{ name: "ContractFull", document: EVERYTHING, users: ["ci"] }],
      inlinePolicies: [{ on: "user", principal: "bob", name: "assume-any", document: ASSUME_ANY }],
    },
    buckets: [
      { name: "contract-public", region: TOKYO, createdAt: now, acl: [{ granteeType: "Group", grantee: ALL_USERS_URI, permission: "READ" }] },
      { name: "contract-website", region: TOKYO, createdAt: now, acl: [], policy: WEBSITE_POLICY },
      { name: "contract-private", region: TOKYO, createdAt: now, acl: [], publicAccessBlock: BLOCK_ALL, versioning: "Enabled" },
      { name: "contract-us", region: "us-east-1", createdAt: now, acl: [] },
    ],
    backup: {},
  };
}

async function seedMoto(c: Clients, us: Clients): Promise<void> {
  for (const Bucket of ["contract-public", "contract-website", "contract-private"]) {
    await c.s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: TOKYO } }));
  }
  await us.s3.send(new CreateBucketCommand({ Bucket: "contract-us" }));
  await c.s3.send(new PutBucketAclCommand({ Bucket: "contract-public", ACL: "public-read" }));
  await c.s3.send(new PutBucketPolicyCommand({ Bucket: "contract-website", Policy: JSON.stringify(WEBSITE_POLICY) }));
  await c.s3.send(new PutPublicAccessBlockCommand({
    Bucket: "contract-private",
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  }));
  await c.s3.send(new PutBucketVersioningCommand({ Bucket: "contract-private", VersioningConfiguration: { Status: "Enabled" } }));

  for (const UserName of ["alice", "bob", "ci"]) await c.iam.send(new CreateUserCommand({ UserName }));
  for (const UserName of ["alice", "bob"]) {
    await c.iam.send(new CreateLoginProfileCommand({ UserName, Password: "Correct-Horse-Battery-9" }));
  }
  const device = await c.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "alice" }));
  await c.iam.send(new EnableMFADeviceCommand({
    UserName: "alice", SerialNumber: device.VirtualMFADevice!.SerialNumber!, AuthenticationCode1: "123456", AuthenticationCode2: "654321",
  }));
  await c.iam.send(new CreateAccessKeyCommand({ UserName: "ci" }));
  await c.iam.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: ADMINISTRATOR_ACCESS_ARN }));
  await c.iam.send(new CreateGroupCommand({ GroupName: "admins" }));
  await c.iam.send(new AddUserToGroupCommand({ GroupName: "admins", UserName: "bob" }));
  await c.iam.send(new AttachGroupPolicyCommand({ GroupName: "admins", PolicyArn: ADMINISTRATOR_ACCESS_ARN }));
  await c.iam.send(new CreateRoleCommand({ RoleName: "OrgAdmin", AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }) }));
  await c.iam.send(new AttachRolePolicyCommand({ RoleName: "OrgAdmin", PolicyArn: ADMINISTRATOR_ACCESS_ARN }));
  const full = await c.iam.send(new CreatePolicyCommand({ PolicyName: "ContractFull", PolicyDocument: JSON.stringify(EVERYTHING) }));
  await c.iam.send(new AttachUserPolicyCommand({ UserName: "ci", PolicyArn: full.Policy!.Arn! }));
  await c.iam.send(new PutUserPolicyCommand({ UserName: "bob", PolicyName: "assume-any", PolicyDocument: JSON.stringify(ASSUME_ANY) }));
}

type Clients = ReturnType<typeof awsClients>;
interface Side { tokyo: Clients; us: Clients }

const motoPath = (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "moto_server")).find((file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

if (motoPath === undefined && process.env.CI !== "true") {
  console.warn([
    "",
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    "!! moto_server is not on PATH: SKIPPING the simulator-vs-moto contract test. !!",
    "!! Install it (pip install 'moto[server]') to check the simulator's wire     !!",
    "!! formats against an independent emulator. With CI=true this test fails.    !!",
    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
  ].join("\n"));
}

describe.runIf(motoPath === undefined && process.env.CI === "true")("moto contract in CI", () => {
  it("needs moto_server on PATH", () => {
    expect.fail("moto_server is not on PATH; CI must run the simulator-vs-moto contract test");
  });
});

describe.runIf(motoPath !== undefined)("simulator agrees with moto", () => {
  let moto: ChildProcess;
  let sim: AwsSimulator;
  let onMoto: Side;
  let onSim: Side;
  const both = async <T>(call: (side: Side) => Promise<T>) => ({
    moto: await outcome(call(onMoto)),
    sim: await outcome(call(onSim)),
  });

  beforeAll(async () => {
    const port = await freePort();
    moto = spawn(motoPath!, ["-H", "127.0.0.1", "-p", String(port)], {
      // AWS managed policies (AdministratorAccess) exist in moto only when asked for.
      env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
      stdio: "ignore",
      // Its own process group, so stopping it also stops the Python under the pyenv shim.
      detached: true,
    });
    const motoEndpoint = `http://127.0.0.1:${port}`;
    await waitUntilUp(motoEndpoint);
    sim = await startAwsSimulator({ account: contractAccount() });
    const sideOf = (endpoint: string): Side => ({
      tokyo: awsClients(endpoint, { maxAttempts: 1 }),
      us: awsClients(endpoint, { maxAttempts: 1, region: "us-east-1" }),
    });
    onMoto = sideOf(motoEndpoint);
    onSim = sideOf(sim.endpoint);
    await seedMoto(onMoto.tokyo, onMoto.us);
  });

  afterAll(async () => {
    await sim?.stop();
    if (moto?.pid !== undefined && moto.exitCode === null) {
      const exited = new Promise((resolve) => moto.once("exit", resolve));
      process.kill(-moto.pid, "SIGTERM");
      await exited;
    }
  });

  it("ListBuckets: the same names (moto sends no BucketRegion and no ContinuationToken when paged)", async () => {
    const { moto, sim } = await both(async (s) => (await s.tokyo.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name).sort());
    expect(sim).toEqual(moto);
  });

  it("GetBucketAcl: the same grants (owner ids differ per emulator)", async () => {
    for (const Bucket of ["contract-public", "contract-private"]) {
      const { moto, sim } = await both(async (s) => grants(await s.tokyo.s3.send(new GetBucketAclCommand({ Bucket }))));
      expect(sim, Bucket).toEqual(moto);
    }
  });

  it("GetBucketPolicy: the same document, and NoSuchBucketPolicy without one", async () => {
    const policy = await both(async (s) => JSON.parse((await s.tokyo.s3.send(new GetBucketPolicyCommand({ Bucket: "contract-website" }))).Policy!));
    expect(policy.sim).toEqual(policy.moto);
    const none = await both((s) => s.tokyo.s3.send(new GetBucketPolicyCommand({ Bucket: "contract-private" })));
    expect(none.sim).toEqual(none.moto);
    expect(none.sim).toEqual({ error: "NoSuchBucketPolicy" });
    // GetBucketPolicyStatus is not compared: moto answers an empty PolicyStatus (no IsPublic).
  });

  it("GetPublicAccessBlock: the same settings, and the same error when not configured", async () => {
    for (const Bucket of ["contract-private", "contract-public"]) {
      const { moto, sim } = await both(async (s) =>
        (await s.tokyo.s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration);
      expect(sim, Bucket).toEqual(moto);
    }
  });

  it("GetBucketVersioning and GetBucketLocation agree", async () => {
    for (const Bucket of ["contract-private", "contract-public", "contract-website"]) {
      const { moto, sim } = await both(async (s) => (await s.tokyo.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status);
      expect(sim, Bucket).toEqual(moto);
    }
    for (const Bucket of ["contract-public", "contract-us"]) {
      const { moto, sim } = await both(async (s) => (await s.tokyo.s3.send(new GetBucketLocationCommand({ Bucket }))).LocationConstraint);
      expect(sim, Bucket).toEqual(moto);
    }
  });

  it("S3 Control GetPublicAccessBlock: not configured, then configured", async () => {
    const read = (s: Side) => s.tokyo.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ACCOUNT_ID }))
      .then((out) => out.PublicAccessBlockConfiguration);
    const before = await both(read);
    expect(before.sim).toEqual(before.moto);
    expect(before.sim).toEqual({ error: "NoSuchPublicAccessBlockConfiguration" });

    await onMoto.tokyo.s3control.send(new PutAccountPublicAccessBlockCommand({
      AccountId: ACCOUNT_ID,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true },
    }));
    sim.account.publicAccessBlock = { ...BLOCK_ALL, blockPublicPolicy: false };
    const after = await both(read);
    expect(after.sim).toEqual(after.moto);
  });

  it("credential report: the same columns and per-user password, MFA and key flags", async () => {
    // moto has no <root_account> row, and writes not_supported where AWS writes N/A (unused
    // key region/service) or a date (password_next_rotation): only the user rows' flags compare.
    const { moto, sim } = await both(async (s) => {
      const report = await fetchCredentialReport(s.tokyo.iam);
      return {
        columns: report.columns,
        users: report.rows.filter((r) => r.user !== "<root_account>").map((r) => [
          r.user, r.arn, r.password_enabled, r.mfa_active, r.access_key_1_active, r.access_key_2_active,
        ]).sort(),
      };
    });
    expect(sim).toEqual(moto);
  });

  it("GetAccountSummary: every key moto has, and the same root MFA / key / user counts", async () => {
    const { moto, sim } = await both(async (s) => (await s.tokyo.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!);
    if (!("value" in moto && "value" in sim)) throw new Error(`GetAccountSummary failed: ${JSON.stringify({ moto, sim })}`);
    expect(Object.keys(sim.value)).toEqual(expect.arrayContaining(Object.keys(moto.value)));
    const used = ["AccountMFAEnabled", "AccountAccessKeysPresent", "Users", "Groups", "Roles", "MFADevicesInUse"];
    const pick = (map: Record<string, number>) => Object.fromEntries(used.map((k) => [k, map[k]]));
    expect(pick(sim.value)).toEqual(pick(moto.value));
  });

  it("GetAccountPasswordPolicy: NoSuchEntity without one, then the same settings", async () => {
    const read = (s: Side) => s.tokyo.iam.send(new GetAccountPasswordPolicyCommand({})).then((out) => {
      // AllowUsersToChangePassword and HardExpiry are left out: not set through the model.
      const { AllowUsersToChangePassword: _allow, HardExpiry: _hard, ...rest } = out.PasswordPolicy!;
      return rest;
    });
    const before = await both(read);
    expect(before.sim).toEqual(before.moto);
    expect(before.sim).toEqual({ error: "NoSuchEntityException" });

    await onMoto.tokyo.iam.send(new UpdateAccountPasswordPolicyCommand({
      MinimumPasswordLength: 8, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: true, MaxPasswordAge: 90, PasswordReusePrevention: 3,
    }));
    sim.account.passwordPolicy = PASSWORD_POLICY;
    const after = await both(read);
    expect(after.sim).toEqual(after.moto);
  });

  it("GetAccountAuthorizationDetails: the same users, groups, attachments, inline and customer-managed documents", async () => {
    // Trust policies are not compared: the model's AdministratorAccess roles trust a management account.
    // moto leaves PolicyName out of Policies (AWS sends it): policies compare by the name in their ARN,
    // which is also all the provider relies on.
    const { moto, sim } = await both(async (s) => {
      const seen = { users: [] as unknown[], groups: [] as unknown[], roles: [] as unknown[], policies: [] as unknown[] };
      const pages = paginateGetAccountAuthorizationDetails({ client: s.tokyo.iam }, { Filter: ["User", "Group", "Role", "LocalManagedPolicy"] });
      for await (const page of pages) {
        seen.users.push(...(page.UserDetailList ?? []).map((u) => ({
          name: u.UserName, groups: u.GroupList, attached: u.AttachedManagedPolicies?.map((p) => p.PolicyName),
          inline: u.UserPolicyList?.map((p) => [p.PolicyName, documentOf(p.PolicyDocument)]),
        })));
        seen.groups.push(...(page.GroupDetailList ?? []).map((g) => ({ name: g.GroupName, attached: g.AttachedManagedPolicies?.map((p) => p.PolicyName) })));
        seen.roles.push(...(page.RoleDetailList ?? []).map((r) => ({ name: r.RoleName, attached: r.AttachedManagedPolicies?.map((p) => p.PolicyName) })));
        seen.policies.push(...(page.Policies ?? []).map((p) => ({
          name: p.Arn?.split("/").pop(), attachments: p.AttachmentCount,
          document: documentOf(p.PolicyVersionList?.find((v) => v.IsDefaultVersion)?.Document),
        })));
      }
      return seen;
    });
    expect(sim).toEqual(moto);
    if (!("value" in sim)) throw new Error(`GetAccountAuthorizationDetails failed: ${JSON.stringify(sim)}`);
    expect(sim.value.policies).toEqual([{ name: "ContractFull", attachments: 1, document: EVERYTHING }]);
    expect(sim.value.groups).toEqual([{ name: "admins", attached: ["AdministratorAccess"] }]);
    expect(sim.value.roles).toEqual([{ name: "OrgAdmin", attached: ["AdministratorAccess"] }]);
  });
});

/** A policy document as IAM sends it in GetAccountAuthorizationDetails: URL-encoded JSON. */
const documentOf = (text: string | undefined) => JSON.parse(decodeURIComponent(text ?? ""));

/** A call's parsed result, or the SDK error name it failed with. */
async function outcome<T>(call: Promise<T>): Promise<{ value: T } | { error: string }> {
  try {
    return { value: await call };
  } catch (err) {
    return { error: (err as Error).name };
  }
}

/** Grants with the owner's canonical id replaced by "owner", since each emulator picks its own. */
function grants(out: GetBucketAclCommandOutput) {
  return (out.Grants ?? []).map((g) => ({
    type: g.Grantee?.Type,
    who: g.Grantee?.ID === out.Owner?.ID ? "owner" : g.Grantee?.URI ?? g.Grantee?.ID ?? g.Grantee?.EmailAddress,
    permission: g.Permission,
  }));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(endpoint: string): Promise<void> {
  const deadline = Date.now() + MOTO_START_MS;
  while (!(await fetch(`${endpoint}/moto-api/`).then((res) => res.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`moto_server did not start at ${endpoint}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
