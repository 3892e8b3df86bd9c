/**
 * The simulator's CloudTrail, IAM Access Analyzer, Account, Support and Macie, as the official
 * SDK clients read them: the documented shapes and errors. moto 5.2.1 has no ListAnalyzers and
 * no DescribeSeverityLevels, so for those this is the contract; for CloudTrail and Account the
 * same answers are compared with moto at the end.
 */
import { AccessAnalyzerClient, ListAnalyzersCommand } from "@aws-sdk/client-accessanalyzer";
import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import {
  CloudTrailClient, CreateTrailCommand, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, StartLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { GetMacieSessionCommand, Macie2Client } from "@aws-sdk/client-macie2";
import { DescribeSeverityLevelsCommand, SupportClient } from "@aws-sdk/client-support";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { motoAvailable, startMoto } from "../support/moto.ts";
import { errorOf, TEST_CREDENTIALS } from "./aws-clients.ts";

const TOKYO = "ap-northeast-1";
const OSAKA = "ap-northeast-3";

let sim: AwsSimulator;
const made: { destroy(): void }[] = [];
function client<C extends { destroy(): void }>(Client: new (config: object) => C, region = TOKYO, endpoint = sim.endpoint, credentials: object = TEST_CREDENTIALS): C {
  const c = new Client({ endpoint, region, credentials, maxAttempts: 1 });
  made.push(c);
  return c;
}

beforeAll(async () => { sim = await startAwsSimulator({ account: exampleCoAccount() }); });
beforeEach(() => { sim.account = exampleCoAccount(); });
afterAll(async () => { for (const c of made) c.destroy(); await sim.stop(); });

describe("CloudTrail", () => {
  it("lists a region's own trails and every multi-region trail as a shadow trail elsewhere", async () => {
    sim.account.trails = [
      { name: "all-regions", homeRegion: TOKYO, multiRegion: true, logging: true },
      { name: "tokyo-only", homeRegion: TOKYO, multiRegion: false, logging: true },
    ];
    const tokyo = await client(CloudTrailClient).send(new DescribeTrailsCommand({}));
    expect(tokyo.trailList?.map((t) => [t.Name, t.IsMultiRegionTrail, t.HomeRegion])).toEqual([["all-regions", true, TOKYO], ["tokyo-only", false, TOKYO]]);
    const osaka = client(CloudTrailClient, OSAKA);
    expect((await osaka.send(new DescribeTrailsCommand({}))).trailList?.map((t) => t.Name)).toEqual(["all-regions"]);
    expect((await osaka.send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList).toEqual([]);
  });

  it("answers a shadow trail's status by ARN only, and its default selectors record every management event", async () => {
    sim.account.trails = [{ name: "all-regions", homeRegion: TOKYO, multiRegion: true, logging: false }];
    const osaka = client(CloudTrailClient, OSAKA);
    const arn = "arn:aws:cloudtrail:ap-northeast-1:123456789012:trail/all-regions";
    expect((await osaka.send(new GetTrailStatusCommand({ Name: arn }))).IsLogging).toBe(false);
    expect((await errorOf(osaka.send(new GetTrailStatusCommand({ Name: "all-regions" })))).name).toBe("TrailNotFoundException");
    const selectors = await osaka.send(new GetEventSelectorsCommand({ TrailName: arn }));
    expect(selectors.EventSelectors).toEqual([{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }]);
  });
});

describe("IAM Access Analyzer", () => {
  it("lists a region's analyzers page by page with typed fields", async () => {
    sim.account.accessAnalyzers = { [TOKYO]: [{ name: "a", type: "ACCOUNT" }, { name: "b", type: "ACCOUNT_UNUSED_ACCESS", status: "DISABLED" }] };
    const aa = client(AccessAnalyzerClient);
    const first = await aa.send(new ListAnalyzersCommand({ maxResults: 1 }));
    expect(first.analyzers?.map((a) => [a.name, a.type, a.status])).toEqual([["a", "ACCOUNT", "ACTIVE"]]);
    expect(first.analyzers?.[0]?.createdAt).toBeInstanceOf(Date);
    const second = await aa.send(new ListAnalyzersCommand({ maxResults: 1, nextToken: first.nextToken }));
    expect([second.analyzers?.map((a) => a.status), second.nextToken]).toEqual([["DISABLED"], undefined]);
    expect((await client(AccessAnalyzerClient, OSAKA).send(new ListAnalyzersCommand({}))).analyzers).toEqual([]);
    expect((await errorOf(aa.send(new ListAnalyzersCommand({ nextToken: "forged" })))).name).toBe("ValidationException");
  });
});

describe("AWS Support", () => {
  it("answers Business plans with their severity levels, and SubscriptionRequiredException below Business", async () => {
    const support = client(SupportClient, "us-east-1");
    const basic = await errorOf(support.send(new DescribeSeverityLevelsCommand({})));
    expect([basic.name, basic.$metadata?.httpStatusCode]).toEqual(["SubscriptionRequiredException", 400]);
    sim.account.supportPlan = "enterprise";
    const levels = await support.send(new DescribeSeverityLevelsCommand({}));
    expect(levels.severityLevels?.map((l) => l.code)).toEqual(["low", "normal", "high", "urgent", "critical"]);
  });

  it("is served in us-east-1 only: a request signed for another region is refused", async () => {
    sim.account.supportPlan = "business";
    expect((await errorOf(client(SupportClient, TOKYO).send(new DescribeSeverityLevelsCommand({})))).name).toBe("InvalidSignatureException");
  });
});

describe("Amazon Macie", () => {
  it("answers the session where Macie is on, and AccessDeniedException 'Macie is not enabled.' where it never was", async () => {
    const tokyo = await client(Macie2Client).send(new GetMacieSessionCommand({}));
    expect([tokyo.status, tokyo.createdAt instanceof Date]).toEqual(["ENABLED", true]);
    const osaka = await errorOf(client(Macie2Client, OSAKA).send(new GetMacieSessionCommand({})));
    expect([osaka.name, osaka.message, osaka.$metadata?.httpStatusCode]).toEqual(["AccessDeniedException", "Macie is not enabled.", 403]);
  });
});

describe("AWS Account", () => {
  it("answers the security contact, and ResourceNotFoundException when none is set", async () => {
    const account = client(AccountClient);
    expect((await errorOf(account.send(new GetAlternateContactCommand({ AlternateContactType: "SECURITY" })))).name).toBe("ResourceNotFoundException");
    sim.account.securityContact = { name: "Tanaka Taro", title: "CEO", email: "security@example-co.example", phone: "+81-3-0000-0000" };
    const out = await account.send(new GetAlternateContactCommand({ AlternateContactType: "SECURITY" }));
    expect(out.AlternateContact).toEqual({
      AlternateContactType: "SECURITY", Name: "Tanaka Taro", Title: "CEO", EmailAddress: "security@example-co.example", PhoneNumber: "+81-3-0000-0000",
    });
  });
});

describe.skipIf(!motoAvailable())("the same answers from moto", () => {
  it("CloudTrail listings, status and the missing contact parse alike in the simulator and moto", async () => {
    const moto = await startMoto();
    try {
      const creds = { accessKeyId: "testing", secretAccessKey: "testing" };
      const s3 = client(S3Client, TOKYO, moto.endpoint, creds) as S3Client;
      await s3.send(new CreateBucketCommand({ Bucket: "contract-logs", CreateBucketConfiguration: { LocationConstraint: TOKYO } }));
      const motoTrail = client(CloudTrailClient, TOKYO, moto.endpoint, creds);
      await motoTrail.send(new CreateTrailCommand({ Name: "all-regions", S3BucketName: "contract-logs", IsMultiRegionTrail: true }));
      await motoTrail.send(new StartLoggingCommand({ Name: "all-regions" }));
      sim.account.trails = [{ name: "all-regions", homeRegion: TOKYO, multiRegion: true, logging: true, bucket: "contract-logs" }];

      const read = async (endpoint: string, credentials: object) => {
        const trails = client(CloudTrailClient, OSAKA, endpoint, credentials);
        const listed = (await trails.send(new DescribeTrailsCommand({}))).trailList ?? [];
        const status = await trails.send(new GetTrailStatusCommand({ Name: listed[0]!.TrailARN }));
        const contact = await errorOf(client(AccountClient, TOKYO, endpoint, credentials).send(new GetAlternateContactCommand({ AlternateContactType: "SECURITY" })));
        return {
          trails: listed.map((t) => ({ name: t.Name, arn: t.TrailARN, home: t.HomeRegion, multi: t.IsMultiRegionTrail, org: t.IsOrganizationTrail ?? false })),
          logging: status.IsLogging,
          contact: contact.name,
        };
      };
      expect(await read(sim.endpoint, TEST_CREDENTIALS)).toEqual(await read(moto.endpoint, creds));
      // Not compared: moto 5.2.1 keeps no default event selectors for a new trail, where AWS answers "all management events".
    } finally {
      await moto.stop();
    }
  });
});
