import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findingId } from "../feed/finding-id.ts";
import type { Feed } from "../feed/schema.ts";
import { ajvFor, runCli, type CliRun } from "./cli/run-cli.ts";

const ACCOUNT = "123456789012";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const bucket = (name: string) => `arn:aws:s3:::${name}`;

let data: string;
let demo: CliRun;
let feed: Feed;

beforeAll(async () => {
  data = await mkdtemp(join(tmpdir(), "cloud15-demo-"));
  demo = await runCli(["demo", "--no-serve", "--data", data, "--lang", "ja"]);
  feed = JSON.parse(await readFile(join(data, "example-co", "feed.json"), "utf8")) as Feed;
});
afterAll(async () => { await rm(data, { recursive: true, force: true }); });

function statusOf(checkId: string, uid: string): string | undefined {
  return feed.findings.find((f) => f.id === findingId("example-co", checkId, uid))?.status;
}

describe("cloud15 demo --no-serve (the foundation issue's Done-when)", () => {
  it("scans the simulated Example Co. account without credentials, exits 0 and prints the summary", () => {
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/^株式会社エグザンプル \(Example Co\.\) \[example-co\]$/m);
    expect(demo.stdout).toMatch(/スコア: \d+\/100/);
    expect(feed.tenant.id).toBe("example-co");
    expect(feed.scan.providers.map((p) => p.provider).sort()).toEqual(["aws", "google", "microsoft", "site"]);
    expect(feed.scan.providers.filter((p) => p.status !== "ok")).toEqual([]);
    expect(feed.scan.providers.find((p) => p.provider === "aws")!.account).toBe(ACCOUNT);
  });

  it("writes a feed valid against the schema `cloud15 schema` prints", async () => {
    const validate = await ajvFor(["schema"]);
    const valid = validate(feed);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each([
    ["a bucket public through its ACL", "aws.s3.bucket_public", bucket("example-co-public-assets")],
    ["a bucket public through its policy", "aws.s3.bucket_public", bucket("example-co-website")],
    ["account Block Public Access off", "aws.s3.account_public_access_block", ROOT],
    ["root without MFA", "aws.iam.root_mfa", ROOT],
    ["a console user without MFA", "aws.iam.user_console_mfa", `arn:aws:iam::${ACCOUNT}:user/suzuki`],
    ["a bucket with no versioning", "aws.s3.bucket_versioning", bucket("example-co-us-export")],
    ["a bucket with no backup", "aws.s3.bucket_backup", bucket("example-co-us-export")],
    ["a bucket outside Japan", "aws.s3.bucket_region", bucket("example-co-us-export")],
    ["a CloudTrail trail in one region only", "aws.cloudtrail.multi_region_logging", ROOT],
    ["no security contact", "aws.account.security_contact", ROOT],
    ["no Access Analyzer in Osaka", "aws.accessanalyzer.enabled", `arn:aws:access-analyzer:ap-northeast-3:${ACCOUNT}`],
    ["no Macie where buckets are in us-east-1", "aws.macie.enabled", `arn:aws:macie2:us-east-1:${ACCOUNT}:session`],
    ["an EBS snapshot anyone may restore", "aws.ec2.snapshot_public", `arn:aws:ec2:ap-northeast-1:${ACCOUNT}:snapshot/snap-0f3a9c1e5b7d2a401`],
    ["a public AMI", "aws.ec2.image_public", "arn:aws:ec2:ap-northeast-1::image/ami-0c4e8a2b6d1f3a501"],
    ["an RDS snapshot shared with everyone", "aws.rds.snapshot_public", `arn:aws:rds:ap-northeast-1:${ACCOUNT}:snapshot:orders-before-migration`],
    ["snapshot sharing not blocked in Tokyo", "aws.ec2.snapshot_block_public_access", `${ROOT}/region/ap-northeast-1`],
    ["AMI sharing not blocked in Tokyo", "aws.ec2.image_block_public_access", `${ROOT}/region/ap-northeast-1`],
    ["a DynamoDB table outside Japan", "aws.data.store_region", `${ROOT}/region/us-east-1`],
    ["EBS encryption by default off in Osaka", "aws.ec2.ebs_encryption_by_default", `${ROOT}/region/ap-northeast-3`],
    ["no GuardDuty in us-east-1", "aws.guardduty.enabled", `${ROOT}/region/us-east-1`],
  ])("fails %s", (_what, checkId, uid) => {
    expect(statusOf(checkId, uid)).toBe("fail");
  });

  it("shows the Basic support plan as a fact for the owner (manual with its evidence), not a failure", () => {
    const plan = feed.findings.find((f) => f.id === findingId("example-co", "aws.support.plan", ROOT));
    expect(plan).toMatchObject({ status: "manual", evidence: { plan: "Basic or Developer" } });
  });

  it.each(["aws.s3.bucket_public", "aws.s3.bucket_versioning", "aws.s3.bucket_backup", "aws.s3.bucket_region"])(
    "passes the bucket set right (example-co-invoices) on %s",
    (checkId) => {
      expect(statusOf(checkId, bucket("example-co-invoices"))).toBe("pass");
    },
  );

  it("finds the online shop's tampered script, shown by origin and hash in the 「EC サイト」 grouping", () => {
    const tampered = feed.findings.find((f) => f.checkId === "site.scripts.content_changed" && f.resource.name.endsWith("/js/app.js"));
    expect(tampered).toMatchObject({ status: "fail", group: "ec_site", message: { ja: expect.stringContaining("変わっています") } });
    expect(feed.groups?.[0]).toMatchObject({ id: "ec_site", status: "partial" });
    const shop = feed.scan.providers.find((p) => p.provider === "site")!.sites![0]!;
    expect(shop.scripts.filter((s) => s.change === "changed").map((s) => new URL(s.src!).pathname)).toEqual(["/js/app.js"]);
  });

  it("shows all 15 items, with 1, 2, 5 and 14 left to the owner and the others answered by the scan", () => {
    expect(feed.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const manual = feed.items.filter((i) => i.status === "manual").map((i) => i.number);
    expect(manual).toEqual(expect.arrayContaining([1, 2, 5, 14]));
    for (const n of [3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 15]) expect(feed.items.find((i) => i.number === n)?.checks.length).toBeGreaterThan(0);
  });
});
