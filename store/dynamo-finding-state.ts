import { GetItemCommand, PutItemCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from "@aws-sdk/client-dynamodb";
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
 * The state of every finding with a lifecycle (`new`, `open`, `resolved`), one item each, as
 * of the latest stored feed. Findings that always passed have no lifecycle and no item: the
 * table grows with a tenant's problems, not with its resources.
 *
 * A finding still failing night after night changes nothing but its last-seen time, which is
 * when its provider was scanned: that is kept once per tenant (`finding-state`: the feed it is
 * as of, and when each provider of it was scanned; the hourly shop round carries the clouds'
 * night), and on a finding's item only when it differs (a finding carried from an earlier
 * scan). So a round writes the findings whose state changed, not every open one again: a large
 * tenant's ~1,900 open findings cost ~1,900 write units a round when rewritten, a handful when not.
 */
export class DynamoFindingState implements FindingStateRecorder {
  constructor(private readonly ddb: DynamoDBClient, private readonly table: string) {}

  async record(feed: Feed): Promise<void> {
    const pk = tenantPartition(feed.tenant.id);
    const seen = seenTimes(feed);
    // Reads are billed by the items' whole size even when projected: reading them whole costs no more.
    const stored = new Map((await queryPrefix(this.ddb, this.table, pk, SORT_KEY.findingPrefix)).map((item) => [item.sk!.S!, item]));
    const requests: WriteRequest[] = [];
    for (const finding of feed.findings) {
      if (finding.state === undefined) continue;
      const item = toItem(pk, seen[finding.provider] ?? feed.scan.startedAt, finding);
      const before = stored.get(item.sk!.S!);
      stored.delete(item.sk!.S!);
      if (!before || !sameItem(before, item)) requests.push({ PutRequest: { Item: item } });
    }
    for (const sk of stored.keys()) requests.push({ DeleteRequest: { Key: { pk: { S: pk }, sk: { S: sk } } } });
    await batchWrite(this.ddb, this.table, requests);
    // Last: until it is written, the items unchanged tonight still read as of the previous feed, which they also were.
    await this.ddb.send(new PutItemCommand({
      TableName: this.table,
      Item: {
        pk: { S: pk },
        sk: { S: SORT_KEY.findingStateAsOf },
        scanId: { S: feed.scan.id },
        seenAt: { S: feed.scan.startedAt },
        seen: { M: Object.fromEntries(Object.entries(seen).map(([provider, at]) => [provider, { S: at }])) },
      },
    }));
  }

  async list(tenantId: string): Promise<FindingState[]> {
    const pk = tenantPartition(tenantId);
    const asOf = (await this.ddb.send(new GetItemCommand({
      TableName: this.table, Key: { pk: { S: pk }, sk: { S: SORT_KEY.findingStateAsOf } }, ConsistentRead: true,
    }))).Item;
    return (await queryPrefix(this.ddb, this.table, pk, SORT_KEY.findingPrefix)).map((item) => fromItem(item, asOf));
  }
}

/** When each provider of the feed was scanned: now, or for one the round left out, the scan that did. */
function seenTimes(feed: Feed): Record<string, string> {
  return Object.fromEntries(feed.scan.providers.map((p) => [p.provider, p.lastScan?.startedAt ?? feed.scan.startedAt]));
}

function toItem(pk: string, seenAt: string, f: FeedFinding): Record<string, AttributeValue> {
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
    ...(f.lastSeen !== seenAt ? { lastSeen: { S: f.lastSeen } } : {}),
  };
}

/** Items written by this class hold strings only. */
function sameItem(a: Record<string, AttributeValue>, b: Record<string, AttributeValue>): boolean {
  const names = Object.keys(b);
  return Object.keys(a).length === names.length && names.every((name) => a[name]?.S !== undefined && a[name]!.S === b[name]!.S);
}

function fromItem(item: Record<string, AttributeValue>, asOf: Record<string, AttributeValue> | undefined): FindingState {
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
    // Items written before the as-of item existed carry both themselves (and differ from tonight's, so the next feed rewrites them).
    lastSeen: item.lastSeen?.S ?? asOf?.seen?.M?.[s("provider")]?.S ?? asOf?.seenAt?.S ?? "",
    scanId: asOf?.scanId?.S ?? s("scanId"),
  };
}
