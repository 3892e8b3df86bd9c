import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unzipTo } from "../../deploy/package-service.ts";
import type { Feed } from "../../feed/schema.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { EXAMPLE_CO_ADMIN, exampleCoWorkspace } from "../../simulator/google/example-co.ts";
import { startGoogleSimulator, type GoogleSimulator } from "../../simulator/google/server.ts";
import { EXAMPLE_CO_CLIENT_ID, EXAMPLE_CO_CLIENT_SECRET, EXAMPLE_CO_TENANT_ID, exampleCoTenant } from "../../simulator/microsoft/example-co.ts";
import { startMicrosoftSimulator, type MicrosoftSimulator } from "../../simulator/microsoft/server.ts";
import { latestKey } from "../../store/s3-layout.ts";
import { readObjectText } from "../../store/s3-objects.ts";
import { startSimulatedShop, type SimulatedShop } from "../../simulator/site/server.ts";
import { exampleCoSites } from "../../simulator/site/example-co.ts";
import { startLambdaWorld, type LambdaWorld } from "../functions/lambda-world.ts";
import { startFakeTracker, type FakeTracker } from "../support/fake-tracker.ts";
import { motoAvailable } from "../support/moto.ts";
import { PACKAGING_MS } from "../support/busy-machine.ts";
import { prodPackage } from "./prod-package.ts";

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
let shop: SimulatedShop;
let hook: FakeTracker;
let caFile: string;

/** What the scheduler hands dispatch (serverless.yml): the clouds nightly, the shop hourly. */
const NIGHTLY = { providers: ["aws", "microsoft", "google"] };
const HOURLY_SHOP = { providers: ["site"] };

/** The webhook's deliveries, parsed: what the tracker heard, event and check. */
const heard = () => hook.requests.map((r) => JSON.parse(r.body) as { event: string; check: { id: string; provider: string } });

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

// Each invocation is a new Node.js process loading its bundle: a second of CPU, which a busy
// machine stretches to tens of seconds; a test makes up to ten of them.
describe.runIf(motoAvailable())("the packaged functions, each from its zip in a fresh process", { timeout: 600_000 }, () => {
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), "cloud15-packaged-"));
    // Packaging runs while the servers start.
    const unzipped = prodPackage().then(async (packaged) => {
      for (const zip of (await readdir(packaged)).filter((f) => f.endsWith(".zip"))) {
        await unzipTo(await readFile(join(packaged, zip)), join(out, zip.slice(0, -".zip".length)));
      }
    });
    world = await startLambdaWorld();
    aws = await startAwsSimulator({ account: { ...exampleCoAccount(), requiredExternalId: "ext-packaged" } });
    m365 = await startMicrosoftSimulator({ tenant: exampleCoTenant() });
    workspace = await startGoogleSimulator({ workspace: exampleCoWorkspace() });
    shop = await startSimulatedShop();
    hook = await startFakeTracker(() => ({ status: 200, body: { ok: true } }));
    // The simulators' own CAs, trusted the way a Lambda would be told to: NODE_EXTRA_CA_CERTS.
    caFile = join(out, "simulator-ca.pem");
    await writeFile(caFile, m365.caCertificatePem + shop.caCertificatePem);
    await unzipped;
    await world.ssm.send(new PutParameterCommand({ Name: `${world.ssmPrefix}/secrets/hook`, Type: "SecureString", Value: "whsec-packaged" }));
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
      sites: exampleCoSites(shop),
      tickets: [{ kind: "webhook", url: `${hook.url}/cloud15`, allowPrivateNetwork: true, secret: { ssm: `${world.ssmPrefix}/secrets/hook` }, minSeverity: "high" }],
    }] });
  }, PACKAGING_MS);
  afterAll(async () => {
    await Promise.all([aws?.stop(), m365?.stop(), workspace?.stop(), shop?.stop(), hook?.stop()]);
    await world?.stop();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("the nightly dispatch queues a round for each cloud, and the three scan functions collect it and store one feed", async () => {
    expect(await invoke("dispatch", "dispatch", NIGHTLY)).toEqual({ queued: [TENANT], skipped: [] });
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

  it("an hourly shop round after the nightly round keeps the clouds' findings and their tickets untouched, and a shop change gets its ticket", async () => {
    const readFeed = async () => JSON.parse((await readObjectText(world.s3, world.bucket, latestKey(TENANT)))!) as Feed;
    const nightly = await readFeed();
    const clouds = (feed: Feed) => feed.findings.filter((f) => f.provider !== "site" && f.provider !== "owner")
      .map((f) => [f.id, f.status, f.state, f.firstSeen, f.lastSeen, f.stale]);
    // What the night found is new in its own feed; the rounds after it carry it as open.
    const carried = (feed: Feed) => clouds(feed).map(([id, status, state, ...rest]) => [id, status, state === "new" ? "open" : state, ...rest]);
    const cloudTickets = heard().filter((h) => h.check.provider !== "site");
    expect(cloudTickets.length).toBeGreaterThan(0);
    expect(cloudTickets.every((h) => h.event === "opened")).toBe(true);

    const shopRound = async () => {
      expect(await invoke("dispatch", "dispatch", HOURLY_SHOP)).toEqual({ queued: [TENANT], skipped: [] });
      const queued = await world.drainScanQueues();
      expect(queued.map((q) => [q.provider, (q.body as { providers: string[] }).providers])).toEqual([["site", ["site"]]]);
      expect(await invoke("scanSite", "scan-site", queued[0]!.event)).toEqual([expect.objectContaining({ outcome: "stored" })]);
      return readFeed();
    };

    // The first shop round records the shop's baseline; the clouds stand as the night left them.
    const first = await shopRound();
    expect(first.scan.id).not.toBe(nightly.scan.id);
    expect(first.scan.providers.map((p) => [p.provider, p.status, p.lastScan?.id])).toEqual([
      ["aws", "ok", nightly.scan.id], ["microsoft", "ok", nightly.scan.id], ["google", "ok", nightly.scan.id], ["site", "ok", undefined],
    ]);
    expect(clouds(first)).toEqual(carried(nightly));
    expect(first.summary.new).toBe(first.findings.filter((f) => f.provider === "site" && f.state === "new").length);
    expect(first.scan.providers.find((p) => p.provider === "site")!.sites![0]).toMatchObject({ baseline: { source: "first_scan", by: "cloud15" } });
    expect(first.items.find((i) => i.number === 9)!.checks).toEqual(nightly.items.find((i) => i.number === 9)!.checks);

    // A skimmer in the shop's own script: the next hour finds it, and only its ticket is opened.
    shop.set({ skimmer: true });
    const heardBefore = hook.requests.length;
    const second = await shopRound();
    expect(clouds(second)).toEqual(carried(nightly));
    const changed = second.findings.find((f) => f.checkId === "site.scripts.content_changed" && f.status === "fail");
    expect(changed).toMatchObject({ state: "new", severity: "high" });
    const after = heard().slice(heardBefore);
    expect(after.map((h) => [h.event, h.check.id])).toEqual([["opened", "site.scripts.content_changed"]]);

    // The next night scans the clouds and carries the shop: its finding stays open, its ticket untouched.
    const heardBeforeNight = hook.requests.length;
    expect(await invoke("dispatch", "dispatch", NIGHTLY)).toEqual({ queued: [TENANT], skipped: [] });
    const queued = await world.drainScanQueues();
    expect(queued.map((q) => q.provider).sort()).toEqual(["aws", "google", "microsoft"]);
    for (const { provider, event } of queued) await invoke(`scan${provider[0]!.toUpperCase()}${provider.slice(1)}`, `scan-${provider}`, event);
    const night = await readFeed();
    expect(night.scan.providers.find((p) => p.provider === "site")).toMatchObject({ status: "ok", lastScan: { id: second.scan.id } });
    expect(night.findings.find((f) => f.id === changed!.id)).toEqual({ ...changed, state: "open" });
    expect(heard().slice(heardBeforeNight).filter((h) => h.check.provider === "site")).toEqual([]);
    expect(night.groups?.map((g) => g.id)).toEqual(["ec_site"]);
  });
});
