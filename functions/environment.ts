import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { SSMClient } from "@aws-sdk/client-ssm";
import type { Provider } from "../checks/framework.ts";

/**
 * What serverless.yml hands every function: names of the deployment's own resources, never a
 * secret. Secrets stay in SSM and are read at run time (secrets/).
 */
export interface LambdaEnvironment {
  bucket: string;
  table: string;
  /** Each provider's scan queue (the three clouds and the shop): dispatch fills them, each scan function re-enqueues on its own. */
  scanQueueUrls: Record<Provider, string>;
  /** SSM parameter path of this deployment, e.g. `/cloud15/prod`. */
  ssmPrefix: string;
}

const VARIABLES = {
  bucket: "CLOUD15_BUCKET",
  table: "CLOUD15_TABLE",
  ssmPrefix: "CLOUD15_SSM_PREFIX",
} as const satisfies Record<Exclude<keyof LambdaEnvironment, "scanQueueUrls">, string>;

const QUEUE_VARIABLES = {
  aws: "CLOUD15_AWS_SCAN_QUEUE_URL",
  microsoft: "CLOUD15_MICROSOFT_SCAN_QUEUE_URL",
  google: "CLOUD15_GOOGLE_SCAN_QUEUE_URL",
  site: "CLOUD15_SITE_SCAN_QUEUE_URL",
} as const satisfies Record<Provider, string>;

/** Read and checked once per container; a missing variable names itself instead of failing later as `undefined`. */
export function lambdaEnvironment(env: NodeJS.ProcessEnv = process.env): LambdaEnvironment {
  const missing = [...Object.values(VARIABLES), ...Object.values(QUEUE_VARIABLES)].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`cloud15: environment variables missing: ${missing.join(", ")} (set by serverless.yml)`);
  const read = (variables: Record<string, string>) => Object.fromEntries(Object.entries(variables).map(([key, name]) => [key, env[name]!]));
  return { ...read(VARIABLES), scanQueueUrls: read(QUEUE_VARIABLES) } as unknown as LambdaEnvironment;
}

/**
 * SDK clients of the deployment's own resources, created on first use and kept for the life
 * of the container. Region, credentials and (offline, in tests) `AWS_ENDPOINT_URL` come from
 * the environment, as the SDK reads them. One function each, so a bundle carries only the
 * clients its function uses.
 */
let s3: S3Client | undefined;
let dynamodb: DynamoDBClient | undefined;
let sqs: SQSClient | undefined;
let ssm: SSMClient | undefined;
export const s3Client = (): S3Client => (s3 ??= new S3Client({}));
export const dynamoClient = (): DynamoDBClient => (dynamodb ??= new DynamoDBClient({}));
export const sqsClient = (): SQSClient => (sqs ??= new SQSClient({}));
export const ssmClient = (): SSMClient => (ssm ??= new SSMClient({}));

/** The handler built on first call, so that importing a function module needs no environment. */
export function lazy<A extends unknown[], R>(build: () => (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let built: ((...args: A) => Promise<R>) | undefined;
  return (...args) => (built ??= build())(...args);
}
