import { IPA_ITEMS } from "../checks/catalogue.ts";
import type { CheckMeta, Status } from "../checks/framework.ts";
import type { AttestationAnswer, FeedFinding, FeedItem } from "./schema.ts";

/** The owner's answers from the config, keyed by item number ("1" … "15"). */
export type Attestations = Readonly<Partial<Record<string, AttestationAnswer>>>;

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
): FeedItem[] {
  return IPA_ITEMS.map((item) => {
    const mapped = (items: readonly number[]) => items.includes(item.number);
    const counts = countStatuses(findings.filter((f) => mapped(f.ipaItems)));
    const attestation = attestations[String(item.number)];
    const automated = counts.pass + counts.fail + counts.error > 0;
    return {
      number: item.number,
      group: item.group,
      kinds: [...item.kinds],
      title: item.title,
      question: item.question,
      status: !automated && attestation ? ANSWER_STATUS[attestation.answer] : itemStatus(counts),
      checks: checksRun.filter((meta) => mapped(meta.ipaItems)).map((meta) => meta.id),
      counts,
      ...(attestation ? { attestation } : {}),
    };
  });
}
