import { randomUUID } from "node:crypto";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantConfig } from "../../config/schema.ts";
import { handler as scan } from "../../functions/scan-aws.ts";
import { createTicketsHandler } from "../../functions/tickets.ts";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsSimulator } from "../../simulator/aws/server.ts";
import { DynamoScanCheckpoints } from "../../store/dynamo-scan-checkpoints.ts";
import { DynamoTicketStore } from "../../store/dynamo-ticket-store.ts";
import { startFakeTracker, type FakeTracker } from "../support/fake-tracker.ts";
import { motoAvailable } from "../support/moto.ts";
import { lambdaContext, startLambdaWorld, type LambdaWorld } from "./lambda-world.ts";

const TENANT = "ticket-co";
const HOUR = 3_600_000;

let world: LambdaWorld;
let sim: AwsSimulator;
let hook: FakeTracker;
let trackerUp = false;

describe.runIf(motoAvailable())("ticket delivery on Lambda", () => {
  beforeAll(async () => {
    world = await startLambdaWorld();
    sim = await startAwsSimulator({ account: { ...exampleCoAccount(), requiredExternalId: "ext-ticket-co" } });
    hook = await startFakeTracker(() => (trackerUp ? { status: 200, body: { ok: true } } : { status: 503, body: { error: "maintenance" } }));
    // The webhook's signing secret lives in SSM under the deployment's prefix, as docs/deploy.md says.
    await world.ssm.send(new PutParameterCommand({ Name: `${world.ssmPrefix}/secrets/hook`, Type: "SecureString", Value: "whsec-test" }));
    const tenant: TenantConfig = {
      id: TENANT,
      name: "Ticket Co.",
      aws: { region: "ap-northeast-1", endpoint: sim.endpoint, roleArn: "arn:aws:iam::123456789012:role/cloud15-readonly", externalId: "ext-ticket-co" },
      tickets: [{ kind: "webhook", url: `${hook.url}/cloud15`, allowPrivateNetwork: true, secret: { ssm: `${world.ssmPrefix}/secrets/hook` }, minSeverity: "critical" }],
    };
    await world.uploadConfig({ tenants: [tenant], pageUrl: "https://cloud15.example.jp" });
  });
  afterAll(async () => {
    await hook?.stop();
    await sim?.stop();
    await world?.stop();
  });

  const tickets = (now: Date) => createTicketsHandler({
    s3: world.s3, dynamodb: world.dynamodb, bucket: world.bucket, table: world.table, now: () => now,
    http: { retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1, maxWaitMs: 0 }, timeoutMs: 5_000 },
  })();
  const store = () => new DynamoTicketStore(world.dynamodb, world.table);

  it("a scan puts its ticket updates in the DynamoDB outbox, where they stay while the tracker is down", async () => {
    const round = { tenantId: TENANT, scanId: randomUUID(), startedAt: new Date().toISOString(), providers: ["aws" as const] };
    const [result] = await scan(round, lambdaContext(900_000));
    expect(result).toMatchObject({ outcome: "stored" });
    expect(hook.calls("POST /cloud15").length).toBeGreaterThan(0);
    const waiting = await store().outbox(TENANT);
    expect(waiting.length).toBeGreaterThan(0);
    // The first update failed once and waits for its next attempt; none is given up.
    expect(waiting.some((e) => e.attempts === 1 && e.lastError && e.nextAttemptAt)).toBe(true);
    expect(waiting.every((e) => !e.dead)).toBe(true);
  });

  it("the tickets function stays away from a tenant whose scan is running", async () => {
    const checkpoints = new DynamoScanCheckpoints({ ddb: world.dynamodb, table: world.table, s3: world.s3, bucket: world.bucket });
    const now = new Date();
    const held = await checkpoints.claim({
      tenantId: TENANT, round: { scanId: randomUUID(), startedAt: now, providers: ["aws"] }, provider: "aws", now, leaseUntil: new Date(now.getTime() + 60_000),
    });
    if (held.outcome !== "claimed") throw new Error(`not claimed: ${held.outcome}`);
    const before = hook.requests.length;
    expect(await tickets(now)).toEqual({ delivered: 0, waiting: 0, dead: 0, scanning: [TENANT] });
    expect(hook.requests.length).toBe(before);
    await held.scan.release();
    expect(await tickets(now)).toMatchObject({ scanning: [] });
  });

  it("once the tracker is back, the tickets function delivers what waited and empties the outbox", async () => {
    trackerUp = true;
    const waiting = await store().outbox(TENANT);
    // Past every update's next attempt time.
    const result = await tickets(new Date(Date.now() + 6 * HOUR));
    expect(result).toMatchObject({ delivered: waiting.length, waiting: 0, dead: 0, scanning: [] });
    expect(await store().outbox(TENANT)).toEqual([]);
    const keys = await store().targetTickets(TENANT, "webhook");
    expect(Object.keys(keys!.tickets).sort()).toEqual(waiting.map((e) => e.update.groupId).sort());
  });
});
