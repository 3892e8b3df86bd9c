import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { randomUUID } from "node:crypto";
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import type { APIGatewayProxyEventV2, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Provider } from "../../checks/framework.ts";
import { packageService } from "../../deploy/package-service.ts";
import { apiToken, signLinkToken } from "../../page/auth.ts";
import { SsmPageSecrets } from "../../secrets/ssm-page-secrets.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { latestKey } from "../../store/s3-layout.ts";
import { lambdaContext, sqsEvent, startLambdaWorld, type LambdaWorld } from "../functions/lambda-world.ts";
import { startSimulatedShop } from "../../simulator/site/server.ts";
import { startFakeTracker, type FakeTracker } from "../support/fake-tracker.ts";
import { motoAvailable } from "../support/moto.ts";
import { PACKAGING_MS } from "../support/busy-machine.ts";

/**
 * Each function run with exactly the IAM policy the packaged CloudFormation gives its role,
 * enforced by moto: proof that least privilege is also enough. moto judges S3 and SQS
 * requests against their resource ARNs but DynamoDB and SSM requests against "*", so for
 * those two services the statements' resources are widened to "*" here and only their
 * actions are put to the test (package.test.ts pins their resources).
 */

type Json = any;
const ACCOUNT = "123456789012";
const TENANT = "iam-co";
const FUNCTIONS = ["dispatch", "scanAws", "scanMicrosoft", "scanGoogle", "scanSite", "feed", "page", "tickets"] as const;
type Fn = (typeof FUNCTIONS)[number];

let world: LambdaWorld;
let sim: AwsSimulator;
let hook: FakeTracker;
/** A TLS port that answers with a certificate nobody trusts. */
let shop: { port: number; stop(): Promise<void> };
let out: string;
const keys = {} as Record<Fn, { accessKeyId: string; secretAccessKey: string }>;
let secret: Buffer;

/** The function's module, fresh, with its role's credentials in the environment, as in its own Lambda. */
async function asFunction<M>(fn: Fn, load: () => Promise<M>): Promise<M> {
  process.env.AWS_ACCESS_KEY_ID = keys[fn].accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = keys[fn].secretAccessKey;
  vi.resetModules();
  return load();
}

function httpEvent(method: string, path: string, headers: Record<string, string>, opts: { cookies?: string[]; body?: string } = {}): APIGatewayProxyEventV2 {
  return {
    rawPath: path, headers, ...(opts.cookies ? { cookies: opts.cookies } : {}), ...(opts.body ? { body: opts.body } : {}),
    isBase64Encoded: false, requestContext: { http: { method } },
  } as unknown as APIGatewayProxyEventV2;
}

describe.runIf(motoAvailable())("every function works with exactly its packaged IAM policy", () => {
  beforeAll(async () => {
    world = await startLambdaWorld();
    sim = await startAwsSimulator({ account: { ...exampleCoAccount(), requiredExternalId: "ext-iam" } });
    hook = await startFakeTracker(() => ({ status: 200, body: { ok: true } }));
    const simulated = await startSimulatedShop();
    shop = { port: Number(new URL(simulated.shopOrigin).port), stop: () => simulated.stop() };
    await world.ssm.send(new PutParameterCommand({ Name: `${world.ssmPrefix}/secrets/hook`, Type: "SecureString", Value: "whsec-iam" }));
    secret = await new SsmPageSecrets(world.ssm, world.ssmPrefix).ensure(TENANT);
    await world.uploadConfig({ tenants: [{
      id: TENANT, name: "IAM Co.",
      aws: { region: "ap-northeast-1", endpoint: sim.endpoint, roleArn: `arn:aws:iam::${ACCOUNT}:role/cloud15-readonly`, externalId: "ext-iam" },
      // A shop whose certificate no CA of this process vouches for: the shop's round still
      // stores its feed (the pages are errors), which is what its role is put to the test with.
      sites: [{ url: `https://127.0.0.1:${shop.port}/checkout` }],
      tickets: [{ kind: "webhook", url: `${hook.url}/hook`, allowPrivateNetwork: true, secret: { ssm: `${world.ssmPrefix}/secrets/hook` }, minSeverity: "critical" }],
    }] });

    out = await mkdtemp(join(tmpdir(), "cloud15-iam-"));
    await packageService({ stage: "local", outDir: out, env: world.env });
    const template = JSON.parse(await readFile(join(out, "cloudformation-template-update-stack.json"), "utf8"));
    const iam = new IAMClient({});
    for (const fn of FUNCTIONS) {
      const role = template.Resources[`${fn[0]!.toUpperCase()}${fn.slice(1)}Role`];
      if (!role) throw new Error(`no role for ${fn}`);
      const statements = (role.Properties.Policies as Json[]).flatMap((p) => p.PolicyDocument.Statement as Json[]).map(concrete);
      await iam.send(new CreateUserCommand({ UserName: `cloud15-${fn}` }));
      await iam.send(new PutUserPolicyCommand({
        UserName: `cloud15-${fn}`, PolicyName: fn, PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
      }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: `cloud15-${fn}` }))).AccessKey!;
      keys[fn] = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    }
    iam.destroy();
    await world.moto.enforceIam();
  }, PACKAGING_MS);
  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
    await hook?.stop();
    await shop?.stop();
    await sim?.stop();
    await world?.stop();
  });

  /** Takes the one message on a provider's queue with the scan function's own credentials and runs the function on it. */
  async function scanQueued(fn: "scanAws" | "scanMicrosoft" | "scanGoogle" | "scanSite", provider: Provider, load: () => Promise<{ handler: (e: SQSEvent, c: ReturnType<typeof lambdaContext>) => Promise<unknown> }>) {
    const sqs = new SQSClient({ credentials: keys[fn] });
    const received = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: world.scanQueueUrls[provider], MaxNumberOfMessages: 10 }))).Messages ?? [];
    expect(received).toHaveLength(1);
    const { handler } = await asFunction(fn, load);
    const result = await handler(sqsEvent(received[0]!.Body!), lambdaContext(900_000));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: world.scanQueueUrls[provider], ReceiptHandle: received[0]!.ReceiptHandle! }));
    sqs.destroy();
    return result;
  }

  it("dispatch queues, the AWS scan (taking the message with its own role) stores the feed and delivers the ticket, tickets runs", async () => {
    const { handler: dispatch } = await asFunction("dispatch", () => import("../../functions/dispatch.ts"));
    expect(await dispatch({ providers: ["aws", "microsoft", "google"] })).toEqual({ queued: [TENANT], skipped: [] });
    expect(await scanQueued("scanAws", "aws", () => import("../../functions/scan-aws.ts"))).toEqual([expect.objectContaining({ outcome: "stored" })]);
    // The ticket went out with the secret the scan role read from SSM.
    expect(hook.calls("POST /hook").length).toBeGreaterThan(0);

    const { handler: tickets } = await asFunction("tickets", () => import("../../functions/tickets.ts"));
    expect(await tickets()).toMatchObject({ waiting: 0, dead: 0, scanning: [] });
  });

  it("the Microsoft and Google scans take their own queues' messages, save their part and build the round's feed with their own roles", async () => {
    // A round of all three clouds (the tenant has only AWS, so the other two save `error` for
    // every check: the failure path, without their simulators).
    const message = JSON.stringify({ tenantId: TENANT, scanId: randomUUID(), startedAt: new Date().toISOString(), providers: ["aws", "microsoft", "google"] });
    // Queued as dispatch queues them, with its role.
    const asDispatch = new SQSClient({ credentials: keys.dispatch });
    for (const provider of ["aws", "microsoft", "google"] as const) await asDispatch.send(new SendMessageCommand({ QueueUrl: world.scanQueueUrls[provider], MessageBody: message }));
    asDispatch.destroy();
    expect(await scanQueued("scanAws", "aws", () => import("../../functions/scan-aws.ts"))).toEqual([expect.objectContaining({ outcome: "saved" })]);
    expect(await scanQueued("scanGoogle", "google", () => import("../../functions/scan-google.ts"))).toEqual([expect.objectContaining({ outcome: "saved" })]);
    expect(await scanQueued("scanMicrosoft", "microsoft", () => import("../../functions/scan-microsoft.ts"))).toEqual([expect.objectContaining({ outcome: "stored" })]);
  });

  it("the shop's scan takes its own queue's message from dispatch's hourly round and stores the round's feed with its own role", async () => {
    const { handler: dispatch } = await asFunction("dispatch", () => import("../../functions/dispatch.ts"));
    expect(await dispatch({ providers: ["site"] })).toEqual({ queued: [TENANT], skipped: [] });
    expect(await scanQueued("scanSite", "site", () => import("../../functions/scan-site.ts"))).toEqual([expect.objectContaining({ outcome: "stored" })]);
  });

  it("feed serves the feed, page signs in and records an answer", async () => {
    const { handler: feed } = await asFunction("feed", () => import("../../functions/feed.ts"));
    const read = await feed(httpEvent("GET", `/api/tenants/${TENANT}/feed`, { authorization: `Bearer ${apiToken(secret, TENANT)}` }));
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body!).tenant.id).toBe(TENANT);

    const { handler: page } = await asFunction("page", () => import("../../functions/page.ts"));
    const signIn = await page(httpEvent("POST", `/api/tenants/${TENANT}/session`, { "content-type": "application/json" },
      { body: JSON.stringify({ token: signLinkToken(secret, TENANT, new Date(Date.now() + 60_000)) }) }));
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies![0]!.split(";")[0]!;
    const answered = await page(httpEvent("POST", `/api/tenants/${TENANT}/answers`,
      { "content-type": "application/json", "x-csrf-token": (JSON.parse(signIn.body!) as { csrfToken: string }).csrfToken },
      { cookies: [cookie], body: JSON.stringify({ kind: "item", item: 1, answer: "done" }) }));
    expect(answered.statusCode).toBe(201);
  });

  it("and no more: the feed function's role cannot write a feed", async () => {
    const s3 = new S3Client({ credentials: keys.feed });
    await expect(s3.send(new PutObjectCommand({ Bucket: world.bucket, Key: latestKey(TENANT), Body: "{}" }))).rejects.toMatchObject({ name: "AccessDenied" });
    s3.destroy();
  });
});

/** A statement with the template's references resolved to the test's resources. */
function concrete(st: Json): Json {
  const names: Record<string, string> = {
    "AWS::Partition": "aws", "AWS::Region": "ap-northeast-1", "AWS::AccountId": ACCOUNT,
    "FeedBucket.Arn": `arn:aws:s3:::${world.bucket}`,
    "StateTable.Arn": `arn:aws:dynamodb:ap-northeast-1:${ACCOUNT}:table/${world.table}`,
    "AwsScanQueue.Arn": `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:${world.scanQueueUrls.aws.split("/").pop()}`,
    "MicrosoftScanQueue.Arn": `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:${world.scanQueueUrls.microsoft.split("/").pop()}`,
    "GoogleScanQueue.Arn": `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:${world.scanQueueUrls.google.split("/").pop()}`,
    "SiteScanQueue.Arn": `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:${world.scanQueueUrls.site.split("/").pop()}`,
  };
  const resolve = (r: Json): string => {
    if (typeof r === "string") return r;
    if (r["Fn::GetAtt"]) return names[`${r["Fn::GetAtt"][0]}.${r["Fn::GetAtt"][1]}`]!;
    if (typeof r["Fn::Sub"] === "string") return (r["Fn::Sub"] as string).replace(/\$\{([^}]+)\}/g, (_, name: string) => names[name] ?? `\${${name}}`);
    throw new Error(`unresolved ${JSON.stringify(r)}`);
  };
  const actions = [st.Action].flat() as string[];
  const widened = actions.every((a) => a.startsWith("dynamodb:") || a.startsWith("ssm:"));
  return {
    ...st,
    Action: [...actions, ...actions.flatMap((a) => MOTO_ACTION_ALIASES[a] ?? [])],
    Resource: widened ? "*" : [st.Resource].flat().map(resolve),
  };
}

/** moto checks some calls against their operation's name where IAM uses another action (SendMessageBatch needs sqs:SendMessage). */
const MOTO_ACTION_ALIASES: Record<string, string[]> = {
  "sqs:SendMessage": ["sqs:SendMessageBatch"],
};
