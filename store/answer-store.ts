import type { StoredAnswer } from "../feed/answers.ts";

/**
 * Where the owner's answers live: a file in the data folder on a laptop, a DynamoDB table on
 * Lambda (partition key the tenant id, sort key `<at>#<id>`). Answers are only ever added:
 * a new answer supersedes an older one for the same item or question without erasing it, so
 * the history stays and no write can lose an earlier answer.
 */
export interface AnswerStore {
  /** Records one answer, whole or not at all. */
  append(tenantId: string, answer: StoredAnswer): Promise<void>;
  /** Every recorded answer of the tenant, oldest first. */
  list(tenantId: string): Promise<StoredAnswer[]>;
}
