import { AccessAnalyzerClient, ListAnalyzersCommand } from "@aws-sdk/client-accessanalyzer";
import { BackupClient, ListBackupPlansCommand } from "@aws-sdk/client-backup";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { DescribeFileSystemsCommand, EFSClient } from "@aws-sdk/client-efs";
import { GuardDutyClient, ListDetectorsCommand } from "@aws-sdk/client-guardduty";
import { GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { GetBucketVersioningCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand, S3ControlClient } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AwsClients, DEFAULT_TUNING, S3_DEFAULT_SETTINGS, SDK_DEFAULT_SETTINGS } from "../../../providers/aws/clients.ts";
import { RegionalClients } from "../../../providers/aws/regional-clients.ts";
import { ServiceConcurrency } from "../../../providers/aws/service-concurrency.ts";

const REGION = "ap-northeast-1";
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const TUNING = { ...DEFAULT_TUNING, maxAttempts: 1 };

/** What the SDK would read for the settings cloud15 gives: none of it may be set while the defaults are compared. */
const SETTING_VARIABLES = [
  "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_AUTH_SCHEME_PREFERENCE", "AWS_SDK_UA_APP_ID",
  "AWS_SIGV4A_SIGNING_REGION_SET", "AWS_S3_DISABLE_EXPRESS_SESSION_AUTH", "AWS_REQUEST_CHECKSUM_CALCULATION",
  "AWS_RESPONSE_CHECKSUM_VALIDATION", "AWS_S3_USE_ARN_REGION", "AWS_ACCOUNT_ID_ENDPOINT_MODE", "AWS_ENDPOINT_URL",
  "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_EXECUTION_ENV",
];
const SETTINGS = [...Object.keys(SDK_DEFAULT_SETTINGS), ...Object.keys(S3_DEFAULT_SETTINGS), "accountIdEndpointMode"];

type AnyClient = { config: Record<string, unknown>; send(command: unknown): Promise<unknown>; middlewareStack: { add(m: unknown, o: object): void }; destroy(): void };

/** Each kind of client a scan makes: how cloud15 gets it, the SDK's own class, and one read it sends. */
const KINDS: { name: string; made: (c: AwsClients) => AnyClient; Client: new (config: object) => AnyClient; command: () => unknown; region?: string }[] = [
  { name: "STS", made: (c) => c.sts as never, Client: STSClient as never, command: () => new GetCallerIdentityCommand({}) },
  { name: "IAM", made: (c) => c.iam as never, Client: IAMClient as never, command: () => new GetAccountSummaryCommand({}) },
  { name: "S3", made: (c) => c.s3(REGION) as never, Client: S3Client as never, command: () => new ListBucketsCommand({}) },
  { name: "S3 (a bucket)", made: (c) => c.s3("us-east-1") as never, Client: S3Client as never, command: () => new GetBucketVersioningCommand({ Bucket: "example-co-logs" }), region: "us-east-1" },
  { name: "S3 Control", made: (c) => c.s3Control as never, Client: S3ControlClient as never, command: () => new GetPublicAccessBlockCommand({ AccountId: "123456789012" }) },
  { name: "Backup", made: (c) => c.backup(REGION) as never, Client: BackupClient as never, command: () => new ListBackupPlansCommand({}) },
  { name: "Tagging", made: (c) => c.tagging(REGION) as never, Client: ResourceGroupsTaggingAPIClient as never, command: () => new GetResourcesCommand({}) },
  { name: "EC2", made: (c) => new RegionalClients(c).ec2(REGION) as never, Client: EC2Client as never, command: () => new DescribeRegionsCommand({}) },
  { name: "RDS", made: (c) => new RegionalClients(c).rds(REGION) as never, Client: RDSClient as never, command: () => new DescribeDBInstancesCommand({ MaxRecords: 20 }) },
  { name: "DynamoDB", made: (c) => new RegionalClients(c).dynamodb(REGION) as never, Client: DynamoDBClient as never, command: () => new ListTablesCommand({ Limit: 1 }) },
  { name: "EFS", made: (c) => new RegionalClients(c).efs(REGION) as never, Client: EFSClient as never, command: () => new DescribeFileSystemsCommand({ MaxItems: 1 }) },
  { name: "GuardDuty", made: (c) => new RegionalClients(c).guardDuty(REGION) as never, Client: GuardDutyClient as never, command: () => new ListDetectorsCommand({}) },
  { name: "Access Analyzer", made: (c) => c.client("access-analyzer", AccessAnalyzerClient, REGION) as never, Client: AccessAnalyzerClient as never, command: () => new ListAnalyzersCommand({}) },
];

const resolved = async (value: unknown) => (typeof value === "function" ? await (value as () => Promise<unknown>)() : value);

/** The request a client signs for `command`, taken in the last step before it would be sent, and not sent. */
async function signedRequest(client: AnyClient, command: unknown) {
  let seen: { hostname: string; path: string; method: string; headers: Record<string, string> } | undefined;
  const stop = new Error("recorded");
  client.middlewareStack.add((_next: unknown) => async (args: { request: typeof seen }) => {
    seen = args.request;
    throw stop;
  }, { step: "deserialize", priority: "low", name: "testRecordRequest" });
  await expect(client.send(command)).rejects.toBe(stop);
  const { hostname, path, method, headers } = seen!;
  return {
    url: `${method} ${hostname}${path}`,
    // The signature and its time differ by the second; the scope and the headers signed may not.
    scope: /Credential=[^/]+\/\d{8}\/([^,]+), SignedHeaders=([^,]+)/.exec(headers.authorization ?? "")?.slice(1),
    userAgent: headers["user-agent"],
    headers: Object.keys(headers).filter((h) => !["authorization", "x-amz-date", "amz-sdk-invocation-id"].includes(h)).sort(),
  };
}

describe("the settings every AWS client of a scan is given instead of looking them up", () => {
  const saved = new Map<string, string | undefined>();
  let clients: AwsClients;
  const bare: AnyClient[] = [];
  beforeEach(() => {
    for (const name of SETTING_VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    // No profile file either: the SDK would read one at ~/.aws/config.
    process.env.AWS_CONFIG_FILE = "/nonexistent/cloud15-test-config";
    process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/cloud15-test-credentials";
    clients = new AwsClients({ region: REGION }, CREDENTIALS, TUNING, new ServiceConcurrency());
  });
  afterEach(() => {
    clients.destroy();
    for (const c of bare.splice(0)) c.destroy();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const sdkDefault = (Client: new (config: object) => AnyClient, region = REGION) => {
    const client = new Client({ region, credentials: CREDENTIALS, maxAttempts: 1 });
    bare.push(client);
    return client;
  };

  it.each(KINDS)("$name: each setting given equals what the SDK's own client resolves where nothing is configured", async ({ made, Client, region }) => {
    const ours = made(clients);
    const theirs = sdkDefault(Client, region);
    const compared = SETTINGS.filter((key) => key in theirs.config);
    expect(compared).toEqual(expect.arrayContaining(["useFipsEndpoint", "useDualstackEndpoint", "authSchemePreference", "userAgentAppId"]));
    for (const key of compared) expect(await resolved(ours.config[key]), key).toEqual(await resolved(theirs.config[key]));
  });

  it.each(KINDS)("$name: signs the same request for the same endpoint, region and service as the SDK's own client", async ({ made, Client, command, region }) => {
    expect(await signedRequest(made(clients), command())).toEqual(await signedRequest(sdkDefault(Client, region), command()));
  });

  it("does not look the settings up: a FIPS or dual-stack endpoint or an application id set in the environment does not reach a tenant's clients", async () => {
    Object.assign(process.env, { AWS_USE_FIPS_ENDPOINT: "true", AWS_USE_DUALSTACK_ENDPOINT: "true", AWS_SDK_UA_APP_ID: "elsewhere" });
    const theirs = sdkDefault(EC2Client as never);
    expect(await resolved(theirs.config.useFipsEndpoint)).toBe(true);
    const ec2 = new RegionalClients(clients).ec2(REGION) as unknown as AnyClient;
    expect(await resolved(ec2.config.useFipsEndpoint)).toBe(false);
    expect(await resolved(ec2.config.useDualstackEndpoint)).toBe(false);
    expect(await resolved(ec2.config.userAgentAppId)).toBeUndefined();
    expect((await signedRequest(ec2, new DescribeRegionsCommand({}))).url).toBe(`POST ec2.${REGION}.amazonaws.com/`);
  });
});
