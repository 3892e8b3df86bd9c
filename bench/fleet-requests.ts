/**
 * What the functions ask of the deployment's own S3, DynamoDB and SQS, counted the way AWS
 * bills it: every attempt is a request; S3 splits PUT-class (PUT, COPY, POST, LIST) from
 * GET-class, DELETE is free; DynamoDB on demand bills a write per started 1 KB of the item
 * and a strongly consistent read per started 4 KB (half for an eventually consistent one), a
 * Query by the summed size of the items it returns, with item sizes as DynamoDB counts them
 * (docs: "DynamoDB item sizes and formats"). An UpdateItem is billed by the whole item, which
 * the request does not show: it is counted by the size of its request, which for this
 * deployment's only updated item (a tenant's scan round, under 1 KB) gives the same 1 unit.
 */
export interface ServiceRequests {
  s3Put: number;
  s3Get: number;
  dynamoWru: number;
  dynamoRru: number;
  sqs: number;
  /** Attempts by operation, for the curious. */
  operations: Record<string, number>;
}

interface Watchable {
  middlewareStack: { add(middleware: unknown, options: { step: "deserialize" | "initialize"; name: string }): void };
  config: { serviceId?: string };
}

const S3_PUT_CLASS = new Set(["PutObjectCommand", "CopyObjectCommand", "ListObjectsV2Command", "ListObjectsCommand", "CreateMultipartUploadCommand", "UploadPartCommand", "CompleteMultipartUploadCommand"]);
const S3_FREE = new Set(["DeleteObjectCommand", "DeleteObjectsCommand"]);

export function emptyRequests(): ServiceRequests {
  return { s3Put: 0, s3Get: 0, dynamoWru: 0, dynamoRru: 0, sqs: 0, operations: {} };
}

export class RequestMeter {
  private counts = emptyRequests();

  /** Counts every attempt `client` sends from now on; returns the client. */
  watch<C>(client: C): C {
    const c = client as unknown as Watchable;
    // Inside the retries: every attempt is counted.
    c.middlewareStack.add((next: (args: unknown) => Promise<unknown>, context: { commandName: string; clientName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        this.count(context.clientName ?? "", context.commandName, args.input);
        return next(args);
      }, { step: "deserialize", name: "cloud15FleetRequestMeter" });
    // Outside them, where the answer is parsed: a read is billed by what it returned.
    c.middlewareStack.add((next: (args: unknown) => Promise<{ output: Record<string, unknown> }>, context: { commandName: string; clientName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        const result = await next(args);
        if ((context.clientName ?? "").startsWith("DynamoDB")) this.counts.dynamoRru += readUnits(context.commandName, args.input, result.output);
        return result;
      }, { step: "initialize", name: "cloud15FleetReadMeter" });
    return client;
  }

  /** The counts since the last take, and a fresh start. */
  take(): ServiceRequests {
    const counts = this.counts;
    this.counts = emptyRequests();
    return counts;
  }

  private count(client: string, command: string, input: Record<string, unknown>): void {
    const c = this.counts;
    c.operations[command] = (c.operations[command] ?? 0) + 1;
    if (client.startsWith("S3")) {
      if (S3_PUT_CLASS.has(command)) c.s3Put++;
      else if (!S3_FREE.has(command)) c.s3Get++;
    } else if (client.startsWith("DynamoDB")) {
      c.dynamoWru += writeUnits(command, input);
    } else if (client.startsWith("SQS")) {
      c.sqs++;
    }
  }
}

type Value = Record<string, unknown>;

/** An attribute value's size as DynamoDB counts it (its name is counted by the caller). */
function valueBytes(v: Value): number {
  if (typeof v.S === "string") return Buffer.byteLength(v.S);
  if (typeof v.N === "string") return Math.ceil(v.N.replace(/^[-0.]+|\.|0+$/g, "").length / 2) + 1;
  if (v.B instanceof Uint8Array) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (Array.isArray(v.L)) return 3 + (v.L as Value[]).reduce((n, e) => n + 1 + valueBytes(e), 0);
  if (v.M && typeof v.M === "object") return 3 + Object.entries(v.M as Record<string, Value>).reduce((n, [k, e]) => n + 1 + Buffer.byteLength(k) + valueBytes(e), 0);
  if (Array.isArray(v.SS)) return (v.SS as string[]).reduce((n, e) => n + Buffer.byteLength(e), 0);
  if (Array.isArray(v.NS)) return (v.NS as string[]).reduce((n, e) => n + valueBytes({ N: e }), 0);
  return 0;
}

export function itemBytes(item: Record<string, Value> | undefined): number {
  return Object.entries(item ?? {}).reduce((n, [name, v]) => n + Buffer.byteLength(name) + valueBytes(v), 0);
}

const units = (bytes: number, per: number) => Math.max(1, Math.ceil(bytes / per));

function writeUnits(command: string, input: Record<string, unknown>): number {
  switch (command) {
    case "PutItemCommand":
      return units(itemBytes(input.Item as Record<string, Value>), 1024);
    case "UpdateItemCommand":
    case "DeleteItemCommand":
      return units(Buffer.byteLength(JSON.stringify(input)), 1024);
    case "BatchWriteItemCommand": {
      const requests = Object.values((input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: Record<string, Value> } }[]>).flat();
      // A delete is billed by the size of the item it deletes: the finding items are far under 1 KB.
      return requests.reduce((n, r) => n + (r.PutRequest ? units(itemBytes(r.PutRequest.Item), 1024) : 1), 0);
    }
    case "TransactWriteItemsCommand":
      return ((input.TransactItems ?? []) as unknown[]).reduce<number>((n, r) => n + 2 * units(Buffer.byteLength(JSON.stringify(r)), 1024), 0);
    default:
      return 0;
  }
}

function readUnits(command: string, input: Record<string, unknown>, output: Record<string, unknown>): number {
  const consistency = input.ConsistentRead === true ? 1 : 0.5;
  switch (command) {
    case "GetItemCommand":
      return consistency * units(itemBytes(output.Item as Record<string, Value> | undefined), 4096);
    case "QueryCommand":
    case "ScanCommand":
      // Projected attributes do not lower the bill: it is the items' whole size, which a projected answer does not show.
      return consistency * units(((output.Items ?? []) as Record<string, Value>[]).reduce((n, i) => n + itemBytes(i), 0), 4096);
    default:
      return 0;
  }
}
