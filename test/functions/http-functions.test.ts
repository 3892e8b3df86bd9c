import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Feed } from "../../feed/schema.ts";
import { apiToken, signLinkToken } from "../../page/auth.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import { handler as feedHandler } from "../../functions/feed.ts";
import { handler as pageHandler } from "../../functions/page.ts";
import { SsmPageSecrets } from "../../secrets/ssm-page-secrets.ts";
import { DynamoAnswerStore } from "../../store/dynamo-answer-store.ts";
import { DynamoFindingState } from "../../store/dynamo-finding-state.ts";
import { S3FeedStore } from "../../store/s3-feed-store.ts";
import { latestKey } from "../../store/s3-layout.ts";
import { readObjectText } from "../../store/s3-objects.ts";
import { ACME_TREND, acmeFeed, writeFixtureData } from "../page/fixtures.ts";
import { runCli } from "../cli/run-cli.ts";
import { PACKAGING_MS } from "../support/busy-machine.ts";
import { motoAvailable } from "../support/moto.ts";
import { startLambdaWorld, type LambdaWorld } from "./lambda-world.ts";

/** What API Gateway's HTTP API hands a function (payload 2.0). */
function httpEvent(method: string, path: string, opts: { headers?: Record<string, string>; cookies?: string[]; body?: string } = {}): APIGatewayProxyEventV2 {
  return {
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: "",
    headers: { host: "abc.execute-api.ap-northeast-1.amazonaws.com", ...opts.headers },
    ...(opts.cookies ? { cookies: opts.cookies } : {}),
    requestContext: {
      accountId: "123456789012", apiId: "abc", domainName: "abc.execute-api.ap-northeast-1.amazonaws.com", domainPrefix: "abc",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "test" },
      requestId: "r", routeKey: `${method} ${path}`, stage: "$default", time: "", timeEpoch: 0,
    },
    isBase64Encoded: false,
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  };
}

const call = async (handler: (e: APIGatewayProxyEventV2) => Promise<unknown>, event: APIGatewayProxyEventV2) =>
  (await handler(event)) as APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };

let world: LambdaWorld;
let secret: Buffer;
let storedFeed: string;

describe.runIf(motoAvailable())("the feed and page functions over S3 and SSM", () => {
  beforeAll(async () => {
    world = await startLambdaWorld();
    const store = new S3FeedStore({ s3: world.s3, bucket: world.bucket, findingState: new DynamoFindingState(world.dynamodb, world.table) });
    const days = ["2025-01-13", "2025-01-20", "2025-01-27", "2025-02-03"];
    for (const [i, score] of ACME_TREND.entries()) await store.put("acme", acmeFeed(score, `scan-acme-${i + 1}`, `${days[i]}T18:00:00Z`));
    storedFeed = (await readObjectText(world.s3, world.bucket, latestKey("acme")))!;
    secret = await new SsmPageSecrets(world.ssm, world.ssmPrefix).ensure("acme");
  });
  afterAll(async () => {
    await world?.stop();
  });

  it("feed answers a dashboard's bearer token with the stored feed, byte for byte", async () => {
    const response = await call(feedHandler, httpEvent("GET", "/api/tenants/acme/feed", { headers: { authorization: `Bearer ${apiToken(secret, "acme")}` } }));
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(storedFeed);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("feed gzips the feed for a client that accepts it, so a large account's feed fits Lambda's 6 MB answer", async () => {
    const response = await call(feedHandler, httpEvent("GET", "/api/tenants/acme/feed", {
      headers: { authorization: `Bearer ${apiToken(secret, "acme")}`, "accept-encoding": "gzip, deflate, br" },
    }));
    expect(response).toMatchObject({ statusCode: 200, isBase64Encoded: true, headers: { "content-encoding": "gzip", vary: "accept-encoding" } });
    expect(gunzipSync(Buffer.from(response.body!, "base64")).toString("utf8")).toBe(storedFeed);
  });

  it("feed answers 401 alike to no credential, a wrong one and an unknown tenant", async () => {
    const bodies = [
      await call(feedHandler, httpEvent("GET", "/api/tenants/acme/feed")),
      await call(feedHandler, httpEvent("GET", "/api/tenants/acme/feed", { headers: { authorization: `Bearer ${apiToken(Buffer.alloc(32), "acme")}` } })),
      await call(feedHandler, httpEvent("GET", "/api/tenants/nobody/feed", { headers: { authorization: `Bearer ${apiToken(secret, "nobody")}` } })),
    ];
    for (const b of bodies) expect([b.statusCode, b.body]).toEqual([401, '{"error":"unauthorized"}']);
  });

  it("a link signs in through the page function, whose session cookie (sent apart by API Gateway) reads feed and trend", async () => {
    const signIn = await call(pageHandler, httpEvent("POST", "/api/tenants/acme/session", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: signLinkToken(secret, "acme", new Date(Date.now() + 60_000)) }),
    }));
    expect(signIn.statusCode).toBe(200);
    // Payload 2.0 wants Set-Cookie in `cookies`; in the headers API Gateway would drop or merge it.
    expect(signIn.headers["set-cookie"]).toBeUndefined();
    expect(signIn.cookies).toEqual([expect.stringMatching(/^c15_session_acme=.*; HttpOnly; SameSite=Strict; Secure$/)]);
    const cookie = signIn.cookies![0]!.split(";")[0]!;

    const feed = await call(feedHandler, httpEvent("GET", "/api/tenants/acme/feed", { cookies: ["theme=dark", cookie] }));
    expect([feed.statusCode, feed.body]).toEqual([200, storedFeed]);
    const trend = await call(feedHandler, httpEvent("GET", "/api/tenants/acme/history", { cookies: [cookie] }));
    expect((JSON.parse(trend.body!) as { points: { score: number }[] }).points.map((p) => p.score)).toEqual(ACME_TREND);
  });

  it("an answer the owner gives through the page function is stored in DynamoDB and shows in the feed the feed function serves", async () => {
    const signIn = await call(pageHandler, httpEvent("POST", "/api/tenants/acme/session", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: signLinkToken(secret, "acme", new Date(Date.now() + 60_000)) }),
    }));
    const cookie = signIn.cookies![0]!.split(";")[0]!;
    const { csrfToken } = JSON.parse(signIn.body!) as { csrfToken: string };
    const answered = await call(pageHandler, httpEvent("POST", "/api/tenants/acme/answers", {
      headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
      cookies: [cookie],
      body: JSON.stringify({ kind: "item", item: 2, answer: "done", by: "山田 花子" }),
    }));
    expect(answered.statusCode).toBe(201);
    expect(await new DynamoAnswerStore(world.dynamodb, world.table).list("acme")).toEqual([expect.objectContaining({ kind: "item", item: 2, answer: "done" })]);

    const feed = await call(feedHandler, httpEvent("GET", "/api/tenants/acme/feed", { headers: { authorization: `Bearer ${apiToken(secret, "acme")}` } }));
    const item2 = (JSON.parse(feed.body!) as Feed).items.find((i) => i.number === 2)!;
    expect(item2.attestation).toMatchObject({ answer: "done", by: "山田 花子" });
    storedFeed = feed.body!;
  });

  it("the page function serves the shell and its files; the feed function has no page files", async () => {
    const shell = await call(pageHandler, httpEvent("GET", "/t/acme/"));
    expect(shell.statusCode).toBe(200);
    expect(shell.body).toContain("<html");
    expect(shell.headers["content-security-policy"]).toContain("default-src 'none'");
    const script = await call(pageHandler, httpEvent("GET", "/assets/app.js"));
    expect([script.statusCode, script.headers["content-type"]]).toEqual([200, "text/javascript; charset=utf-8"]);
    const head = await call(pageHandler, httpEvent("HEAD", "/assets/app.js"));
    expect([head.statusCode, head.body]).toEqual([200, ""]);
    expect((await call(feedHandler, httpEvent("GET", "/"))).statusCode).toBe(404);
  });

  it("`cloud15 link` creates a tenant's page secret in SSM once and prints a link and token the functions accept", async () => {
    const link = () => runCli(["link", "--tenant", "link-co", "--url", "https://abc.execute-api.ap-northeast-1.amazonaws.com/", "--stage", "local"], { env: world.env });
    const first = await link();
    expect(first.code, first.stderr).toBe(0);
    const url = /https:\/\/abc\.execute-api\.ap-northeast-1\.amazonaws\.com\/t\/link-co\/#link=(\S+)/.exec(first.stdout);
    const token = /^\s+(c15_\S+)$/m.exec(first.stdout);
    expect(url && token).toBeTruthy();
    // Run again: the same secret, so the same token; nothing was replaced.
    expect(/^\s+(c15_\S+)$/m.exec((await link()).stdout)![1]).toBe(token![1]);

    const signIn = await call(pageHandler, httpEvent("POST", "/api/tenants/link-co/session", {
      headers: { "content-type": "application/json" }, body: JSON.stringify({ token: url![1] }),
    }));
    expect(signIn.statusCode).toBe(200);
    // Authorised, only there is no feed yet.
    const feed = await call(feedHandler, httpEvent("GET", "/api/tenants/link-co/feed", { headers: { authorization: `Bearer ${token![1]}` } }));
    expect([feed.statusCode, feed.body]).toEqual([404, '{"error":"no feed yet"}']);
  });

  it("`cloud15 link --vendor` prints a vendor link the page function takes for the overview of every tenant, and no tenant's", async () => {
    const link = () => runCli(["link", "--vendor", "--url", "https://abc.execute-api.ap-northeast-1.amazonaws.com", "--stage", "local"], { env: world.env });
    const first = await link();
    expect(first.code, first.stderr).toBe(0);
    const token = /https:\/\/abc\.execute-api\.ap-northeast-1\.amazonaws\.com\/vendor#link=(\S+)/.exec(first.stdout)![1]!;
    expect((await link()).code).toBe(0);
    const signIn = await call(pageHandler, httpEvent("POST", "/api/vendor/session", {
      headers: { "content-type": "application/json" }, body: JSON.stringify({ token }),
    }));
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies![0]!.split(";")[0]!;
    const overview = await call(pageHandler, httpEvent("GET", "/api/vendor/overview", { cookies: [cookie] }));
    expect(overview.statusCode).toBe(200);
    const body = JSON.parse(overview.isBase64Encoded ? gunzipSync(Buffer.from(overview.body!, "base64")).toString() : overview.body!) as { tenants: { id: string; trend: number[] }[] };
    expect(body.tenants.find((t) => t.id === "acme")?.trend).toEqual(ACME_TREND);
    // The vendor's link is no tenant's, and a tenant's is not the vendor's.
    expect((await call(pageHandler, httpEvent("POST", "/api/tenants/acme/session", {
      headers: { "content-type": "application/json" }, body: JSON.stringify({ token }),
    }))).statusCode).toBe(401);
    expect((await call(pageHandler, httpEvent("POST", "/api/vendor/session", {
      headers: { "content-type": "application/json" }, body: JSON.stringify({ token: signLinkToken(secret, "acme", new Date(Date.now() + 60_000)) }),
    }))).statusCode).toBe(401);
  });

  describe("`osls offline` and `cloud15 serve`", () => {
    let offline: ChildProcess;
    let offlineUrl: string;
    let serve: FindingsServer;
    let fixtures: Awaited<ReturnType<typeof writeFixtureData>>;
    let output = "";
    // Its own bundling folder (in the repository, where serverless-esbuild puts it), removed afterwards:
    // a stopped `osls offline` leaves it behind.
    const workFolder = `.esbuild-offline-${process.pid}`;

    beforeAll(async () => {
      const [httpPort, lambdaPort] = [await freePort(), await freePort()];
      offline = spawn(process.execPath, ["node_modules/osls/bin/serverless.js", "offline", "--stage", "local", "--httpPort", String(httpPort), "--lambdaPort", String(lambdaPort)], {
        env: { ...process.env, ...world.env, CLOUD15_ESBUILD_WORK_FOLDER: workFolder, SLS_TELEMETRY_DISABLED: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      offline.stdout!.on("data", (d) => { output += String(d); });
      offline.stderr!.on("data", (d) => { output += String(d); });
      offlineUrl = `http://127.0.0.1:${httpPort}`;
      await waitFor(async () => (await fetch(`${offlineUrl}/`)).status === 200, () => output);
      fixtures = await writeFixtureData();
      serve = await startFindingsServer({ dataDir: fixtures.dataDir });
      // osls offline bundles every function before it answers.
    }, PACKAGING_MS + 60_000);
    afterAll(async () => {
      await serve?.stop();
      await fixtures?.cleanup();
      if (offline && offline.exitCode === null) {
        const exited = new Promise((resolve) => offline.once("exit", resolve));
        offline.kill("SIGTERM");
        await exited;
      }
      await rm(fileURLToPath(new URL(`../../${workFolder}`, import.meta.url)), { recursive: true, force: true });
    });

    it("run the same page handler: the same shell under the same security headers", async () => {
      const [lambda, local] = await Promise.all([fetch(`${offlineUrl}/t/acme/`), fetch(`${serve.url}/t/acme/`)]);
      expect(lambda.status).toBe(200);
      expect(await lambda.text()).toBe(await local.text());
      for (const name of ["content-security-policy", "x-frame-options", "referrer-policy", "x-content-type-options"]) {
        expect(lambda.headers.get(name)).toBe(local.headers.get(name));
      }
    });

    it("serves the feed from S3, with the owner's answers from DynamoDB, through the bundled feed function", async () => {
      const response = await fetch(`${offlineUrl}/api/tenants/acme/feed`, { headers: { authorization: `Bearer ${apiToken(secret, "acme")}` } });
      expect(response.status).toBe(200);
      // The same feed and answers as the handler served in-process (the answers are applied as of each request).
      const [offlineFeed, handlerFeed] = [await response.json() as Feed, JSON.parse(storedFeed) as Feed];
      expect(offlineFeed.scan.id).toBe(handlerFeed.scan.id);
      expect(offlineFeed.items).toEqual(handlerFeed.items);
      const verdicts = (feed: Feed) => feed.findings.map((f) => [f.id, f.status, f.state]);
      expect(verdicts(offlineFeed)).toEqual(verdicts(handlerFeed));
      expect((await fetch(`${offlineUrl}/api/tenants/acme/feed`)).status).toBe(401);
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function waitFor(ready: () => Promise<boolean>, log: () => string, ms = PACKAGING_MS): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await ready()) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`osls offline did not start:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
