import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import customerRole from "../../deploy/customer-role.json" with { type: "json" };
import { zipEntries } from "../../deploy/package-service.ts";
import { SCAN_MAX_RECEIVES } from "../../functions/scan.ts";
import readonlyPolicy from "../../providers/aws/readonly-policy.json" with { type: "json" };
import { PACKAGING_MS } from "../support/busy-machine.ts";
import { prodPackage } from "./prod-package.ts";

/**
 * `osls package` run offline, and the CloudFormation it generates read as AWS would deploy
 * it: functions and their triggers, the storage's protections, and every IAM statement.
 */

type Json = any;
interface Statement { Effect: string; Action: string | string[]; Resource: Json; NotAction?: unknown; Condition?: Json }

let out: string;
let template: { Resources: Record<string, { Type: string; Properties: Json; DependsOn?: unknown }> };

const resources = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const resource = (id: string) => {
  const r = template.Resources[id];
  if (!r) throw new Error(`no resource ${id}`);
  return r;
};
const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** Which function a Lambda ARN reference (GetAtt, or a Sub naming it) points to. */
function functionOf(ref: Json): string | undefined {
  const getAtt = ref?.["Fn::GetAtt"]?.[0] as string | undefined;
  if (getAtt) return functionName(getAtt);
  const sub = typeof ref?.["Fn::Sub"] === "string" ? ref["Fn::Sub"] : undefined;
  return sub ? /:function:cloud15-prod-(\w+)/.exec(sub)?.[1] : undefined;
}

/** `ScanAwsLambdaFunction` → `scanAws`: the function's name in serverless.yml. */
const functionName = (logicalId: string) => `${logicalId[0]!.toLowerCase()}${logicalId.slice(1).replace(/LambdaFunction$/, "")}`;
/** `scanAws` → `scan-aws`: its handler's file. */
const handlerFile = (fn: string) => fn.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** `scanAws` → `ScanAwsRole`. */
const roleOf = (fn: string) => `${fn[0]!.toUpperCase()}${fn.slice(1)}Role`;

const SCANS = { aws: "scanAws", microsoft: "scanMicrosoft", google: "scanGoogle", site: "scanSite" } as const;
const FUNCTIONS = ["dispatch", ...Object.values(SCANS), "feed", "page", "tickets"];

describe("the packaged deployment", () => {
  beforeAll(async () => {
    out = await prodPackage();
    template = JSON.parse(await readFile(join(out, "cloudformation-template-update-stack.json"), "utf8"));
  }, PACKAGING_MS);

  it("has the eight functions, each on a supported Node.js runtime, with its own role and its own zip", async () => {
    const fns = Object.fromEntries(resources("AWS::Lambda::Function").map(([id, r]) => [functionName(id), r.Properties]));
    expect(Object.keys(fns).sort()).toEqual([...FUNCTIONS].sort());
    const roles = new Set<string>();
    for (const name of FUNCTIONS) {
      const fn = fns[name];
      expect(fn.Runtime).toMatch(/^nodejs(22|24)\.x$/);
      expect(fn.Handler).toBe(`functions/${handlerFile(name)}.handler`);
      roles.add(fn.Role["Fn::GetAtt"][0]);
      // Its handler and the chunks it loads on demand, nothing of another function's.
      const files = zipEntries(await readFile(join(out, `${name}.zip`))).map((e) => e.name);
      expect(files).toContain(`functions/${handlerFile(name)}.mjs`);
      expect(files.filter((f) => !f.startsWith(`functions/${handlerFile(name)}.`))).toEqual([]);
      // Names of the deployment's own resources only: no secret travels in the environment.
      expect(Object.keys(fn.Environment.Variables).sort()).toEqual([
        "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED", "CLOUD15_AWS_SCAN_QUEUE_URL", "CLOUD15_BUCKET", "CLOUD15_GOOGLE_SCAN_QUEUE_URL",
        "CLOUD15_MICROSOFT_SCAN_QUEUE_URL", "CLOUD15_SITE_SCAN_QUEUE_URL", "CLOUD15_SSM_PREFIX", "CLOUD15_TABLE",
      ]);
    }
    expect(roles.size).toBe(FUNCTIONS.length);
    // No role shared by every function.
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
    // Lambda's longest for a cloud (a continuation takes over beyond it); a shop needs far less.
    for (const scan of [SCANS.aws, SCANS.microsoft, SCANS.google]) expect(fns[scan].Timeout).toBe(900);
    expect(fns[SCANS.site].Timeout).toBe(240);
  });

  it("keeps every function's package within 1 MB unzipped (the target `npm run bench -- lambda` measures against)", async () => {
    const sizes = Object.fromEntries(await Promise.all(FUNCTIONS.map(async (name) =>
      [name, zipEntries(await readFile(join(out, `${name}.zip`))).reduce((sum, e) => sum + e.data.length, 0)] as const)));
    expect(Object.entries(sizes).filter(([, bytes]) => bytes > 1_000_000)).toEqual([]);
  });

  it("starts dispatch for the clouds nightly at 03:00 Japan time and for the online shop hourly, and tickets every 15 minutes, through a role that may only invoke them", () => {
    const schedules = resources("AWS::Scheduler::Schedule").map(([, r]) => r.Properties);
    const input = (s: Json) => (s.Target.Input ? JSON.parse(s.Target.Input) : undefined);
    expect(schedules.map((s) => [functionOf(s.Target.Arn), s.ScheduleExpression, s.ScheduleExpressionTimezone, s.State, input(s)]).sort()).toEqual([
      ["dispatch", "cron(0 * * * ? *)", "Asia/Tokyo", "ENABLED", { providers: ["site"] }],
      ["dispatch", "cron(0 3 * * ? *)", "Asia/Tokyo", "ENABLED", { providers: ["aws", "microsoft", "google"] }],
      ["tickets", "rate(15 minutes)", "Asia/Tokyo", "ENABLED", undefined],
    ]);
    for (const s of schedules) expect(s.Target.RoleArn).toEqual({ "Fn::GetAtt": ["SchedulerRole", "Arn"] });
    const invokes = statements("SchedulerRole");
    expect(invokes).toHaveLength(1);
    expect(list(invokes[0]!.Action)).toEqual(["lambda:InvokeFunction"]);
    expect(list(invokes[0]!.Resource).map(functionOf).sort()).toEqual(["dispatch", "tickets"]);
  });

  it("feeds each cloud's scan function from its own queue one message at a time, each queue hiding a taken message for six times its function's timeout, delivering it three times within its life, then parking it in its own dead-letter queue", () => {
    const mappings = resources("AWS::Lambda::EventSourceMapping").map(([, r]) => r.Properties);
    // One mapping per queue: a filtered mapping on a shared queue would delete the others' messages.
    expect(mappings.map((m) => [functionOf(m.FunctionName), m.EventSourceArn["Fn::GetAtt"][0]]).sort()).toEqual([
      ["scanAws", "AwsScanQueue"], ["scanGoogle", "GoogleScanQueue"], ["scanMicrosoft", "MicrosoftScanQueue"], ["scanSite", "SiteScanQueue"],
    ]);
    const dlqs = new Set<string>();
    for (const m of mappings) {
      expect(m).toMatchObject({ BatchSize: 1, Enabled: true });
      expect(m.FilterCriteria).toBeUndefined();
      expect(m.ScalingConfig.MaximumConcurrency).toBeGreaterThanOrEqual(2);
      const queueId = m.EventSourceArn["Fn::GetAtt"][0] as string;
      const queue = resource(queueId).Properties;
      const dlq = queue.RedrivePolicy.deadLetterTargetArn["Fn::GetAtt"][0] as string;
      dlqs.add(dlq);
      // The last delivery the function knows of is the queue's last before the dead-letter queue.
      expect(queue.RedrivePolicy.maxReceiveCount).toBe(SCAN_MAX_RECEIVES);
      // A message must stay invisible while the scan that took it may still run, and while
      // the mapping retries a throttled invoke: six times the timeout, as AWS asks. And every
      // delivery, the last one included (it reports what could not be collected), must start
      // before the queue drops the message (the shop's live an hour).
      const timeout = resource(m.FunctionName["Fn::GetAtt"][0] as string).Properties.Timeout as number;
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
      expect((SCAN_MAX_RECEIVES - 1) * queue.VisibilityTimeout).toBeLessThan(queue.MessageRetentionPeriod);
      expect(queue.SqsManagedSseEnabled).toBe(true);
      expect(resource(dlq).Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    }
    expect(dlqs.size).toBe(4);
  });

  it("routes the HTTP API: the feed's GETs to feed, the page, its files, its session and the vendor's overview to page", () => {
    const integrations = Object.fromEntries(resources("AWS::ApiGatewayV2::Integration").map(([id, r]) => [id, functionOf(r.Properties.IntegrationUri)]));
    const routes = Object.fromEntries(resources("AWS::ApiGatewayV2::Route").map(([, r]) => {
      const target = (r.Properties.Target["Fn::Join"][1] as Json[]).find((p) => p.Ref)?.Ref as string;
      return [r.Properties.RouteKey, integrations[target]];
    }));
    expect(routes).toEqual({
      "GET /api/tenants/{tenant}/feed": "feed",
      "GET /api/tenants/{tenant}/history": "feed",
      "GET /": "page",
      "GET /t/{tenant+}": "page",
      "GET /assets/{file}": "page",
      "ANY /api/tenants/{tenant}/{action}": "page",
      "GET /vendor": "page",
      "ANY /api/vendor/{action}": "page",
    });
    for (const [, r] of resources("AWS::ApiGatewayV2::Integration")) expect(r.Properties.PayloadFormatVersion).toBe("2.0");
  });

  it("keeps feeds in a private, encrypted, versioned bucket whose history expires, reachable over TLS only", () => {
    const bucket = resource("FeedBucket");
    expect(bucket).toMatchObject({ DeletionPolicy: "Retain" });
    const p = bucket.Properties;
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(p.OwnershipControls.Rules).toEqual([{ ObjectOwnership: "BucketOwnerEnforced" }]);
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toMatch(/^(AES256|aws:kms)$/);
    expect(p.VersioningConfiguration.Status).toBe("Enabled");
    const rules = p.LifecycleConfiguration.Rules as Json[];
    expect(rules.find((r) => r.Prefix === "history/")).toMatchObject({ Status: "Enabled", ExpirationInDays: expect.any(Number) });
    expect(rules.find((r) => r.Prefix === "checkpoints/")).toMatchObject({ Status: "Enabled", ExpirationInDays: 2 });
    expect(rules.some((r) => r.NoncurrentVersionExpiration)).toBe(true);
    expect(p.AccessControl).toBeUndefined();

    const policy = resource("FeedBucketPolicy").Properties.PolicyDocument.Statement as Statement[];
    expect(policy).toEqual([expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]);
  });

  it("keeps state in an on-demand table with point-in-time recovery and expiring checkpoints", () => {
    const table = resource("StateTable").Properties;
    expect(table.KeySchema).toEqual([{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }]);
    expect(table).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  describe("IAM", () => {
    const roleIds = () => resources("AWS::IAM::Role").map(([id]) => id);

    it("no statement allows a wildcard action, a NotAction, or all resources", () => {
      for (const id of roleIds()) {
        for (const st of statements(id)) {
          expect(st.Effect, id).toBe("Allow");
          expect(st.NotAction, id).toBeUndefined();
          for (const action of list(st.Action)) expect(action, id).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
          for (const r of list(st.Resource)) expect(r, id).not.toBe("*");
        }
      }
    });

    it("every action is on the deployment's own resources, but the scanner's AssumeRole into the customers' read-only roles", () => {
      const outside: string[] = [];
      for (const id of roleIds()) {
        for (const st of statements(id)) {
          for (const r of list(st.Resource)) {
            if (!isOwnResource(r)) outside.push(`${id}: ${list(st.Action).join(",")} on ${JSON.stringify(r)}`);
          }
        }
      }
      expect(outside).toEqual(['ScanAwsRole: sts:AssumeRole on {"Fn::Sub":"arn:${AWS::Partition}:iam::*:role/cloud15-readonly"}']);
      // So nothing writes to a customer's account: its only grant there is to take the read-only role.
    });

    it("gives each function only what its code calls", () => {
      const actions = (id: string) => statements(id).flatMap((s) => list(s.Action)).filter((a) => !a.startsWith("logs:")).sort();
      expect(actions("DispatchRole")).toEqual(["s3:GetObject", "s3:ListBucket", "sqs:SendMessage"]);
      const queues = (id: string) => statements(id).filter((s) => list(s.Action).some((a) => a.startsWith("sqs:"))).flatMap((s) => list(s.Resource).map((r) => r["Fn::GetAtt"][0])).sort();
      expect(queues("DispatchRole")).toEqual(["AwsScanQueue", "GoogleScanQueue", "MicrosoftScanQueue", "SiteScanQueue"]);
      expect(actions("FeedRole")).toEqual(["dynamodb:Query", "s3:GetObject", "s3:ListBucket", "ssm:GetParameter"]);
      // The page appends the owner's answers: its one write, to the deployment's own table.
      expect(actions("PageRole")).toEqual(["dynamodb:PutItem", "dynamodb:Query", "s3:GetObject", "s3:ListBucket", "ssm:GetParameter"]);
      expect(actions("TicketsRole")).toEqual([
        "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
        "s3:GetObject", "s3:ListBucket", "ssm:GetParameter",
      ]);
      const scanActions = [
        "dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem",
        "s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject",
        "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage",
        "ssm:GetParameter",
      ];
      // Only the AWS scan goes into customers' accounts; each scan function takes and re-enqueues on its own queue only.
      expect(actions("ScanAwsRole")).toEqual([...scanActions, "sts:AssumeRole"]);
      expect(actions("ScanMicrosoftRole")).toEqual(scanActions);
      expect(actions("ScanGoogleRole")).toEqual(scanActions);
      // The shop's pages are fetched over the internet: no role of anyone's, no cloud's credentials.
      expect(actions("ScanSiteRole")).toEqual(scanActions);
      expect(queues("ScanAwsRole")).toEqual(["AwsScanQueue"]);
      expect(queues("ScanMicrosoftRole")).toEqual(["MicrosoftScanQueue"]);
      expect(queues("ScanGoogleRole")).toEqual(["GoogleScanQueue"]);
      expect(queues("ScanSiteRole")).toEqual(["SiteScanQueue"]);
      // The page and feed functions read page secrets; only the scanners (a cloud's credentials, and the
      // tracker's for the feed one of them builds) and tickets read provider and tracker secrets.
      const ssmPaths = (id: string) => statements(id).filter((s) => list(s.Action).includes("ssm:GetParameter")).flatMap((s) => list(s.Resource).map((r) => r["Fn::Sub"] as string));
      expect(ssmPaths("FeedRole")).toEqual([expect.stringMatching(/:parameter\/cloud15\/prod\/page-secrets\/\*$/)]);
      // The page function also reads the IT vendor's secret, for the overview; the feed function does not.
      expect(ssmPaths("PageRole")).toEqual([...ssmPaths("FeedRole"), expect.stringMatching(/:parameter\/cloud15\/prod\/vendor-secret$/)]);
      for (const scan of Object.values(SCANS)) expect(ssmPaths(roleOf(scan))).toEqual([expect.stringMatching(/:parameter\/cloud15\/prod\/secrets\/\*$/)]);
      expect(ssmPaths("TicketsRole")).toEqual(ssmPaths("ScanAwsRole"));
      // Every function may write its own log group and no other.
      for (const fn of FUNCTIONS) {
        const logs = statements(roleOf(fn)).filter((s) => list(s.Action).some((a) => a.startsWith("logs:")));
        expect(logs.flatMap((s) => list(s.Resource).map((r) => r["Fn::Sub"]))).toEqual([expect.stringContaining(`:log-group:/aws/lambda/cloud15-prod-${fn}:*`)]);
      }
    });
  });

  it("the customer's template creates a role with exactly the repository's read-only policy, for the scanner role and its ExternalId only", () => {
    const role = customerRole.Resources.ReadOnlyRole;
    expect(role.Type).toBe("AWS::IAM::Role");
    expect(role.Properties.Policies).toEqual([{ PolicyName: "cloud15-readonly", PolicyDocument: readonlyPolicy }]);
    expect(Object.keys(role.Properties)).not.toContain("ManagedPolicyArns");
    const trust = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([{
      Sid: expect.any(String),
      Effect: "Allow",
      Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${ScannerAccountId}:root" } },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } },
        ArnEquals: { "aws:PrincipalArn": { "Fn::Sub": "arn:${AWS::Partition}:iam::${ScannerAccountId}:role/${ScannerRoleName}" } },
      },
    }]);
    // The names the two templates use for each other agree.
    expect(customerRole.Parameters.RoleName.Default).toBe("cloud15-readonly");
    expect(resource("ScanAwsRole").Properties.RoleName).toBe(customerRole.Parameters.ScannerRoleName.Default);
    expect(customerRole.Parameters.ExternalId.NoEcho).toBe(true);
  });
});

function statements(roleId: string): Statement[] {
  return (resource(roleId).Properties.Policies as Json[]).flatMap((p) => p.PolicyDocument.Statement as Statement[]);
}

/** A reference to one of the template's own resources, or an ARN this deployment owns by name. */
function isOwnResource(r: Json): boolean {
  const ownIds = new Set(Object.keys(template.Resources));
  if (r?.["Fn::GetAtt"]) return ownIds.has(r["Fn::GetAtt"][0]);
  if (r?.Ref) return ownIds.has(r.Ref);
  const sub = r?.["Fn::Sub"];
  if (typeof sub !== "string") return false;
  const own = [
    /^\$\{FeedBucket\.Arn\}\/[a-z-]+\/\*$/,
    /^arn:\$\{AWS::Partition\}:logs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:log-group:\/aws\/lambda\/cloud15-prod-[A-Za-z]+:\*$/,
    /^arn:\$\{AWS::Partition\}:lambda:\$\{AWS::Region\}:\$\{AWS::AccountId\}:function:cloud15-prod-[A-Za-z]+$/,
    /^arn:\$\{AWS::Partition\}:ssm:\$\{AWS::Region\}:\$\{AWS::AccountId\}:parameter\/cloud15\/prod\/[a-z-]+\/\*$/,
    // The IT vendor's one secret, beside the tenants' page secrets.
    /^arn:\$\{AWS::Partition\}:ssm:\$\{AWS::Region\}:\$\{AWS::AccountId\}:parameter\/cloud15\/prod\/vendor-secret$/,
  ];
  return own.some((re) => re.test(sub));
}
