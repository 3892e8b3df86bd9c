import { ListProtectedResourcesCommand } from "@aws-sdk/client-backup";
import { GetAccountSummaryCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetBucketAclCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exampleCoAccount } from "../../simulator/aws/example-co.ts";
import { startAwsSimulator, type AwsFault, type AwsSimulator } from "../../simulator/aws/server.ts";
import { awsClients, errorOf, TEST_CREDENTIALS } from "./aws-clients.ts";

let sim: AwsSimulator;
let clients: ReturnType<typeof awsClients>;

beforeAll(async () => {
  sim = await startAwsSimulator({ account: exampleCoAccount() });
  clients = awsClients(sim.endpoint, { maxAttempts: 1 });
});
beforeEach(() => {
  sim.faults.length = 0;
  sim.resetCalls();
});
afterAll(() => sim.stop());

const acl = (Bucket: string) => clients.s3.send(new GetBucketAclCommand({ Bucket }));

/** One read per service, and what each answers under a fault. */
const CALLS = {
  s3: () => acl("example-co-invoices"),
  "s3-control": () => clients.s3control.send(new GetAccountPublicAccessBlockCommand({ AccountId: "123456789012" })),
  iam: () => clients.iam.send(new GetAccountSummaryCommand({})),
  sts: () => clients.sts.send(new GetCallerIdentityCommand({})),
  backup: () => clients.backup.send(new ListProtectedResourcesCommand({})),
};
const OPERATION = {
  s3: "GetBucketAcl", "s3-control": "GetPublicAccessBlock", iam: "GetAccountSummary", sts: "GetCallerIdentity",
  backup: "ListProtectedResources",
} as const;
const EXPECTED: Record<Exclude<AwsFault["kind"], "Hang">, Record<keyof typeof CALLS, [string, number]>> = {
  AccessDenied: {
    s3: ["AccessDenied", 403], "s3-control": ["AccessDenied", 403], iam: ["AccessDenied", 403],
    sts: ["AccessDenied", 403], backup: ["AccessDeniedException", 403],
  },
  Throttling: {
    s3: ["SlowDown", 503], "s3-control": ["SlowDown", 503], iam: ["Throttling", 400],
    sts: ["Throttling", 400], backup: ["ThrottlingException", 429],
  },
  SlowDown: {
    s3: ["SlowDown", 503], "s3-control": ["SlowDown", 503], iam: ["Throttling", 400],
    sts: ["Throttling", 400], backup: ["ThrottlingException", 429],
  },
  InternalError: {
    s3: ["InternalError", 500], "s3-control": ["InternalError", 500], iam: ["InternalFailure", 500],
    sts: ["InternalFailure", 500], backup: ["ServiceUnavailableException", 500],
  },
};

describe("each fault kind surfaces as the SDK error a caller sees", () => {
  for (const [kind, byService] of Object.entries(EXPECTED)) {
    for (const [service, [name, status]] of Object.entries(byService)) {
      it(`${kind} on ${service} → ${name} (${status})`, async () => {
        const svc = service as keyof typeof CALLS;
        sim.faults.push({ operation: OPERATION[svc], kind: kind as AwsFault["kind"], service: svc });
        const err = await errorOf(CALLS[svc]());
        expect([err.name, err.$metadata?.httpStatusCode]).toEqual([name, status]);
        expect(sim.calls[OPERATION[svc]]).toBe(1);
      });
    }
  }
});

describe("targeting", () => {
  it("denies only the targeted operation on the targeted bucket", async () => {
    sim.faults.push({ operation: "GetBucketAcl", kind: "AccessDenied", bucket: "example-co-website" });
    const denied = await errorOf(acl("example-co-website"));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.message).toContain("s3:GetBucketAcl");
    await expect(acl("example-co-invoices")).resolves.toBeDefined();
    await expect(clients.s3.send(new GetBucketVersioningCommand({ Bucket: "example-co-website" }))).resolves.toBeDefined();
  });

  it("names the IAM action in the denial, e.g. s3:GetBucketPublicAccessBlock", async () => {
    sim.faults.push({ operation: "GetPublicAccessBlock", kind: "AccessDenied", service: "s3" });
    const err = await errorOf(clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: "example-co-invoices" })));
    expect(err.message).toContain("s3:GetBucketPublicAccessBlock");
    // The account-level operation of the same name is not affected.
    const account = await errorOf(CALLS["s3-control"]());
    expect(account.name).toBe("NoSuchPublicAccessBlockConfiguration");
  });

  it("'*' hits every operation", async () => {
    sim.faults.push({ operation: "*", kind: "InternalError" });
    expect((await errorOf(clients.s3.send(new ListBucketsCommand({})))).name).toBe("InternalError");
    expect((await errorOf(CALLS.iam())).name).toBe("InternalFailure");
  });

  it("stops after `times`, so the SDK's retry recovers", async () => {
    const retrying = awsClients(sim.endpoint);
    const fault: AwsFault = { operation: "GetBucketAcl", kind: "SlowDown", times: 1 };
    sim.faults.push(fault);
    await expect(retrying.s3.send(new GetBucketAclCommand({ Bucket: "example-co-invoices" }))).resolves.toBeDefined();
    expect(sim.calls.GetBucketAcl).toBe(2);
    expect(fault.times).toBe(0);
  });

  it("keeps throttling until the SDK's attempts run out", async () => {
    const iam = new IAMClient({ endpoint: sim.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 2 });
    sim.faults.push({ operation: "GetAccountSummary", kind: "Throttling" });
    expect((await errorOf(iam.send(new GetAccountSummaryCommand({})))).name).toBe("Throttling");
    expect(sim.calls.GetAccountSummary).toBe(2);
  });
});

describe("Hang and latency", () => {
  it("never answers a hung call, so only a timeout ends it", async () => {
    sim.faults.push({ operation: "GetCallerIdentity", kind: "Hang" });
    const started = Date.now();
    const err = await errorOf(clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(200) }));
    expect(err.name).toBe("AbortError");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(sim.calls.GetCallerIdentity).toBe(1);
  });

  it("times out through the client's requestTimeout with throwOnRequestTimeout", async () => {
    sim.faults.push({ operation: "ListBuckets", kind: "Hang" });
    const s3 = new S3Client({
      endpoint: sim.endpoint, forcePathStyle: true, region: "ap-northeast-1", credentials: TEST_CREDENTIALS, maxAttempts: 1,
      requestHandler: { requestTimeout: 150, throwOnRequestTimeout: true },
    });
    const err = await errorOf(s3.send(new ListBucketsCommand({})));
    expect(err.name).toBe("TimeoutError");
  });

  it("delays every answer by latencyMs", async () => {
    const slow = await startAwsSimulator({ account: exampleCoAccount(), latencyMs: 120 });
    try {
      const c = awsClients(slow.endpoint, { maxAttempts: 1 });
      const started = Date.now();
      await c.s3.send(new ListBucketsCommand({}));
      await errorOf(c.s3.send(new GetBucketAclCommand({ Bucket: "missing" })));
      expect(Date.now() - started).toBeGreaterThanOrEqual(235);
    } finally {
      await slow.stop();
    }
  });

  it("stops promptly even with a request hanging", async () => {
    const hung = await startAwsSimulator({ account: exampleCoAccount(), faults: [{ operation: "*", kind: "Hang" }] });
    const pending = errorOf(awsClients(hung.endpoint, { maxAttempts: 1 }).iam.send(new GetAccountSummaryCommand({})));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await hung.stop();
    expect((await pending).name).toBeTruthy();
  });
});
