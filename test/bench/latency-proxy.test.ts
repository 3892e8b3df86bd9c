import { Agent, createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLatencyProxy } from "../../bench/latency-proxy.ts";

/** The moto benchmark's instrument: every call must wait the stated latency, and arrive whole. */

const LATENCY_MS = 40;
let upstream: Server;
let upstreamUrl: string;
const proxies: { close(): unknown }[] = [];
const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];

// Like werkzeug (moto_server): every answer closes its connection.
beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => { body += String(c); });
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.setHeader("Connection", "close");
      if (req.url === "/unframed") {
        // No Content-Length: the answer ends where the connection does.
        res.socket!.end("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nto the close");
        return;
      }
      res.writeHead(req.url === "/missing" ? 404 : 200, { "Content-Type": "application/xml", "x-amzn-requestid": "r1" });
      res.end(`<Echo>${req.method} ${req.url} ${body}</Echo>`);
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const p of proxies) p.close();
  await new Promise((resolve) => upstream.close(resolve));
});

// Each test's kept-alive connections end with it.
const agents: Agent[] = [];
afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
});

function keptAliveAgent(maxSockets?: number): Agent {
  const agent = new Agent({ keepAlive: true, ...(maxSockets ? { maxSockets } : {}) });
  agents.push(agent);
  return agent;
}

async function proxyTo(target: string): Promise<string> {
  const proxy = await startLatencyProxy(target, LATENCY_MS);
  proxies.push(proxy.server);
  return proxy.url;
}

interface Answer { status: number; headers: IncomingHttpHeaders; body: string; ms: number; socket: unknown }

function call(url: string, agent: Agent, method: string, path: string, body?: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method, agent, headers: body === undefined ? {} : { "Content-Type": "application/x-www-form-urlencoded" } }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => { text += String(c); });
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text, ms: performance.now() - started, socket: req.socket }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the moto benchmark's latency proxy", () => {
  it("answers no call before its latency, on one kept-alive connection, each request and answer whole", async () => {
    const url = await proxyTo(upstreamUrl);
    const agent = keptAliveAgent(1);
    const get = await call(url, agent, "GET", "/bucket?versioning");
    const post = await call(url, agent, "POST", "/", "Action=ListUsers&Version=2010-05-08");
    const missing = await call(url, agent, "GET", "/missing");
    for (const a of [get, post, missing]) expect(a.ms).toBeGreaterThanOrEqual(LATENCY_MS);
    expect(get).toMatchObject({ status: 200, body: "<Echo>GET /bucket?versioning </Echo>" });
    expect(get.headers["x-amzn-requestid"]).toBe("r1");
    expect(post).toMatchObject({ status: 200, body: "<Echo>POST / Action=ListUsers&Version=2010-05-08</Echo>" });
    expect(missing.status).toBe(404);
    // moto's `Connection: close` stays between the proxy and moto.
    expect(post.socket).toBe(get.socket);
    expect(missing.socket).toBe(get.socket);
    expect(seen.at(-2)!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("adds the latency once per call when calls overlap, not once per call in flight", async () => {
    const url = await proxyTo(upstreamUrl);
    const agent = keptAliveAgent(8);
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => call(url, agent, "GET", `/b${i}?acl`)));
    for (const a of answers) expect(a.ms).toBeGreaterThanOrEqual(LATENCY_MS);
    expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 8 }, (_, i) => `<Echo>GET /b${i}?acl </Echo>`));
    expect(performance.now() - started).toBeLessThan(8 * LATENCY_MS);
  });

  it("gives an answer moto ends by closing the connection a length, so the next call on the connection still works", async () => {
    const url = await proxyTo(upstreamUrl);
    const agent = keptAliveAgent(1);
    const unframed = await call(url, agent, "GET", "/unframed");
    const next = await call(url, agent, "GET", "/after");
    expect(unframed).toMatchObject({ status: 200, body: "to the close" });
    expect(next).toMatchObject({ status: 200, body: "<Echo>GET /after </Echo>" });
    expect(next.socket).toBe(unframed.socket);
  });

  it("refuses a chunked request body (501) rather than forwarding part of it", async () => {
    const url = await proxyTo(upstreamUrl);
    const agent = keptAliveAgent();
    const calls = seen.length;
    const a = await new Promise<number>((resolve, reject) => {
      const req = request(new URL("/", url), { method: "PUT", agent }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on("error", reject);
      req.write("part one");
      req.end("part two");
    });
    expect(a).toBe(501);
    expect(seen.length).toBe(calls);
  });

  it("answers 502 after the latency when moto cannot be reached", async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const url = await proxyTo(`http://127.0.0.1:${port}`);
    const agent = keptAliveAgent();
    const a = await call(url, agent, "GET", "/");
    expect(a.status).toBe(502);
    expect(a.ms).toBeGreaterThanOrEqual(LATENCY_MS);
  });
});
