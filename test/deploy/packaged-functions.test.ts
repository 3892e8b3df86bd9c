import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageService, unzipTo } from "../../deploy/package-service.ts";
import type { Feed } from "../../feed/schema.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../simulator/google/server.ts";
import { EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_CLIENT_SECRET, EXAMPLE_CO_TENANT_ID, exampleCoTenant } from "../../simulator/microsoft/example-co.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator } from "../../simulator/microsoft/server.ts";
import { latestKey } from "../../store/s3-layout.ts";
import { readObjectText } from "../../store/s3-objects.ts";
import { startLambdaWorld, type LambdaWorld } from "../functions/lambda-world.ts";
import { motoAvailable } from "../support/moto.ts";

/**
 * The functions as Lambda runs them: each from its own zip, in a fresh Node.js process, with
 * its role's credentials in the environment and nothing else of this repository. What the
 * packaging leaves out or replaces (deploy/esbuild-plugins.mjs: the SDK's other credential
 * sources, browser-only modules) must not be missed by a real scan of all three clouds.
 */

const TENANT = "packaged-co";
const run = promisify(execFile);

let out: string;
let world: LambdaWorld;
let aws: AwsSimulator;
let m365: MicrosoftSimulator;
let workspace: GoogleSimulator;
let caFile: string;

/** Runs `functions/<file>.mjs` of `<name>.zip` on one event, as a new Lambda execution environment would. */
async function invoke(name: string, file: string, event: unknown): Promise<unknown> {
  const handler = join(out, name, "functions", `${file}.mjs`);
  const script = `const { handler } = await import(${JSON.stringify(handler)});
const end = Date.now() + 900000;
const result = await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => end - Date.now() });
process.stdout.write("\\nRESULT " + JSON.stringify(result ?? null) + "\\n");`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: join(out, name),
    // Only what Lambda would set: the role's keys, the region, the function's variables.
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: caFile, ...world.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`${name} printed no result:\n${stdout}`);
  return JSON.parse(line.slice("RESULT ".length));
}

describe.runIf(motoAvailable())("the packaged functions, each from its zip in a fresh process", () => {
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "cloud15-packaged-"));
    await packageService({ stage: "prod", outDir: out });
    for (const zip of (await readdir(out)).filter((f) => f.endsWith(".zip"))) {
      await unzipTo(await readFile(join(out, zip)), join(out, zip.slice(0, -".zip".length)));
    }
    world = await startLambdaWorld();
    aws = await startAwsSimulator({ account: { ...exampleCoAccount(), requiredExternalId: "ext-packaged" } });
    m365 = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    workspace = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
    caFile = join(out, "microsoft-simulator-ca.pem");
    await writeFile(caFile, m365.caCertificatePem);
    await world.ssm.send(new PutParameterCommand({ Name: `${world.ssmPrefix}/secrets/graph`, Type: "SecureString", Value: EXAMPLE_CO_CLIENT_SECRET }));
    await world.ssm.send(new PutParameterCommand({ Name: `${world.ssmPrefix}/secrets/google-key`, Type: "SecureString", Value: workspace.serviceAccountKey }));
    await world.uploadConfig({ tenants: [{
      id: TENANT,
      name: "Packaged Co.",
      aws: { region: "ap-northeast-1", endpoint: aws.endpoint, roleArn: "arn:aws:iam::123456789012:role/cloud15-readonly", externalId: "ext-packaged" },
      microsoft: {
        tenantId: EXAMPLE_CO_TENANT_ID, clientId: EXAMPLE_CO_CLIENT_ID, clientSecret: { ssm: `${world.ssmPrefix}/secrets/graph` },
        graphUrl: m365.origin, authorityHost: m365.origin,
      },
      google: { adminEmail: EXAMPLE_CO_ADMIN, serviceAccountKey: { ssm: `${world.ssmPrefix}/secrets/google-key` }, rootUrl: workspace.rootUrl, tokenUrl: workspace.tokenUrl },
    }] });
  }, 180_000);
  afterAll(async () => {
    await Promise.all([aws?.stop(), m365?.stop(), workspace?.stop()]);
    await world?.stop();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("dispatch queues a round for each cloud, and the three scan functions collect it and store one feed", async () => {
    expect(await invoke("dispatch", "dispatch", {})).toEqual({ queued: [TENANT], skipped: [] });
    const queued = await world.drainScanQueues();
    expect(queued.map((q) => q.provider).sort()).toEqual(["aws", "google", "microsoft"]);
    const event = (provider: string) => queued.find((q) => q.provider === provider)!.event;

    expect(await invoke("scanAws", "scan-aws", event("aws"))).toEqual([expect.objectContaining({ outcome: "saved" })]);
    expect(await invoke("scanGoogle", "scan-google", event("google"))).toEqual([expect.objectContaining({ outcome: "saved" })]);
    expect(await invoke("scanMicrosoft", "scan-microsoft", event("microsoft"))).toEqual([expect.objectContaining({ outcome: "stored" })]);

    const feed = JSON.parse((await readObjectText(world.s3, world.bucket, latestKey(TENANT)))!) as Feed;
    expect(feed.scan.providers.map((p) => [p.provider, p.status, p.errors])).toEqual([["aws", "ok", []], ["microsoft", "ok", []], ["google", "ok", []]]);
    // Each cloud was read through its own sign-in: the role, the app's token, the delegated JWTs.
    expect(aws.calls.AssumeRole).toBe(1);
    expect(m365.calls.token).toBe(1);
    expect(workspace.calls.token).toBeGreaterThan(0);
    for (const provider of ["aws", "microsoft", "google"]) {
      expect(feed.findings.filter((f) => f.provider === provider && f.status === "fail").length).toBeGreaterThan(0);
    }
  });
});
