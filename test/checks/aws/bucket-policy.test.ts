import { describe, expect, it } from "vitest";
import { evaluateBucketPolicy } from "../../../checks/aws/bucket-policy.ts";

const policy = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allowAll = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

describe("evaluateBucketPolicy", () => {
  it("names the statement that allows everyone", () => {
    expect(evaluateBucketPolicy(policy({ Sid: "Web", ...allowAll })).publicStatements.map((s) => s.id)).toEqual(["Web"]);
  });

  it("treats Principal {AWS: '*'} like '*', and numbers statements without a Sid", () => {
    const v = evaluateBucketPolicy(policy({ ...allowAll, Principal: { AWS: ["*"] } }));
    expect(v.publicStatements.map((s) => s.id)).toEqual(["#1"]);
  });

  it.each([
    ["aws:SourceIp", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }],
    ["aws:SourceVpce", { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c" } }],
    ["aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }],
    ["aws:SourceArn", { ArnLike: { "aws:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } }],
    ["aws:SourceAccount", { StringEquals: { "AWS:SourceAccount": "123456789012" } }],
  ])("does not call a statement narrowed by %s public", (_key, condition) => {
    expect(evaluateBucketPolicy(policy({ ...allowAll, Condition: condition })).publicStatements).toEqual([]);
  });

  it("still calls it public when the condition opens to every address", () => {
    const v = evaluateBucketPolicy(policy({ ...allowAll, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } }));
    expect(v.publicStatements).toHaveLength(1);
  });

  it("still calls it public when the narrowing key sits under a negated operator", () => {
    const v = evaluateBucketPolicy(policy({ ...allowAll, Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }));
    expect(v.publicStatements).toHaveLength(1);
  });

  it("does not call a service principal or a named account public", () => {
    expect(evaluateBucketPolicy(policy(
      { ...allowAll, Principal: { Service: "cloudfront.amazonaws.com" } },
      { ...allowAll, Principal: { AWS: "arn:aws:iam::111122223333:root" } },
    )).publicStatements).toEqual([]);
  });

  it("ignores Deny statements and flags Allow with NotPrincipal", () => {
    const v = evaluateBucketPolicy(policy({ ...allowAll, Effect: "Deny" }, { Sid: "Odd", Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:*" }));
    expect(v.publicStatements).toEqual([{ id: "Odd", actions: ["s3:*"], reason: "not-principal" }]);
  });

  it("says a policy it cannot read is unreadable rather than private", () => {
    expect(evaluateBucketPolicy("{not json").unreadable).toMatch(/not JSON/);
  });
});
