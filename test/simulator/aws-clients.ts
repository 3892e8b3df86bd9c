import { BackupClient } from "@aws-sdk/client-backup";
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from "@aws-sdk/client-iam";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { STSClient } from "@aws-sdk/client-sts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const TEST_CREDENTIALS = { accessKeyId: "AKIATESTSIMULATOR00", secretAccessKey: "simulator-secret" };

export interface ClientOptions {
  region?: string;
  maxAttempts?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * The real SDK clients pointed at a local endpoint (the simulator or moto). S3 Control gets an
 * `endpointProvider`: its endpoint rules put the account id in front of the host
 * (`123456789012.127.0.0.1`), which `disableHostPrefix` does not prevent.
 */
export function awsClients(endpoint: string, opts: ClientOptions = {}) {
  const region = opts.region ?? "ap-northeast-1";
  const common = {
    region,
    credentials: opts.credentials ?? TEST_CREDENTIALS,
    ...(opts.maxAttempts === undefined ? {} : { maxAttempts: opts.maxAttempts }),
  };
  return {
    s3: new S3Client({ ...common, endpoint, forcePathStyle: true }),
    s3control: new S3ControlClient({ ...common, endpointProvider: () => ({ url: new URL(endpoint) }) }),
    iam: new IAMClient({ ...common, endpoint, region: "us-east-1" }),
    sts: new STSClient({ ...common, endpoint }),
    backup: new BackupClient({ ...common, endpoint }),
    tagging: new ResourceGroupsTaggingAPIClient({ ...common, endpoint }),
  };
}

/** The error a call rejects with, for asserting on `name` and `$metadata`. */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

/** Polls GenerateCredentialReport the way a scanner must, then fetches and parses the CSV. */
export async function fetchCredentialReport(iam: IAMClient) {
  for (let attempt = 0; ; attempt++) {
    if ((await iam.send(new GenerateCredentialReportCommand({}))).State === "COMPLETE") break;
    if (attempt === 20) throw new Error("credential report never completed");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const out = await iam.send(new GetCredentialReportCommand({}));
  const [header, ...lines] = Buffer.from(out.Content!).toString("utf8").trim().split("\n");
  const columns = header!.split(",");
  const rows = lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [columns[i]!, v])));
  return { out, columns, rows };
}
