import type { CheckMeta, CheckResult, ResourceRef, Severity } from "../../checks/framework.ts";
import type { IpaItemNumber } from "../../checks/catalogue.ts";
import { buildFeed, type BuildFeedInput, type PreviousFeed } from "../../feed/build.ts";
import type { CheckRun } from "../../feed/lifecycle.ts";
import type { Feed } from "../../feed/schema.ts";

/** Check metadata for feed tests: only the id, severity and items matter to the feed. */
export function meta(id: string, severity: Severity = "high", ipaItems: IpaItemNumber[] = [8]): CheckMeta {
  return {
    id,
    provider: "aws",
    service: id.split(".")[1] ?? "s3",
    severity,
    ipaItems,
    title: { ja: `${id} 題`, en: `${id} title` },
    detail: { ja: "詳細", en: "detail" },
    remediation: { steps: { ja: "手順", en: "steps" }, consolePath: { ja: "S3", en: "S3" } },
  };
}

export const ACCOUNT: ResourceRef = { uid: "arn:aws:iam::123456789012:root", name: "AWS account 123456789012", type: "AWS::Account" };

export function bucket(name: string): ResourceRef {
  return { uid: `arn:aws:s3:::${name}`, name, type: "AWS::S3::Bucket", region: "ap-northeast-1" };
}

export function result(status: CheckResult["status"], resource: ResourceRef, extra: Partial<CheckResult> = {}): CheckResult {
  return { status, resource, ...extra };
}

export function run(m: CheckMeta, ...results: CheckResult[]): CheckRun {
  return { meta: m, results };
}

let scanNumber = 0;

/** A feed built at `at` against `previous` (or as a first scan). */
export function feedAt(at: string, checks: CheckRun[], previous?: Feed, extra: Partial<BuildFeedInput> = {}): Feed {
  const prev: PreviousFeed = previous ? { feed: previous } : { missing: true };
  scanNumber += 1;
  return buildFeed({
    tenant: { id: "example-co", name: "Example Co." },
    scanId: `scan-${scanNumber}`,
    startedAt: new Date(at),
    finishedAt: new Date(new Date(at).getTime() + 1000),
    checks,
    providers: [],
    previous: prev,
    ...extra,
  });
}
