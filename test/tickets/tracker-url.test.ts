import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { TrackerHttp } from "../../tickets/http.ts";
import { forbiddenAddress, guardedLookup, privateAddress, trackerUrlProblem, type Resolver } from "../../tickets/tracker-url.ts";
import { startFakeTracker } from "../support/fake-tracker.ts";

const NO_RETRY = { retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1, maxWaitMs: 0 } };
const PUBLIC_ONLY = { allowPrivateNetwork: false };
const PRIVATE_OK = { allowPrivateNetwork: true };

/** A request through the guarded lookup, with the name answered by `resolver`: what the socket would be told. */
function connectThrough(url: string, plainHttp: boolean, policy: { allowPrivateNetwork: boolean }, resolver: Resolver): Promise<string> {
  return new Promise<string>((resolve) => {
    const req = request(url, { lookup: guardedLookup(plainHttp, policy, resolver) }, () => resolve("connected"));
    req.on("error", (e) => resolve(e.message));
    req.end();
  });
}

const resolvesTo = (address: string, family = 4): Resolver => (_host, _opts, cb) => cb(null, [{ address, family }]);

describe("tracker URLs", () => {
  it("accepts https to public hosts, and plain http only to this machine when the private network is allowed", () => {
    expect(trackerUrlProblem("https://redmine.example.jp/redmine", PUBLIC_ONLY)).toBeUndefined();
    expect(trackerUrlProblem("https://203.0.113.7/", PUBLIC_ONLY)).toBeUndefined();
    expect(trackerUrlProblem("http://127.0.0.1:3000", PRIVATE_OK)).toBeUndefined();
    expect(trackerUrlProblem("http://localhost:3000", PRIVATE_OK)).toBeUndefined();
    expect(trackerUrlProblem("http://[::1]:3000", PRIVATE_OK)).toBeUndefined();
    expect(trackerUrlProblem("http://redmine.example.jp", PRIVATE_OK)).toMatch(/https URL/);
    expect(trackerUrlProblem("http://10.0.0.5", PRIVATE_OK)).toMatch(/https URL/);
    expect(trackerUrlProblem("ftp://example.jp", PUBLIC_ONLY)).toMatch(/https URL/);
    expect(trackerUrlProblem("redmine.example.jp", PUBLIC_ONLY)).toMatch(/absolute https URL/);
  });

  it("refuses private and loopback addresses unless the target allows the private network", () => {
    for (const url of [
      "https://10.1.2.3/", "https://172.16.0.1/", "https://172.31.255.254/", "https://192.168.1.20/", "https://100.64.0.1/",
      "https://[fc00::1]/", "https://[fd12:3456::1]/", "https://[::ffff:10.0.0.1]/", "http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000",
    ]) {
      expect(trackerUrlProblem(url, PUBLIC_ONLY), url).toMatch(/public tracker address .*allowPrivateNetwork/);
      if (url.startsWith("https:")) expect(trackerUrlProblem(url, PRIVATE_OK), url).toBeUndefined();
    }
    // Just outside the ranges.
    expect(trackerUrlProblem("https://172.32.0.1/", PUBLIC_ONLY)).toBeUndefined();
    expect(trackerUrlProblem("https://[fe00::1]/", PUBLIC_ONLY)).toBeUndefined();
  });

  it("refuses link-local and cloud metadata addresses however they are written, whatever the target allows", () => {
    for (const url of [
      "https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/", "https://100.100.100.200/", "https://[fe80::1]/",
      "https://[::ffff:169.254.169.254]/", "https://metadata.google.internal/", "https://0.0.0.0/", "https://169.254.170.2/v2/credentials",
    ]) expect(trackerUrlProblem(url, PRIVATE_OK), url).toMatch(/link-local or cloud metadata/);
    expect(trackerUrlProblem("https://user:pass@redmine.example.jp", PUBLIC_ONLY)).toMatch(/secret reference/);
  });

  it("classifies addresses, IPv4-mapped IPv6 included", () => {
    expect(forbiddenAddress("169.254.169.254")).toBe(true);
    expect(forbiddenAddress("::ffff:a9fe:a9fe")).toBe(true);
    expect(forbiddenAddress("10.1.2.3")).toBe(false);
    expect(privateAddress("10.1.2.3")).toBe(true);
    expect(privateAddress("::ffff:c0a8:0101")).toBe(true);
    expect(privateAddress("127.0.0.1")).toBe(true);
    expect(privateAddress("203.0.113.7")).toBe(false);
    // NAT64 (64:ff9b::/96) carries the IPv4 address a NAT gateway will connect to.
    expect(privateAddress("64:ff9b::a00:5")).toBe(true);
    expect(privateAddress("64:ff9b::10.0.0.5")).toBe(true);
    expect(forbiddenAddress("64:ff9b::a9fe:a9fe")).toBe(true);
    expect(privateAddress("64:ff9b::cb00:7107")).toBe(false);
  });

  it("refuses at connection time a name that resolves to a metadata address, before any byte is sent", async () => {
    expect(await connectThrough("http://tracker.example.jp/", false, PRIVATE_OK, resolvesTo("169.254.169.254")))
      .toBe("tracker.example.jp resolves to 169.254.169.254: link-local or cloud metadata address");
  });

  it("refuses at connection time a public-looking name that resolves to a private address", async () => {
    // Guarded as for https (plainHttp false): the refusal comes from the resolved address alone.
    for (const [address, family] of [["10.0.0.8", 4], ["192.168.1.20", 4], ["fd12::8", 6], ["127.0.0.1", 4], ["64:ff9b::a00:8", 6]] as const) {
      expect(await connectThrough("http://redmine.example.jp/", false, PUBLIC_ONLY, resolvesTo(address, family)))
        .toBe(`redmine.example.jp resolves to ${address}: private network or loopback address; ` +
          "set \"allowPrivateNetwork\": true on this target if the tracker really is on your own network");
    }
    // One private address among public ones is enough: the socket may pick any of them.
    const mixed: Resolver = (_h, _o, cb) => cb(null, [{ address: "203.0.113.7", family: 4 }, { address: "10.0.0.8", family: 4 }]);
    expect(await connectThrough("http://redmine.example.jp/", false, PUBLIC_ONLY, mixed)).toMatch(/resolves to 10\.0\.0\.8: private network/);
  });

  it("refuses plain http to a name that resolves beyond loopback, even on an allowed private network", async () => {
    expect(await connectThrough("http://redmine.lan/", true, PRIVATE_OK, resolvesTo("192.168.1.20")))
      .toBe("redmine.lan resolves to 192.168.1.20: plain http is only for loopback");
  });

  it("refuses a loopback tracker without allowPrivateNetwork and reaches it with it, never sending a byte when refused", async () => {
    const tracker = await startFakeTracker(() => ({ status: 200, body: { ok: true } }));
    try {
      // The literal 127.0.0.1, and localhost, which only the resolver turns into loopback.
      const byName = new URL(tracker.url.replace("127.0.0.1", "localhost"));
      for (const url of [new URL(`${tracker.url}/ok`), new URL("/ok", byName)]) {
        await expect(new TrackerHttp([], NO_RETRY).send({ method: "GET", url, idempotent: true }))
          .rejects.toThrow(/refused: .*(127\.0\.0\.1|::1).*private network or loopback address/);
      }
      expect(tracker.requests).toHaveLength(0);
      const allowed = new TrackerHttp([], { ...NO_RETRY, allowPrivateNetwork: true });
      expect(await allowed.json({ method: "GET", url: new URL(`${tracker.url}/ok`), idempotent: true })).toEqual({ ok: true });
      expect(tracker.requests).toHaveLength(1);
    } finally {
      await tracker.stop();
    }
  });

  it("refuses a metadata IP literal without connecting, even with the private network allowed", async () => {
    const http = new TrackerHttp([], { ...NO_RETRY, allowPrivateNetwork: true });
    await expect(http.send({ method: "GET", url: new URL("http://169.254.169.254/latest/meta-data/"), idempotent: true }))
      .rejects.toThrow(/refused: 169\.254\.169\.254: link-local or cloud metadata address/);
  });

  it("does not follow redirects: a tracker cannot send cloud15 elsewhere", async () => {
    const tracker = await startFakeTracker(() => ({ status: 302, headers: { location: "http://169.254.169.254/" } }));
    try {
      const http = new TrackerHttp([], { ...NO_RETRY, allowPrivateNetwork: true });
      await expect(http.send({ method: "GET", url: new URL(`${tracker.url}/x`), idempotent: true })).rejects.toThrow(/HTTP 302/);
      expect(tracker.requests).toHaveLength(1);
    } finally {
      await tracker.stop();
    }
  });
});
