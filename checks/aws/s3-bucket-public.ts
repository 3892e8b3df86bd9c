import type { AwsFacts, BucketFacts, PublicAccessBlock } from "../../providers/aws/facts.ts";
import { FactUnavailable, value, type Fact } from "../../providers/fact.ts";
import { defineCheck, eachResource, type Judgement } from "../framework.ts";
import { evaluateBucketPolicy } from "./bucket-policy.ts";
import { bucketResource } from "./resources.ts";

const PUBLIC_GROUPS: Record<string, string> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

export default defineCheck<AwsFacts>()({
  meta: {
    id: "aws.s3.bucket_public",
    provider: "aws",
    service: "s3",
    severity: "critical",
    ipaItems: [8],
    itemReasons: {
      8: { ja: "データの保存場所（バケット）が、インターネットの誰からでも読める状態でないかを見ます。", en: "Checks that no S3 bucket can be read by anyone on the internet." },
    },
    title: { ja: "S3 バケットがインターネットに公開されていない", en: "S3 bucket is not public" },
    detail: {
      ja: "公開されたバケットの中身は、URL を知っている（または推測した）誰でも読めます。ACL の「すべての人」への許可や、Principal が \"*\" のバケットポリシーが原因です。",
      en: "Anyone who knows or guesses the URL can read a public bucket. The cause is an ACL grant to \"Everyone\" or a bucket policy whose Principal is \"*\".",
    },
    remediation: {
      steps: {
        ja: "バケットの「アクセス許可」タブで、ブロックパブリックアクセスを有効にし、ACL から「すべての人」「認証済みユーザー」の許可を削除し、バケットポリシーの Principal \"*\" の文を削除するか、送信元 IP・VPC エンドポイント・組織 ID で条件を付けます。Web 公開が目的なら CloudFront（オリジンアクセスコントロール）を使います。",
        en: "On the bucket's Permissions tab turn Block Public Access on, remove the Everyone / Authenticated users grants from the ACL, and remove the Principal \"*\" statement from the bucket policy or limit it by source IP, VPC endpoint or organisation. To publish a website, use CloudFront with origin access control.",
      },
      consolePath: { ja: "S3 > バケット > (バケット名) > アクセス許可", en: "S3 > Buckets > (bucket) > Permissions" },
      url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    },
  },
  needs: ["buckets"],
  uses: ["accountPublicAccessBlock"],
  run({ buckets, accountPublicAccessBlock }) {
    return eachResource(buckets, bucketResource, (b) => judge(b, accountPublicAccessBlock));
  },
});

/**
 * Effective public access: account and bucket Block Public Access combine flag by flag. A
 * fact is read only when the verdict depends on it: an unreadable ACL behind an
 * ignorePublicAcls block, or an unreadable policy on a bucket already public through its
 * ACL, does not turn a certain verdict into an error.
 */
function judge(b: BucketFacts, accountPab: Fact<PublicAccessBlock | null>): Judgement {
  const account = accountPab.ok ? accountPab.value : null;
  if (account?.ignorePublicAcls && account.restrictPublicBuckets) {
    return { status: "pass", evidence: { blockedBy: "account-level Block Public Access" } };
  }
  const bucketPab = value(b.publicAccessBlock);
  const blocked = (flag: keyof PublicAccessBlock) =>
    bucketPab?.[flag] === true || (accountPab.ok && accountPab.value?.[flag] === true);

  const aclPublic = blocked("ignorePublicAcls")
    ? []
    : value(b.acl).flatMap((g) => (g.granteeType === "Group" && PUBLIC_GROUPS[g.grantee] ? [`${PUBLIC_GROUPS[g.grantee]}:${g.permission}`] : []));
  const policyReadable = aclPublic.length === 0 || b.policy?.ok === true;
  const policyPublic = blocked("restrictPublicBuckets") || !policyReadable ? [] : publicStatements(b);

  const evidence = {
    aclGrantsToPublic: aclPublic,
    publicPolicyStatements: policyReadable ? policyPublic : "(not read)",
    bucketPublicAccessBlock: bucketPab,
  };
  if (aclPublic.length === 0 && policyPublic.length === 0) return { status: "pass", evidence };

  // Public by its own settings: only a readable account-level block could still close it.
  value(accountPab);
  const via = { ja: [] as string[], en: [] as string[] };
  if (aclPublic.length > 0) { via.ja.push("ACL"); via.en.push("its ACL"); }
  if (policyPublic.length > 0) {
    via.ja.push(`バケットポリシーの文 ${policyPublic.join(", ")}`);
    via.en.push(`its bucket policy, statement ${policyPublic.join(", ")}`);
  }
  return {
    status: "fail",
    evidence,
    message: {
      ja: `誰でも読めるように公開されています（${via.ja.join("と")}）。`,
      en: `Anyone can read it: public through ${via.en.join(" and ")}.`,
    },
  };
}

/** Statements our evaluation finds public; GetBucketPolicyStatus, where answered, can only add to them. */
function publicStatements(b: BucketFacts): string[] {
  const policy = value(b.policy);
  if (policy === null) return [];
  const verdict = evaluateBucketPolicy(policy);
  // This bucket alone becomes error; the others are still judged.
  if (verdict.unreadable) {
    throw new FactUnavailable({ operation: "GetBucketPolicy", permission: "s3:GetBucketPolicy", code: "MalformedPolicy", message: verdict.unreadable });
  }
  const ids = verdict.publicStatements.map((s) => s.id);
  const awsSaysPublic = b.policyStatus?.ok === true && b.policyStatus.value === true;
  return ids.length === 0 && awsSaysPublic ? ["(GetBucketPolicyStatus: IsPublic)"] : ids;
}
