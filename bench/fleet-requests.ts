/**
 * What the functions ask of the deployment's own S3, DynamoDB and SQS, counted the way AWS
 * bills it: every attempt is a request; S3 splits PUT-class (PUT, COPY, POST, LIST) from
 * GET-class; DynamoDB on demand bills a write per 1 KB of item (twice in a transaction) and a
 * strongly consistent read per 4 KB (this table's items are small: one unit per item read).
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
  middlewareStack: { add(middleware: unknown, options: { step: "deserialize"; name: string }): void };
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
    c.middlewareStack.add((next: (args: unknown) => Promise<unknown>, context: { commandName: string; clientName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        this.count(context.clientName ?? "", context.commandName, args.input);
        return next(args);
      }, { step: "deserialize", name: "cloud15FleetRequestMeter" });
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
      const { reads, writes } = dynamoUnits(command, input);
      c.dynamoRru += reads;
      c.dynamoWru += writes;
    } else if (client.startsWith("SQS")) {
      c.sqs++;
    }
  }
}

const kb = (value: unknown) => Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(value ?? {})) / 1024));

function dynamoUnits(command: string, input: Record<string, unknown>): { reads: number; writes: number } {
  switch (command) {
    case "GetItemCommand":
    case "QueryCommand":
      return { reads: 1, writes: 0 };
    case "PutItemCommand":
      return { reads: 0, writes: kb(input.Item) };
    case "UpdateItemCommand":
    case "DeleteItemCommand":
      return { reads: 0, writes: kb(input) };
    case "BatchWriteItemCommand": {
      const requests = Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).flat();
      return { reads: 0, writes: requests.reduce<number>((n, r) => n + kb(r), 0) };
    }
    case "TransactWriteItemsCommand": {
      const items = (input.TransactItems ?? []) as unknown[];
      return { reads: 0, writes: items.reduce<number>((n, r) => n + 2 * kb(r), 0) };
    }
    default:
      return { reads: 1, writes: 0 };
  }
}
