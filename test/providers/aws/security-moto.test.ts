import { PutAlternateContactCommand, AccountClient } from "@aws-sdk/client-account";
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { DisableMacieCommand, Macie2Client } from "@aws-sdk/client-macie2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collectAwsFacts } from "../../../providers/aws/collect.ts";
import { runAwsChecks, statusOf } from "../../support/aws-checks.ts";
import { motoAvailable, startMoto, type Moto } from "../../support/moto.ts";
import { createScannerUser, SEED_CREDENTIALS, seedSmallCompany } from "../../support/seed-moto.ts";

/**
 * The security features against moto 5.2.1, seeded through the SDK. moto implements CloudTrail,
 * Account and Macie, but not the Support API's DescribeSeverityLevels nor IAM Access Analyzer:
 * those checks must come out `error` here, and test/providers/aws/security-simulator.test.ts
 * covers them against the simulator's documented shapes.
 */
const TOKYO = "ap-northeast-1";
const FAST = { reportPollDelaysMs: [50, 100, 200, 400], tuning: { maxAttempts: 2 } };

describe.skipIf(!motoAvailable())("AWS security features against moto_server", () => {
  let moto: Moto;
  let cloudtrail: CloudTrailClient;
  beforeAll(async () => {
    moto = await startMoto();
    cloudtrail = new CloudTrailClient({ endpoint: moto.endpoint, region: TOKYO, credentials: SEED_CREDENTIALS });
  });
  afterAll(async () => { cloudtrail?.destroy(); await moto?.stop(); });
  beforeEach(async () => {
    await moto.reset();
    await seedSmallCompany(moto.endpoint);
  });

  const scan = (credentials = SEED_CREDENTIALS) => collectAwsFacts({ region: TOKYO, endpoint: moto.endpoint }, "acme", { credentials, ...FAST });

  /** moto keeps no selectors for a new trail (AWS answers the default, all management events): set them as a console would. */
  async function trail(name: string, multiRegion: boolean, readWrite: "All" | "WriteOnly" = "All", logging = true) {
    await cloudtrail.send(new CreateTrailCommand({ Name: name, S3BucketName: "acme-private", IsMultiRegionTrail: multiRegion }));
    await cloudtrail.send(new PutEventSelectorsCommand({ TrailName: name, EventSelectors: [{ ReadWriteType: readWrite, IncludeManagementEvents: true }] }));
    if (logging) await cloudtrail.send(new StartLoggingCommand({ Name: name }));
  }

  it("passes a logging multi-region trail recording all management events, and a security contact set through PutAlternateContact", async () => {
    await trail("acme-all-regions", true);
    const account = new AccountClient({ endpoint: moto.endpoint, region: TOKYO, credentials: SEED_CREDENTIALS });
    await account.send(new PutAlternateContactCommand({
      AlternateContactType: "SECURITY", Name: "Yamada Hanako", Title: "CEO", EmailAddress: "security@acme.example", PhoneNumber: "+81-3-0000-0000",
    }));
    account.destroy();
    const { facts, apiCalls } = await scan();
    const results = runAwsChecks(facts);
    expect(statusOf(results, "aws.cloudtrail.multi_region_logging")).toBe("pass");
    expect(statusOf(results, "aws.account.security_contact")).toBe("pass");
    expect(results["aws.account.security_contact"]![0]!.evidence).toMatchObject({ email: "security@acme.example" });
    expect(apiCalls).toMatchObject({ DescribeTrails: 1, GetTrailStatus: 1, GetEventSelectors: 1 });
  });

  it("fails a one-region trail, a stopped multi-region trail and one recording writes only; and no security contact", async () => {
    await trail("acme-tokyo-only", false);
    let results = runAwsChecks((await scan()).facts);
    expect(statusOf(results, "aws.cloudtrail.multi_region_logging")).toBe("fail");
    expect(statusOf(results, "aws.account.security_contact")).toBe("fail");

    await moto.reset();
    await seedSmallCompany(moto.endpoint);
    await trail("acme-stopped", true, "All", false);
    results = runAwsChecks((await scan()).facts);
    expect(results["aws.cloudtrail.multi_region_logging"]![0]!).toMatchObject({ status: "fail", message: { en: "The all-region trail acme-stopped has stopped logging." } });

    await moto.reset();
    await seedSmallCompany(moto.endpoint);
    await trail("acme-writes", true, "WriteOnly");
    results = runAwsChecks((await scan()).facts);
    expect(results["aws.cloudtrail.multi_region_logging"]![0]!).toMatchObject({ status: "fail", message: { en: "Trail acme-writes does not record read management events." } });
  });

  it("fails Macie where it was disabled; where moto's session is on, its createdAt has no time zone, which the SDK refuses: error, never pass", async () => {
    const macie = new Macie2Client({ endpoint: moto.endpoint, region: "us-east-1", credentials: SEED_CREDENTIALS });
    await macie.send(new DisableMacieCommand({}));
    macie.destroy();
    const results = runAwsChecks((await scan()).facts)["aws.macie.enabled"]!;
    const byRegion = Object.fromEntries(results.map((r) => [r.resource.region, r]));
    // moto answers a disabled region with ResourceNotFoundException: no Macie session there.
    expect(byRegion["us-east-1"]!.status).toBe("fail");
    // moto enables Macie in every region by default and writes `createdAt` as a local time without a zone.
    expect(byRegion[TOKYO]!.status).toBe("error");
    expect(byRegion[TOKYO]!.cause).toMatchObject({ operation: "GetMacieSession" });
  });

  it("reports the support plan and Access Analyzer as error, never pass, since moto lacks DescribeSeverityLevels and ListAnalyzers", async () => {
    const results = runAwsChecks((await scan()).facts);
    expect(statusOf(results, "aws.support.plan")).toBe("error");
    const analyzers = results["aws.accessanalyzer.enabled"]!;
    expect(analyzers.length).toBeGreaterThan(0);
    for (const r of analyzers) expect(r.status).toBe("error");
  });

  it("with cloudtrail:DescribeTrails and account:GetAlternateContact missing from the policy, reports error on both, never pass or fail", async () => {
    await trail("acme-all-regions", true);
    const credentials = await createScannerUser(moto.endpoint, ["cloudtrail:DescribeTrails", "account:GetAlternateContact"]);
    await moto.enforceIam();
    const results = runAwsChecks((await scan(credentials)).facts);
    // moto answers CloudTrail's denial in XML, which the JSON client cannot parse: still error, with the permission in its cause.
    const [trails] = results["aws.cloudtrail.multi_region_logging"]!;
    expect(trails!.status).toBe("error");
    expect(trails!.cause).toMatchObject({ operation: "DescribeTrails", permission: "cloudtrail:DescribeTrails" });
    const [contact] = results["aws.account.security_contact"]!;
    expect(contact!.status).toBe("error");
    expect(contact!.cause).toMatchObject({ operation: "GetAlternateContact", permission: "account:GetAlternateContact" });
  });
});
