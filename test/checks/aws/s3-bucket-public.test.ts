import { describe, expect, it } from "vitest";
import check from "../../../checks/aws/s3-bucket-public.ts";
import { runCheck } from "../../../checks/framework.ts";
import { awsContext } from "../../support/aws-checks.ts";
import { collected, denied, failed, goodBucket, goodFacts } from "./fixture.ts";

const OPEN = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const publicPolicy = (extra: Record<string, unknown> = {}) => JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", ...extra }],
});
const unblocked = (overrides: Parameters<typeof goodBucket>[1]) =>
  goodFacts({ accountPublicAccessBlock: collected(null), buckets: collected([goodBucket("b", { publicAccessBlock: collected(null), ...overrides })]) });
const run = (facts: ReturnType<typeof goodFacts>) => runCheck(check, facts, awsContext())[0]!;

describe("aws.s3.bucket_public", () => {
  it("passes a bucket with no public grant and no policy", () => {
    expect(run(unblocked({})).status).toBe("pass");
  });

  it("fails a bucket whose ACL grants READ to AllUsers", () => {
    const r = run(unblocked({ acl: collected([{ granteeType: "Group", grantee: ALL_USERS, permission: "READ" }]) }));
    expect(r.status).toBe("fail");
    expect(r.evidence!.aclGrantsToPublic).toEqual(["AllUsers:READ"]);
  });

  it("fails a bucket whose policy allows Principal * and names the statement", () => {
    const r = run(unblocked({ policy: collected(publicPolicy()) }));
    expect(r.status).toBe("fail");
    expect(r.message!.en).toContain("Public");
    expect(r.evidence!.publicPolicyStatements).toEqual(["Public"]);
  });

  it("passes a Principal * statement limited by aws:SourceIp", () => {
    const r = run(unblocked({ policy: collected(publicPolicy({ Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })) }));
    expect(r.status).toBe("pass");
  });

  it("passes a policy for the CloudFront service principal", () => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: "*",
      Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } } }] });
    expect(run(unblocked({ policy: collected(policy) })).status).toBe("pass");
  });

  it("passes a public ACL and policy that account-level Block Public Access overrides", () => {
    const facts = goodFacts({
      buckets: collected([goodBucket("b", {
        publicAccessBlock: collected(null),
        acl: collected([{ granteeType: "Group", grantee: ALL_USERS, permission: "READ" }]),
        policy: collected(publicPolicy()),
      })]),
    });
    expect(run(facts).status).toBe("pass");
  });

  it("fails when GetBucketPolicyStatus says public though no statement looks public to us", () => {
    const r = run(unblocked({ policy: collected(JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*" }] })), policyStatus: collected(true) }));
    expect(r.status).toBe("fail");
  });

  it("reports error naming s3:GetBucketPolicy, not pass, when the policy could not be read", () => {
    const r = run(unblocked({ policy: failed(denied("GetBucketPolicy", "s3:GetBucketPolicy")) }));
    expect(r.status).toBe("error");
    expect(r.reason!.en).toContain("s3:GetBucketPolicy");
  });

  it("reports error when the bucket is public by its settings but the account-level block could not be read", () => {
    const facts = goodFacts({
      accountPublicAccessBlock: failed(denied("GetAccountPublicAccessBlock", "s3:GetAccountPublicAccessBlock")),
      buckets: collected([goodBucket("b", { publicAccessBlock: collected(null), policy: collected(publicPolicy()) })]),
    });
    expect(run(facts).status).toBe("error");
  });

  it("judges each bucket on its own: one unreadable ACL does not hide the others' verdicts", () => {
    const facts = goodFacts({
      accountPublicAccessBlock: collected(OPEN),
      buckets: collected([
        goodBucket("ok", { publicAccessBlock: collected(null) }),
        goodBucket("denied", { publicAccessBlock: collected(null), acl: failed(denied("GetBucketAcl", "s3:GetBucketAcl")) }),
      ]),
    });
    expect(runCheck(check, facts, awsContext()).map((r) => [r.resource.name, r.status])).toEqual([["ok", "pass"], ["denied", "error"]]);
  });

  it("reports error for the whole check when the bucket list could not be read", () => {
    const r = runCheck(check, goodFacts({ buckets: failed(denied("ListBuckets", "s3:ListAllMyBuckets")) }), awsContext());
    expect(r).toHaveLength(1);
    expect(r[0]!.status).toBe("error");
    expect(r[0]!.reason!.ja).toContain("s3:ListAllMyBuckets");
  });
});
