import type { AttributeValue, DynamoDBClient, WriteRequest } from "@aws-sdk/client-dynamodb";
import type { Feed, FeedFinding } from "../feed/schema.ts";
import { batchWrite, queryPrefix } from "./dynamo-items.ts";
import { SORT_KEY, tenantPartition } from "./dynamo-keys.ts";
import type { FindingStateRecorder } from "./s3-feed-store.ts";

/** Where a finding stands after the latest scan: what the ticket sync and queries need, no more. */
export interface FindingState {
  id: string;
  checkId: string;
  provider: string;
  severity: string;
  status: string;
  state: NonNullable<FeedFinding["state"]>;
  resourceUid: string;
  resourceName: string;
  firstSeen: string;
  lastSeen: string;
  scanId: string;
}

/**
 * The state of every finding with a lifecycle (`new`, `open`, `resolved`), one item each,
 * replaced as a whole by every stored feed. Findings that always passed have no lifecycle and
 * no item: the table grows with a tenant's problems, not with its resources.
 */
export class DynamoFindingState implements FindingStateRecorder {
  constructor(private readonly ddb: DynamoDBClient, private readonly table: string) {}

  async record(feed: Feed): Promise<void> {
    const pk = tenantPartition(feed.tenant.id);
    const tracked = feed.findings.filter((f) => f.state !== undefined);
    const keep = new Set(tracked.map((f) => SORT_KEY.findingPrefix + f.id));
    const stale = (await this.sortKeys(pk)).filter((sk) => !keep.has(sk));
    const requests: WriteRequest[] = [
      ...tracked.map((f) => ({ PutRequest: { Item: toItem(pk, feed.scan.id, f) } })),
      ...stale.map((sk) => ({ DeleteRequest: { Key: { pk: { S: pk }, sk: { S: sk } } } })),
    ];
    await batchWrite(this.ddb, this.table, requests);
  }

  async list(tenantId: string): Promise<FindingState[]> {
    return (await queryPrefix(this.ddb, this.table, tenantPartition(tenantId), SORT_KEY.findingPrefix)).map(fromItem);
  }

  private async sortKeys(pk: string): Promise<string[]> {
    return (await queryPrefix(this.ddb, this.table, pk, SORT_KEY.findingPrefix, "sk")).map((item) => item.sk!.S!);
  }
}

function toItem(pk: string, scanId: string, f: FeedFinding): Record<string, AttributeValue> {
  return {
    pk: { S: pk },
    sk: { S: SORT_KEY.findingPrefix + f.id },
    checkId: { S: f.checkId },
    provider: { S: f.provider },
    severity: { S: f.severity },
    status: { S: f.status },
    state: { S: f.state! },
    resourceUid: { S: f.resource.uid },
    resourceName: { S: f.resource.name },
    firstSeen: { S: f.firstSeen },
    lastSeen: { S: f.lastSeen },
    scanId: { S: scanId },
  };
}

function fromItem(item: Record<string, AttributeValue>): FindingState {
  const s = (name: string) => item[name]?.S ?? "";
  return {
    id: s("sk").slice(SORT_KEY.findingPrefix.length),
    checkId: s("checkId"),
    provider: s("provider"),
    severity: s("severity"),
    status: s("status"),
    state: s("state") as FindingState["state"],
    resourceUid: s("resourceUid"),
    resourceName: s("resourceName"),
    firstSeen: s("firstSeen"),
    lastSeen: s("lastSeen"),
    scanId: s("scanId"),
  };
}
