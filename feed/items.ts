import { IPA_ITEMS, type IpaItemNumber } from "../checks/catalogue.ts";
import { DEFAULT_POLICY, type CheckMeta, type Status, type TenantPolicy } from "../checks/framework.ts";
import { describeRule } from "../checks/owner-rules.ts";
import type { AttestationAnswer, FeedFinding, FeedItem } from "./schema.ts";

/** The owner's answers from the config, keyed by item number ("1" … "15"). */
export type Attestations = Readonly<Partial<Record<string, AttestationAnswer>>>;

/** The rules in force for a tenant, and which of them its config sets (the rest are defaults). */
export interface OwnerPolicy {
  rules: TenantPolicy;
  setByOwner: readonly (keyof TenantPolicy)[];
}

const DEFAULTS_ONLY: OwnerPolicy = { rules: DEFAULT_POLICY, setByOwner: [] };

/** The item whose question the owner's own rules answer. */
export const OWN_RULES_ITEM: IpaItemNumber = 4;

type ItemStatus = FeedItem["status"];

export const ANSWER_STATUS: Readonly<Record<AttestationAnswer["answer"], ItemStatus>> = {
  done: "pass",
  partly: "partial",
  not_done: "fail",
  not_applicable: "pass",
};

export type StatusCounts = Record<Status, number>;

export function countStatuses(findings: readonly { status: Status }[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, error: 0, manual: 0, skipped: 0 };
  for (const { status } of findings) counts[status] += 1;
  return counts;
}

/**
 * The status of one item from the automated findings mapped to it. A failure outweighs an
 * error (we know something is wrong), and an error outweighs passes (we could not look
 * everywhere). Only skipped or manual results, or none, leave the owner to answer.
 */
export function itemStatus(counts: StatusCounts): ItemStatus {
  if (counts.fail > 0) return counts.pass > 0 ? "partial" : "fail";
  if (counts.error > 0) return "error";
  if (counts.pass > 0) return "pass";
  return "manual";
}

/**
 * All 15 items, always. An attestation decides the status only where nothing automated
 * answered, so an owner's "done" never hides what the scan saw; it is shown on every item
 * that has one.
 */
export function itemGrid(
  findings: readonly FeedFinding[],
  checksRun: readonly CheckMeta[],
  attestations: Attestations = {},
  policy: OwnerPolicy = DEFAULTS_ONLY,
): FeedItem[] {
  return IPA_ITEMS.map((item) => {
    const mapped = (items: readonly number[]) => items.includes(item.number);
    const counts = countStatuses(findings.filter((f) => mapped(f.ipaItems)));
    const attestation = attestations[String(item.number)];
    const automated = counts.pass + counts.fail + counts.error > 0;
    const checks = checksRun.filter((meta) => mapped(meta.ipaItems));
    return {
      number: item.number,
      group: item.group,
      kinds: [...item.kinds],
      title: item.title,
      question: item.question,
      status: !automated && attestation ? ANSWER_STATUS[attestation.answer] : itemStatus(counts),
      checks: checks.map((meta) => meta.id),
      counts,
      ...(attestation ? { attestation } : {}),
      ...(checks.length > 0 ? { reasons: checks.map((meta) => reasonOf(meta, item.number, policy)) } : {}),
    };
  });
}

type ItemReason = NonNullable<FeedItem["reasons"]>[number];

/** Why a check answers an item; under item 4, the owner's rule it enforces and its value. */
function reasonOf(meta: CheckMeta, item: IpaItemNumber, policy: OwnerPolicy): ItemReason {
  const reason = meta.itemReasons?.[item];
  const key = meta.ownerRule;
  return {
    checkId: meta.id,
    title: meta.title,
    ...(reason ? { reason } : {}),
    ...(key && item === OWN_RULES_ITEM
      ? { rule: { key, ...describeRule(key, policy.rules), setBy: policy.setByOwner.includes(key) ? "owner" as const : "default" as const } }
      : {}),
  };
}
