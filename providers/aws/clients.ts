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
import type { ServiceFamily } from "./permissions.ts";
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

type SdkClient = ObservableClient & { destroy(): void };

/** A setting whose SDK default is no value: `undefined` given as it is would make the client look it up. */
const noValue = () => Promise.resolve(undefined);

/**
 * Settings each SDK client would otherwise look up for itself, when made or first used: in the
 * environment, then in the shared config files, then its default, every miss throwing and
 * catching an error with its stack trace. A scan makes some 80 clients (four services in every
 * enabled region): given these, a tiny tenant's scan invocation used 10% less CPU alone and 23%
 * less with ten at once on two cores (bench/fleet-crowding.ts, 2026-12-05). Each value here is
 * the SDK's default (test/providers/aws/client-settings.test.ts compares them with what a client
 * resolves by itself): standard endpoints, SigV4, no application id in the user agent. So these
 * settings of the environment or a profile (AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT,
 * AWS_AUTH_SCHEME_PREFERENCE, AWS_SDK_UA_APP_ID, AWS_SIGV4A_SIGNING_REGION_SET and S3's below)
 * do not reach the tenants' clients.
 */
export const SDK_DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  useFipsEndpoint: false,
  useDualstackEndpoint: false,
  authSchemePreference: [],
  userAgentAppId: noValue,
  sigv4aSigningRegionSet: noValue,
};

/** The S3 clients' own (AWS_S3_DISABLE_EXPRESS_SESSION_AUTH, AWS_REQUEST_CHECKSUM_CALCULATION, AWS_RESPONSE_CHECKSUM_VALIDATION, AWS_S3_USE_ARN_REGION). */
export const S3_DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  disableS3ExpressSessionAuth: false,
  requestChecksumCalculation: "WHEN_SUPPORTED",
  responseChecksumValidation: "WHEN_SUPPORTED",
  useArnRegion: noValue,
};

/**
 * The SDK clients for one tenant, each made on first use, one per service and region, by the
 * one way there is to make them (`client`): on the tenant's endpoint, credentials and tuning,
 * with every attempt it makes observed by its service family's limit, and destroyed with the rest.
 */
export class AwsClients {
  private readonly common: Record<string, unknown>;
  /** Per SDK client class, per region. */
  private readonly made = new Map<unknown, Map<string, SdkClient>>();
  /** Made on credentials since replaced: never handed out again, still destroyed. */
  private readonly retired: SdkClient[] = [];

  constructor(
    private readonly config: AwsTenantConfig,
    credentials: AwsCredentials | undefined,
    tuning: ClientTuning,
    private readonly limits: ServiceConcurrency,
  ) {
    const agentOptions = { keepAlive: true, maxSockets: tuning.maxSockets, noDelay: true };
    this.common = {
      ...SDK_DEFAULT_SETTINGS,
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
  }

  /** Every client handed out from now on uses the assumed role's temporary credentials. */
  useCredentials(credentials: AwsCredentials): void {
    this.common.credentials = credentials;
    for (const byRegion of this.made.values()) this.retired.push(...byRegion.values());
    this.made.clear();
  }

  get sts(): STSClient {
    return this.client("sts", STSClient, this.config.region);
  }

  get iam(): IAMClient {
    return this.client("iam", IAMClient, this.config.region);
  }

  get s3Control(): S3ControlClient {
    const endpoint = this.config.endpoint;
    // S3 Control's endpoint rules put the account id in front of the host
    // (`123456789012.127.0.0.1`, not even a valid URL); a custom endpoint is used as it is.
    return this.client("s3", S3ControlClient, this.config.region, {
      useArnRegion: S3_DEFAULT_SETTINGS.useArnRegion,
      ...(endpoint ? { endpointProvider: () => ({ url: new URL(endpoint) }) } : {}),
    });
  }

  s3(region: string): S3Client {
    return this.client("s3", S3Client, region, { ...S3_DEFAULT_SETTINGS, forcePathStyle: Boolean(this.config.endpoint) });
  }

  backup(region: string): BackupClient {
    return this.client("backup", BackupClient, region);
  }

  tagging(region: string): ResourceGroupsTaggingAPIClient {
    return this.client("tag", ResourceGroupsTaggingAPIClient, region);
  }

  /**
   * The client of `Client`'s service for `region`, made on first use. `family` is the prefix of
   * the service's IAM actions, the name its calls are limited by (permissions.ts): its
   * throttles count there. `extra`: the service's own settings, read when the client is made.
   * The SDK client class comes from the caller, so a service's SDK loads only with its module.
   */
  client<C extends SdkClient>(
    family: ServiceFamily,
    Client: new (config: Record<string, unknown>) => C,
    region: string,
    extra: Record<string, unknown> = {},
  ): C {
    const byRegion = this.made.get(Client) ?? this.made.set(Client, new Map()).get(Client)!;
    let client = byRegion.get(region) as C | undefined;
    if (!client) {
      client = this.observed(family, withReusedSigners(new Client({ ...this.common, ...extra, region })));
      byRegion.set(region, client);
    }
    return client;
  }

  /**
   * Tells the family's limit about every attempt the service throttled, the SDK's own retries
   * included: placed inside the retry loop, it sees each attempt's error, not only the last.
   * The SDK uses its cached handler only for a call sent without options, so a call's deadline
   * (`{ abortSignal }`, from AwsCaller) is taken off it here and travels with its input instead,
   * to the request that DeadlineHttpHandler sends: the deadline still ends the attempt in flight.
   */
  private observed<C extends ObservableClient>(family: ServiceFamily, client: C): C {
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

  destroy(): void {
    for (const c of this.retired) c.destroy();
    for (const byRegion of this.made.values()) for (const c of byRegion.values()) c.destroy();
  }
}

export interface ObservableClient {
  middlewareStack: {
    addRelativeTo(middleware: unknown, options: { relation: "after"; toMiddleware: string; name: string }): void;
    add(middleware: unknown, options: { step: "deserialize"; priority: "low"; name: string }): void;
  };
  send(command: { input: object }, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

type SignerProvider = (authScheme?: { name?: string; signingRegion?: string; signingName?: string }) => Promise<unknown>;

/**
 * The SDK makes a new signer for every call, copying the client's whole configuration into it,
 * although each call hands the signer its own region and service when it signs. One signer per
 * auth scheme, region and service signs the same; it still reads the credentials at each signing.
 */
function withReusedSigners<C extends SdkClient>(client: C): C {
  const config = (client as unknown as { config: { signer?: SignerProvider } }).config;
  const make = config.signer;
  if (typeof make !== "function") return client;
  const made = new Map<string, Promise<unknown>>();
  config.signer = (authScheme) => {
    const key = `${authScheme?.name}|${authScheme?.signingRegion}|${authScheme?.signingName}`;
    let signer = made.get(key);
    if (!signer) {
      signer = make(authScheme);
      made.set(key, signer);
      // A signer that could not be made is asked for again by the next call.
      signer.catch(() => made.delete(key));
    }
    return signer;
  };
  return client;
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
