import { FactUnavailable, type CollectionError, type Fact } from "../providers/fact.ts";
import type { IpaItemNumber } from "./catalogue.ts";
import type { Text } from "./text.ts";

/** The clouds, each scanned on Lambda by its own function. */
export type CloudProvider = "aws" | "microsoft" | "google";
/** `site`: the tenant's online shop, watched over the web (providers/site/); on Lambda in its own hourly round. */
export type Provider = CloudProvider | "site";
export type Severity = "critical" | "high" | "medium" | "low" | "info";
export type Status = "pass" | "fail" | "error" | "manual" | "skipped";

export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

export interface CheckMeta {
  /** `<provider>.<service>.<what>`, e.g. `aws.s3.bucket_public`. Never renamed: finding ids hash it. */
  id: string;
  provider: Provider;
  service: string;
  severity: Severity;
  /** Empty only for a check of a second grouping (`group`), outside the 15 items. */
  ipaItems: readonly IpaItemNumber[];
  /**
   * One line per item of `ipaItems`: why this check answers that item, shown in the grid
   * beside the owner's question.
   */
  itemReasons?: Partial<Record<IpaItemNumber, Text>>;
  /** The owner's own rule (config `policy.<key>`) that this check enforces: such a check also answers item 4. */
  ownerRule?: keyof TenantPolicy;
  /** A grouping besides the 15 items: `ec_site`, the online shop (feed/site-group.ts). */
  group?: "ec_site";
  /** What the check asks, as a statement of the good state. */
  title: Text;
  /** Why it matters, for the owner. */
  detail: Text;
  remediation: {
    steps: Text;
    /** Where to click, e.g. "S3 > バケット > アクセス許可". */
    consolePath: Text;
    /** Provider documentation. */
    url?: string;
  };
}

export interface ResourceRef {
  /** Stable id in the provider (ARN, object id). Part of the finding id. */
  uid: string;
  name: string;
  type: string;
  region?: string;
  consoleUrl?: string;
}

/** What a check says about one resource. */
export interface CheckResult {
  status: Status;
  resource: ResourceRef;
  /** What was found, in the owner's words; shown under the title. */
  message?: Text;
  /** Raw values that led to the status (never secrets). */
  evidence?: Record<string, unknown>;
  /** For `error` and `skipped`: why. */
  reason?: Text;
  /** For `error`: the collection failure behind it. */
  cause?: CollectionError;
}

/** The tenant settings and clock a check may read besides facts. */
export interface CheckContext {
  tenantId: string;
  /** Resource that stands for the whole tenant account (used for account-level results). */
  tenantResource: ResourceRef;
  now: Date;
  policy: TenantPolicy;
}

export interface TenantPolicy {
  allowedRegions: string[];
  accessKeyMaxAgeDays: number;
  inactiveDays: number;
  administrators: { min: number; max: number };
  /** Whether files may be shared with links that work for anyone, without signing in. */
  anyoneLinks: "allowed" | "not_allowed";
}

export const DEFAULT_POLICY: TenantPolicy = {
  allowedRegions: ["ap-northeast-1", "ap-northeast-3"],
  accessKeyMaxAgeDays: 90,
  inactiveDays: 90,
  administrators: { min: 1, max: 4 },
  anyoneLinks: "not_allowed",
};

type FactValue<F> = [F] extends [Fact<infer T>] ? T : never;

/** The needed facts, already unwrapped: the framework ran `value()` on each. */
export type Needed<F, K extends keyof F> = { readonly [P in K]: FactValue<F[P]> };

export interface Check<F = any, K extends keyof F = any, U extends keyof F = any> {
  meta: CheckMeta;
  /** Facts without which the check cannot say anything; a failed one makes the whole check `error`. */
  needs: readonly K[];
  /**
   * Facts passed as they are (possibly failed) for a check that reads them only for some
   * resources; reading one with `value()` inside `eachResource` fails that resource closed.
   */
  uses?: readonly U[];
  /** Pure: same facts and context, same results. */
  run(facts: Needed<F, K> & Pick<F, U>, ctx: CheckContext): CheckResult[];
}

/** Typed constructor: `defineCheck<AwsFacts>()({ meta, needs: ["buckets"], run })`. */
export function defineCheck<F>() {
  return <K extends keyof F, U extends keyof F = never>(check: Check<F, K, U>): Check<F, K, U> => check;
}

/** A judgement about one resource; `eachResource` adds the resource and fails closed. */
export interface Judgement {
  status: Exclude<Status, "error">;
  message?: Text;
  evidence?: Record<string, unknown>;
  reason?: Text;
}

/**
 * Judges each resource on its own, so that one bucket whose ACL could not be read is
 * `error` while the others still get their verdict.
 */
export function eachResource<T>(
  items: readonly T[],
  resourceOf: (item: T) => ResourceRef,
  judge: (item: T) => Judgement,
): CheckResult[] {
  return items.map((item) => {
    const resource = resourceOf(item);
    try {
      return { resource, ...judge(item) };
    } catch (err) {
      if (err instanceof FactUnavailable) return errorResult(resource, err.error);
      throw err;
    }
  });
}

/** Why a check is `error`: what failed, and that it was therefore not passed. */
export function errorReason(error: CollectionError): Text {
  return collectionFailure(error, {
    ja: "確認できなかったため「合格」にはしていません。",
    en: "not reported as passed because it could not be checked",
  });
}

/** Why nothing could be collected from a provider whose last known verdicts are shown instead. */
export function unreachableReason(error: CollectionError): Text {
  return collectionFailure(error);
}

function collectionFailure(error: CollectionError, notPassed?: Text): Text {
  if (error.code === "NotCollected") {
    return { ja: "必要なデータが収集されていません。", en: "The data this check needs was not collected." };
  }
  const denied = /AccessDenied|Unauthorized|Forbidden|Authorization_RequestDenied|insufficient|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken/i.test(error.code);
  const permission = error.permission;
  if (denied && permission === undefined) {
    // Calls that need no permission (GetCallerIdentity) fail only on the credentials themselves.
    return {
      ja: `${error.operation} が拒否されました（${error.code}）。スキャナーの認証情報が有効か確認してください。`,
      en: `${error.operation} was refused (${error.code}): check that the scanner's credentials are valid.`,
    };
  }
  if (denied) {
    return {
      ja: `${error.operation} が拒否されました。権限 ${permission} を読み取り専用ロールに付与してください。`,
      en: `${error.operation} was denied: the read-only role needs ${permission}.`,
    };
  }
  return {
    ja: `${error.operation} に失敗しました（${error.code}: ${error.message}）。${notPassed?.ja ?? ""}`,
    en: `${error.operation} failed (${error.code}: ${error.message})${notPassed ? `; ${notPassed.en}` : ""}.`,
  };
}

export function errorResult(resource: ResourceRef, error: CollectionError): CheckResult {
  return { status: "error", resource, reason: errorReason(error), cause: error };
}

const NONE_TO_CHECK = {
  ja: "確認しました: 対象はありません。",
  en: "Checked: there are none.",
};

/** Why one of these facts was not collected, or undefined when all of them were. */
function uncollected<F extends object>(keys: readonly (keyof F)[], facts: F): CollectionError | undefined {
  for (const key of keys) {
    const fact = facts[key] as Fact<unknown> | undefined;
    if (fact === undefined) return { operation: String(key), code: "NotCollected", message: "the collector did not gather this fact" };
    if (!fact.ok) return fact.error;
  }
  return undefined;
}

/**
 * Runs one check, owning the fail-closed rule: a failed needed fact, a failed per-resource
 * fact outside `eachResource`, or a bug in the check all become `error`, never `pass`.
 */
export function runCheck<F extends object>(
  check: Check<F, keyof F, keyof F>,
  facts: F,
  ctx: CheckContext,
): CheckResult[] {
  const unwrapped: Record<string, unknown> = {};
  const neededFailure = uncollected(check.needs, facts);
  if (neededFailure) return [errorResult(ctx.tenantResource, neededFailure)];
  for (const key of check.needs) unwrapped[key as string] = (facts[key] as Fact<unknown> & { ok: true }).value;
  for (const key of check.uses ?? []) unwrapped[key as string] = facts[key];
  try {
    const results = check.run(unwrapped as Needed<F, keyof F> & F, ctx);
    if (results.length > 0) return results;
    // "Listed, none" is a pass; "could not tell" is not. An empty answer means there are none
    // only when every fact the check reads was collected: a check may skip a failed `uses`
    // fact for the resources it saw, and with no resources it would never touch it.
    const failure = uncollected([...check.needs, ...(check.uses ?? [])], facts);
    if (failure) return [errorResult(ctx.tenantResource, failure)];
    return [{ status: "pass", resource: ctx.tenantResource, message: NONE_TO_CHECK }];
  } catch (err) {
    if (err instanceof FactUnavailable) return [errorResult(ctx.tenantResource, err.error)];
    const message = err instanceof Error ? err.message : String(err);
    return [errorResult(ctx.tenantResource, { operation: `check ${check.meta.id}`, code: "CheckFailed", message })];
  }
}
