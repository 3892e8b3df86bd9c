import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { isStoredAnswer, type StoredAnswer } from "../feed/answers.ts";
import type { AnswerStore } from "./answer-store.ts";
import { queryPrefix } from "./dynamo-items.ts";
import { SORT_KEY, tenantPartition } from "./dynamo-keys.ts";

/**
 * The owner's answers on Lambda: one item per answer (`sk = answer#<at>#<id>`), only ever
 * added, like the data folder's answers.jsonl. A put never replaces an item, so no answer can
 * overwrite another, and a query returns them in the order they were given.
 */
export class DynamoAnswerStore implements AnswerStore {
  constructor(private readonly ddb: DynamoDBClient, private readonly table: string) {}

  async append(tenantId: string, answer: StoredAnswer): Promise<void> {
    if (!isStoredAnswer(answer)) throw new Error("refusing to store an invalid answer");
    try {
      await this.ddb.send(new PutItemCommand({
        TableName: this.table,
        Item: {
          pk: { S: tenantPartition(tenantId) },
          sk: { S: `${SORT_KEY.answerPrefix}${answer.at}#${answer.id}` },
          answer: { S: JSON.stringify(answer) },
        },
        ConditionExpression: "attribute_not_exists(sk)",
      }));
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) throw new Error(`answer ${answer.id} of ${answer.at} is already recorded`);
      throw err;
    }
  }

  async list(tenantId: string): Promise<StoredAnswer[]> {
    const items = await queryPrefix(this.ddb, this.table, tenantPartition(tenantId), SORT_KEY.answerPrefix);
    // Same rule as the data folder: what is not a valid answer is not an answer.
    return items.map((item) => JSON.parse(item.answer?.S ?? "null") as unknown).filter(isStoredAnswer);
  }
}
