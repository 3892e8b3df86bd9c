import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { BackupClient } from "@aws-sdk/client-backup";
import { IAMClient } from "@aws-sdk/client-iam";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsTenantConfig } from "../../config/schema.ts";
import type { ServiceConcurrency } from "./service-concurrency.ts";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientTuning {
  /** Attempts per call, the first included; throttling and 5xx are retried with backoff. */
  maxAttempts: number;
  /** One attempt that gets no answer within this many ms fails (the SDK alone would only log). */
  requestTimeoutMs: number;
  /**
   * One operation, every attempt and backoff wait included, ends after this many ms. Without
   * it a hung endpoint could hold a call for maxAttempts × requestTimeoutMs (4 × 30 s).
   */
  operationBudgetMs: number;
  /** Sockets per host; above the service families' limits together, so those are what limit. */
  maxSockets: number;
}

/** 45 s per operation: one slow 30 s attempt plus room for quick retries of transient errors. */
export const DEFAULT_TUNING: ClientTuning = { maxAttempts: 4, requestTimeoutMs: 30_000, operationBudgetMs: 45_000, maxSockets: 128 };

/** The SDK clients for one tenant. S3 and Backup are regional; clients are made per region on first use. */
export class AwsClients {
  readonly sts: STSClient;
  private readonly common: Record<string, unknown>;
  private iamClient?: IAMClient;
  private s3ControlClient?: S3ControlClient;
  private readonly s3Clients = new Map<string, S3Client>();
  private readonly backupClients = new Map<string, BackupClient>();
  private readonly taggingClients = new Map<string, ResourceGroupsTaggingAPIClient>();
  private readonly extra: STSClient[] = [];
  private readonly others = new Map<unknown, Map<string, { destroy(): void }>>();
  private readonly adopted: { destroy(): void }[] = [];

  constructor(
    private readonly config: AwsTenantConfig,
    credentials: AwsCredentials | undefined,
    tuning: ClientTuning,
    private readonly limits: ServiceConcurrency,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: tuning.maxSockets, noDelay: true };
    this.common = {
      maxAttempts: tuning.maxAttempts,
      retryMode: "standard",
      // Resolving a command's middleware stack costs more CPU than the rest of a call's
      // client-side work; cached, it is resolved once per command and client (see `observed`).
      cacheMiddleware: true,
      ...(credentials ? { credentials } : {}),
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      requestHandler: new DeadlineHttpHandler({
        connectionTimeout: 5_000,
        requestTimeout: tuning.requestTimeoutMs,
        throwOnRequestTimeout: true,
        httpAgent: new HttpAgent(agentOptions),
        httpsAgent: new HttpsAgent(agentOptions),
      }),
    };
    this.sts = this.observed("sts", new STSClient({ ...this.common, region: config.region }));
  }

  /** Switches every client made from now on to the assumed role's temporary credentials. */
  useCredentials(credentials: AwsCredentials): void {
    this.common.credentials = credentials;
  }

  /** An STS client on the current credentials (after AssumeRole). */
  freshSts(): STSClient {
    const sts = this.observed("sts", new STSClient({ ...this.common, region: this.config.region }));
    this.extra.push(sts);
    return sts;
  }

  get iam(): IAMClient {
    this.iamClient ??= this.observed("iam", new IAMClient({ ...this.common, region: this.config.region }));
    return this.iamClient;
  }

  get s3Control(): S3ControlClient {
    const endpoint = this.config.endpoint;
    // S3 Control's endpoint rules put the account id in front of the host
    // (`123456789012.127.0.0.1`, not even a valid URL); a custom endpoint is used as it is.
    this.s3ControlClient ??= this.observed("s3", new S3ControlClient({
      ...this.common,
      region: this.config.region,
      ...(endpoint ? { endpointProvider: () => ({ url: new URL(endpoint) }) } : {}),
    }));
    return this.s3ControlClient;
  }

  s3(region: string): S3Client {
    return regional(this.s3Clients, region, () =>
      this.observed("s3", new S3Client({ ...this.common, region, forcePathStyle: Boolean(this.config.endpoint) })));
  }

  backup(region: string): BackupClient {
    return regional(this.backupClients, region, () => this.observed("backup", new BackupClient({ ...this.common, region })));
  }

  tagging(region: string): ResourceGroupsTaggingAPIClient {
    return regional(this.taggingClients, region, () => this.observed("tag", new ResourceGroupsTaggingAPIClient({ ...this.common, region })));
  }

  /**
   * Tells the family's limit about every attempt the service throttled, the SDK's own retries
   * included: placed inside the retry loop, it sees each attempt's error, not only the last.
   * `family` is the IAM prefix of the client's actions, as the caller names families.
   *
   * The SDK uses its cached handler only for a call sent without options, so a call's deadline
   * (`{ abortSignal }`, from AwsCaller) is taken off it here and travels with its input instead,
   * to the request that DeadlineHttpHandler sends: the deadline still ends the attempt in flight.
   */
  private observed<C extends ObservableClient>(family: string, client: C): C {
    client.middlewareStack.addRelativeTo(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (err) {
          this.limits.attemptFailed(family, err);
          throw err;
        }
      },
      { relation: "after", toMiddleware: "retryMiddleware", name: "cloud15ThrottleObserver" },
    );
    // In the last step the request is the one sent: signing, which copies it, is done.
    client.middlewareStack.add(
      (next: (args: { input: object; request: object }) => Promise<unknown>) => (args: { input: object; request: object }) => {
        const deadline = deadlineOfInput.get(args.input);
        if (deadline) deadlineOfRequest.set(args.request, deadline);
        return next(args);
      },
      { step: "deserialize", priority: "low", name: "cloud15Deadline" },
    );
    const send = client.send.bind(client);
    client.send = (command, options) => {
      if (options?.abortSignal === undefined || Object.keys(options).length !== 1) return send(command, options);
      deadlineOfInput.set(command.input, options.abortSignal);
      return send(command);
    };
    return client;
  }

  /**
   * A client of any other service, on the same endpoint, credentials and tuning, one per
   * region; destroyed with the rest.
   */
  client<C extends { destroy(): void }>(Client: new (config: Record<string, unknown>) => C, region: string): C {
    const byRegion = this.others.get(Client) ?? this.others.set(Client, new Map()).get(Client)!;
    return regional(byRegion, region, () => new Client({ ...this.common, region })) as C;
  }

  /**
   * What a client made elsewhere for `region` needs to behave as these do (credentials,
   * endpoint, retries, timeouts, sockets): regional.ts loads its SDK clients only when it runs.
   */
  configFor(region: string): Record<string, unknown> & { region: string } {
    return { ...this.common, region };
  }

  /** A client made from `configFor`, destroyed with these; its throttles count against `family`. */
  adopt<C extends ObservableClient & { destroy(): void }>(family: string, client: C): C {
    this.adopted.push(this.observed(family, client));
    return client;
  }

  destroy(): void {
    for (const byRegion of this.others.values()) for (const c of byRegion.values()) c.destroy();
    const all = [this.sts, ...this.extra, ...this.adopted, this.iamClient, this.s3ControlClient, ...this.s3Clients.values(),
      ...this.backupClients.values(), ...this.taggingClients.values()];
    for (const c of all) {
      c?.destroy();
    }
  }
}

export interface ObservableClient {
  middlewareStack: {
    addRelativeTo(middleware: unknown, options: { relation: "after"; toMiddleware: string; name: string }): void;
    add(middleware: unknown, options: { step: "deserialize"; priority: "low"; name: string }): void;
  };
  send(command: { input: object }, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Each call's deadline by its command's input, then by the request sent for it (see `observed`). */
const deadlineOfInput = new WeakMap<object, AbortSignal>();
const deadlineOfRequest = new WeakMap<object, AbortSignal>();

/** Sends each request with its call's deadline, which a cached handler cannot pass itself. */
class DeadlineHttpHandler extends NodeHttpHandler {
  override handle(...[request, options = {}]: Parameters<NodeHttpHandler["handle"]>): ReturnType<NodeHttpHandler["handle"]> {
    const abortSignal = options.abortSignal ?? deadlineOfRequest.get(request);
    return super.handle(request, abortSignal ? { ...options, abortSignal } : options);
  }
}

function regional<C>(clients: Map<string, C>, region: string, make: () => C): C {
  let client = clients.get(region);
  if (!client) {
    client = make();
    clients.set(region, client);
  }
  return client;
}

/** AssumeRole with the tenant's ExternalId; the session name shows in the customer's CloudTrail. */
export async function assumeTenantRole(sts: STSClient, roleArn: string, externalId: string | undefined): Promise<AwsCredentials> {
  const out = await sts.send(new AssumeRoleCommand({
    RoleArn: roleArn,
    RoleSessionName: "cloud15-scan",
    DurationSeconds: 3600,
    ...(externalId ? { ExternalId: externalId } : {}),
  }));
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole returned no credentials");
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}
