import { accountCreatedAt, ADMINISTRATOR_ACCESS_ARN } from "./model.ts";
import { credentialReportCsv } from "./credential-report.ts";
import { AwsError, intParam, isoSeconds, pageOf, stableId, unsupported, type SimContext, type SimResponse, type SimService } from "./wire.ts";
import { queryError, queryResponse, type XmlContent } from "./xml.ts";

/** IAM over the AWS Query protocol (form-encoded POST, XML answers). */
const NS = "https://iam.amazonaws.com/doc/2010-05-08/";
/** IAM regenerates the credential report only when the last one is older than this. */
const REPORT_MAX_AGE_MS = 4 * 3600_000;

type Handler = (form: URLSearchParams, ctx: SimContext) => SimResponse;

const HANDLERS: Record<string, Handler> = {
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
  GetAccountSummary: getAccountSummary,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
};

export const iamService: SimService = {
  name: "iam",
  route(req, ctx) {
    const form = new URLSearchParams(req.body);
    const action = form.get("Action") ?? "";
    const handler = HANDLERS[action];
    if (handler === undefined) {
      return unsupported("iam", action, () => new AwsError(400, "InvalidAction", `The action ${action} is not valid for this web service.`));
    }
    return { operation: action, permission: `iam:${action}`, respond: () => handler(form, ctx) };
  },
  error: (err) => queryError(NS, err),
};

const invalidInput = (message: string) => new AwsError(400, "InvalidInput", message);

/** STARTED on the first call, COMPLETE once a report exists, as IAM answers a poller. */
function generateCredentialReport(_form: URLSearchParams, { state }: SimContext): SimResponse {
  const generatedAt = state.credentialReportGeneratedAt;
  const stale = generatedAt !== undefined && Date.now() - Date.parse(generatedAt) >= REPORT_MAX_AGE_MS;
  if (state.credentialReport === "started") {
    state.credentialReport = "complete";
    state.credentialReportGeneratedAt = isoSeconds(new Date());
  } else if (state.credentialReport === "none" || stale) {
    state.credentialReport = "started";
    return queryResponse("GenerateCredentialReport", NS, {
      State: "STARTED",
      Description: "No report exists. Starting a new report generation task",
    });
  }
  return queryResponse("GenerateCredentialReport", NS, { State: "COMPLETE" });
}

/**
 * Rows come from the live model, so a test that changes the account between scans sees its
 * change; GeneratedTime still says when the report was (re)generated.
 */
function getCredentialReport(_form: URLSearchParams, { account, state }: SimContext): SimResponse {
  if (state.credentialReport === "none") {
    throw new AwsError(410, "ReportNotPresent", "Credential report not present. Call GenerateCredentialReport first.");
  }
  if (state.credentialReport === "started" || state.credentialReportGeneratedAt === undefined) {
    throw new AwsError(404, "ReportInProgress", "Credential report is being generated.");
  }
  return queryResponse("GetCredentialReport", NS, {
    Content: Buffer.from(credentialReportCsv(account)).toString("base64"),
    ReportFormat: "text/csv",
    GeneratedTime: state.credentialReportGeneratedAt,
  });
}

function getAccountSummary(_form: URLSearchParams, { account }: SimContext): SimResponse {
  const mfaDevices = account.users.filter((u) => u.mfa).length + (account.rootMfa ? 1 : 0);
  const summary: Record<string, number> = {
    Users: account.users.length,
    UsersQuota: 5000,
    Groups: account.administratorAccess.groups.length + (account.authorization?.groups?.length ?? 0),
    GroupsQuota: 300,
    Roles: account.administratorAccess.roles.length + (account.authorization?.roles?.length ?? 0),
    RolesQuota: 1000,
    Policies: account.authorization?.customerPolicies?.length ?? 0,
    PoliciesQuota: 1500,
    PolicySizeQuota: 6144,
    PolicyVersionsInUse: 0,
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    UserPolicySizeQuota: 2048,
    GroupPolicySizeQuota: 5120,
    RolePolicySizeQuota: 10240,
    AssumeRolePolicySizeQuota: 2048,
    GroupsPerUserQuota: 10,
    SigningCertificatesPerUserQuota: 2,
    AccessKeysPerUserQuota: 2,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    InstanceProfiles: 0,
    InstanceProfilesQuota: 1000,
    Providers: 0,
    MFADevices: mfaDevices,
    MFADevicesInUse: mfaDevices,
    AccountMFAEnabled: account.rootMfa ? 1 : 0,
    AccountAccessKeysPresent: account.rootAccessKeys ? 1 : 0,
    AccountPasswordPresent: 1,
    AccountSigningCertificatesPresent: 0,
    GlobalEndpointTokenVersion: 1,
  };
  return queryResponse("GetAccountSummary", NS, {
    SummaryMap: { entry: Object.entries(summary).map(([key, value]) => ({ key, value })) },
  });
}

function getAccountPasswordPolicy(_form: URLSearchParams, { account }: SimContext): SimResponse {
  const policy = account.passwordPolicy;
  if (policy === undefined) {
    throw new AwsError(404, "NoSuchEntity", `The Password Policy with domain name ${account.accountId} cannot be found.`);
  }
  return queryResponse("GetAccountPasswordPolicy", NS, {
    PasswordPolicy: {
      AllowUsersToChangePassword: true,
      RequireLowercaseCharacters: policy.requireLowercase,
      RequireUppercaseCharacters: policy.requireUppercase,
      MinimumPasswordLength: policy.minimumLength,
      RequireNumbers: policy.requireNumbers,
      PasswordReusePrevention: policy.reusePrevention,
      HardExpiry: false,
      RequireSymbols: policy.requireSymbols,
      MaxPasswordAge: policy.maxAgeDays,
      ExpirePasswords: policy.maxAgeDays !== undefined,
    },
  });
}

/** The trust of the roles in administratorAccess.roles: the organisation's management account. */
const MANAGEMENT_ACCOUNT_ID = "111122223333";

type AuthorizationEntity =
  | { kind: "User"; content: XmlContent }
  | { kind: "Group"; content: XmlContent }
  | { kind: "Role"; content: XmlContent }
  | { kind: "LocalManagedPolicy"; content: XmlContent };

/**
 * Users, groups, roles and customer-managed policies with their documents, URL-encoded as IAM
 * sends them; one list paged by MaxItems across the kinds, as IAM pages it.
 */
function getAccountAuthorizationDetails(form: URLSearchParams, { account }: SimContext): SimResponse {
  const filters = [...form.entries()].filter(([k]) => /^Filter\.member\.\d+$/.test(k)).map(([, v]) => v);
  const auth = account.authorization ?? {};
  const admin = account.administratorAccess;
  const arn = (kind: string, name: string) => `arn:aws:iam::${account.accountId}:${kind}/${name}`;
  const policyArn = (name: string) => `arn:aws:iam::${account.accountId}:policy/${name}`;
  const encoded = (document: object) => encodeURIComponent(JSON.stringify(document));
  const administratorAccess = { PolicyName: "AdministratorAccess", PolicyArn: ADMINISTRATOR_ACCESS_ARN };
  const attached = (on: "users" | "groups" | "roles", name: string, hasAdmin: boolean) => ({
    member: [
      ...(hasAdmin ? [administratorAccess] : []),
      ...(auth.customerPolicies ?? []).filter((p) => p[on]?.includes(name)).map((p) => ({ PolicyName: p.name, PolicyArn: policyArn(p.name) })),
    ],
  });
  const inline = (on: "user" | "group" | "role", name: string) => ({
    member: (auth.inlinePolicies ?? []).filter((p) => p.on === on && p.principal === name)
      .map((p) => ({ PolicyName: p.name, PolicyDocument: encoded(p.document) })),
  });
  const groups = [...admin.groups.map((g) => ({ ...g, admin: true })), ...(auth.groups ?? []).map((g) => ({ ...g, admin: false }))];
  const created = isoSeconds(accountCreatedAt(account));
  const roles = [
    ...admin.roles.map((name) => ({ name, admin: true, trust: trustOf(`arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:root`) })),
    ...(auth.roles ?? []).map((r) => ({ name: r.name, admin: false, trust: r.trust })),
  ];

  const entities: AuthorizationEntity[] = [
    ...account.users.map((u): AuthorizationEntity => ({ kind: "User", content: {
      Path: "/", UserName: u.name, UserId: stableId("AIDA", u.name), Arn: arn("user", u.name), CreateDate: isoSeconds(u.createdAt),
      UserPolicyList: inline("user", u.name),
      GroupList: { member: groups.filter((g) => g.members.includes(u.name)).map((g) => g.name) },
      AttachedManagedPolicies: attached("users", u.name, admin.users.includes(u.name)),
    } })),
    ...groups.map((g): AuthorizationEntity => ({ kind: "Group", content: {
      Path: "/", GroupName: g.name, GroupId: stableId("AGPA", g.name), Arn: arn("group", g.name), CreateDate: created,
      GroupPolicyList: inline("group", g.name),
      AttachedManagedPolicies: attached("groups", g.name, g.admin),
    } })),
    ...roles.map((r): AuthorizationEntity => ({ kind: "Role", content: {
      Path: "/", RoleName: r.name, RoleId: stableId("AROA", r.name), Arn: arn("role", r.name), CreateDate: created,
      AssumeRolePolicyDocument: encoded(r.trust),
      RolePolicyList: inline("role", r.name),
      AttachedManagedPolicies: attached("roles", r.name, r.admin),
    } })),
    ...(auth.customerPolicies ?? []).map((p): AuthorizationEntity => ({ kind: "LocalManagedPolicy", content: {
      PolicyName: p.name, PolicyId: stableId("ANPA", p.name), Arn: policyArn(p.name), Path: "/", DefaultVersionId: "v1",
      AttachmentCount: (p.users?.length ?? 0) + (p.groups?.length ?? 0) + (p.roles?.length ?? 0),
      PermissionsBoundaryUsageCount: 0, IsAttachable: true, CreateDate: created, UpdateDate: created,
      PolicyVersionList: { member: [{ Document: encoded(p.document), VersionId: "v1", IsDefaultVersion: true, CreateDate: created }] },
    } })),
  ].filter((e) => filters.length === 0 || filters.includes(e.kind));
  const size = intParam("MaxItems", form.get("MaxItems"), { min: 1, max: 1000 }, invalidInput) ?? 100;
  const page = pageOf(entities, form.get("Marker"), size, invalidInput);
  const of = (kind: AuthorizationEntity["kind"]) => ({ member: page.items.filter((e) => e.kind === kind).map((e) => e.content) });
  return queryResponse("GetAccountAuthorizationDetails", NS, {
    UserDetailList: of("User"),
    GroupDetailList: of("Group"),
    RoleDetailList: of("Role"),
    Policies: of("LocalManagedPolicy"),
    IsTruncated: page.next !== undefined,
    Marker: page.next,
  });
}

function trustOf(principal: string): object {
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }] };
}
