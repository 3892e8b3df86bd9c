import type { Feed } from "../../feed/schema.ts";
import { ACCOUNT, bucket, feedAt, meta, result, run } from "../feed/fixtures.ts";

/**
 * A second scan's feed of a few hundred findings in both languages, with evidence and text that
 * JSON escapes: megabytes when a few hundred buckets are scanned, a few hundred kB here.
 */
export function largeFeed(): Feed {
  const checks = [meta("aws.s3.bucket_public", "critical"), meta("aws.s3.versioning", "low"), meta("aws.iam.root_mfa", "critical", [9, 7])] as const;
  const results = (status: "pass" | "fail") => Array.from({ length: 200 }, (_, i) =>
    result(i % 3 === 0 ? "fail" : status, bucket(`bucket-${i}`), {
      message: { ja: `バケット ${i} は公開されています。\n改行も "引用" も \\ も`, en: `bucket ${i}\tis public \u2028` },
      evidence: { acl: i % 2 === 0 ? ["AllUsers:READ"] : [], policy: { Statement: [{ Effect: "Allow", Principal: "*" }] }, none: null, n: i * 1.5 },
    }));
  const first = feedAt("2026-11-01T00:00:00.000Z", [run(checks[0], ...results("pass")), run(checks[1], ...results("fail")), run(checks[2], result("fail", ACCOUNT))]);
  return feedAt("2026-11-02T00:00:00.000Z", [run(checks[0], ...results("fail")), run(checks[1], ...results("pass")), run(checks[2], result("pass", ACCOUNT))], first);
}
