import { IPA_ITEMS, IPA_SOURCE_URL, type IpaItem } from "../checks/catalogue.ts";
import { fill, type Text } from "../checks/text.ts";
import { answersInForce, type AnswersInForce, type StoredAnswer } from "./answers.ts";
import { findingId } from "./finding-id.ts";
import { ANSWER_STATUS, countStatuses, itemStatus } from "./items.ts";
import type { AttestationAnswer, Feed, FeedFinding } from "./schema.ts";
import { selfCheckResult } from "./self-check.ts";
import { summarize } from "./summary.ts";

/**
 * The owner's answers applied to a feed: the 15-item grid, one `owner` finding per item the
 * answer decides, the self-check and the summary (score included). The same code serves the
 * scan, which stores the result, and the page, which applies answers given since the scan, so
 * the grid and the score change at once and the next scan agrees with what the page showed.
 */

export const OWNER_CHECK_PREFIX = "owner.item_";

export function isOwnerFinding(f: Pick<FeedFinding, "provider">): boolean {
  return f.provider === "owner";
}

/**
 * What an owner finding says. Each of the 15 items is one of IPA's essentials, so an answer
 * weighs like a high-severity check. `not_applicable` is `skipped`: it neither earns nor costs
 * score. `partly` is a problem still open, so it is a `fail`, but weighs less than `not_done`.
 */
const FINDING_FOR_ANSWER: Record<AttestationAnswer["answer"], Pick<FeedFinding, "status" | "severity">> = {
  done: { status: "pass", severity: "high" },
  partly: { status: "fail", severity: "medium" },
  not_done: { status: "fail", severity: "high" },
  not_applicable: { status: "skipped", severity: "high" },
};

const ANSWER_WORDS: Record<AttestationAnswer["answer"], Text> = {
  done: { ja: "実施済み", en: "done" },
  partly: { ja: "一部実施", en: "partly done" },
  not_done: { ja: "未実施", en: "not done" },
  not_applicable: { ja: "該当なし", en: "not applicable" },
};

const ANSWERED: Text = { ja: "回答: {answer}（{date}）", en: "Answered: {answer} ({date})" };
const ANSWERED_BY: Text = { ja: "回答: {answer}（{date}、{by}）", en: "Answered: {answer} ({date}, by {by})" };
const DETAIL: Text = {
  ja: "IPA「クラウドサービス安全利用のための15項目」の項目 {n}。質問: {question}",
  en: "Item {n} of IPA's 15 items for safe cloud use. Question: {question}",
};
const STEPS: Text = {
  ja: "1. 社内でこの項目について決め、必要なら IT 担当者や販売店に相談する\n2. 決めたことを記録する\n3. 結果ページの「15 の項目」で回答を更新する",
  en: "1. Decide on this item in the company, with your IT vendor or reseller if needed\n2. Write down what you decided\n3. Update your answer under “The 15 items” on the findings page",
};
const WHERE: Text = { ja: "結果ページ > 15 の項目 > 項目 {n}", en: "Findings page > The 15 items > Item {n}" };

export interface OwnerViewOptions {
  /** When the answers are applied: the scan's start, or the page's "now". */
  seenAt: string;
  /**
   * The page keeps an owner finding as the scan stored it while its verdict is unchanged, so
   * "new since the last scan" stays what the scan said; the scan itself compares as usual.
   */
  keepUnchanged: boolean;
}

export function withOwnerAnswers(
  feed: Feed,
  answers: AnswersInForce,
  previous: readonly FeedFinding[],
  options: OwnerViewOptions,
): Feed {
  const automated = feed.findings.filter((f) => !isOwnerFinding(f));
  const before = new Map(previous.filter(isOwnerFinding).map((f) => [f.id, f]));
  const ownerFindings: FeedFinding[] = [];

  const items = feed.items.map((item) => {
    const counts = countStatuses(automated.filter((f) => f.ipaItems.includes(item.number)));
    const attestation = answers.items[String(item.number)];
    // The scan's own results decide an item they cover; the answer is shown beside them.
    const decidedByScan = counts.pass + counts.fail + counts.error > 0;
    if (attestation && !decidedByScan) {
      const catalogued = IPA_ITEMS.find((i) => i.number === item.number)!;
      const at = answers.itemAnsweredAt.get(item.number) ?? attestationTime(attestation, options.seenAt);
      const id = findingId(feed.tenant.id, `${OWNER_CHECK_PREFIX}${item.number}`, tenantUid(feed.tenant.id));
      ownerFindings.push(ownerFinding(id, catalogued, feed.tenant, attestation, before.get(id), at, options));
    }
    const { attestation: _old, ...rest } = item;
    return {
      ...rest,
      counts,
      status: attestation && !decidedByScan ? ANSWER_STATUS[attestation.answer] : itemStatus(counts),
      ...(attestation ? { attestation } : {}),
    };
  });

  const findings = [...automated, ...ownerFindings];
  const selfCheck = selfCheckResult(answers.selfCheck);
  const { selfCheck: _oldSelfCheck, ...rest } = feed;
  return {
    ...rest,
    summary: summarize(findings),
    items,
    findings,
    ...(selfCheck ? { selfCheck } : {}),
  };
}

/** A pre-seeded answer has only a day; the start of it, unless that is after the scan. */
function attestationTime(attestation: AttestationAnswer, seenAt: string): string {
  const start = `${attestation.date}T00:00:00.000Z`;
  return start < seenAt ? start : seenAt;
}

function tenantUid(tenantId: string): string {
  return `cloud15:tenant:${tenantId}`;
}

function ownerFinding(
  id: string,
  item: IpaItem,
  tenant: Feed["tenant"],
  attestation: AttestationAnswer,
  prior: FeedFinding | undefined,
  answeredAt: string,
  { seenAt, keepUnchanged }: OwnerViewOptions,
): FeedFinding {
  const verdict = FINDING_FOR_ANSWER[attestation.answer];
  const words = (lang: keyof Text) => fill(attestation.by ? ANSWERED_BY : ANSWERED, {
    answer: ANSWER_WORDS[attestation.answer][lang], date: attestation.date, by: attestation.by ?? "",
  })[lang];
  const message = attestation.note
    ? { ja: `${words("ja")} ${attestation.note}`, en: `${words("en")} ${attestation.note}` }
    : { ja: words("ja"), en: words("en") };
  const question = (lang: keyof Text) => fill(DETAIL, { n: item.number, question: item.question[lang] })[lang];
  const finding: FeedFinding = {
    id,
    checkId: `${OWNER_CHECK_PREFIX}${item.number}`,
    provider: "owner",
    service: "ipa15",
    ...verdict,
    ipaItems: [item.number],
    resource: { uid: tenantUid(tenant.id), name: tenant.name, type: "cloud15::Tenant" },
    title: item.title,
    message,
    detail: { ja: question("ja"), en: question("en") },
    remediation: { steps: STEPS, consolePath: fill(WHERE, { n: item.number }), url: IPA_SOURCE_URL },
    evidence: {
      answer: attestation.answer,
      date: attestation.date,
      ...(attestation.by ? { by: attestation.by } : {}),
      ...(attestation.note ? { note: attestation.note } : {}),
    },
    // First seen when the owner said it; last seen when this scan or page view applied it.
    firstSeen: answeredAt,
    lastSeen: seenAt,
  };
  const wasFailing = prior?.status === "fail";
  if (keepUnchanged && prior && prior.status === finding.status) {
    return withState({ ...finding, firstSeen: prior.firstSeen, lastSeen: prior.lastSeen }, prior.state);
  }
  if (finding.status === "fail") {
    return wasFailing ? { ...finding, state: "open", firstSeen: prior!.firstSeen } : { ...finding, state: "new" };
  }
  if (wasFailing) return { ...finding, state: "resolved", firstSeen: prior!.firstSeen };
  return { ...finding, firstSeen: prior?.firstSeen ?? answeredAt };
}

function withState(finding: FeedFinding, state: FeedFinding["state"]): FeedFinding {
  return state ? { ...finding, state } : finding;
}

/**
 * The stored feed as the page shows it: answers recorded since the scan applied over the
 * feed's own. An owner finding whose verdict has not changed stays as the scan stored it.
 */
export function feedWithRecordedAnswers(feed: Feed, recorded: readonly StoredAnswer[], now: Date): Feed {
  const items = Object.fromEntries(feed.items.flatMap((i) => (i.attestation ? [[String(i.number), i.attestation]] : [])));
  const answers = answersInForce({ items, selfCheck: feed.selfCheck?.answers ?? [] }, recorded);
  return withOwnerAnswers(feed, answers, feed.findings, { seenAt: now.toISOString(), keepUnchanged: true });
}
