import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { TrackerHttp } from "../../tickets/http.ts";
import { forbiddenAddress, guardedLookup, trackerUrlProblem, type Resolver } from "../../tickets/tracker-url.ts";
import { startFakeTracker } from "../support/fake-tracker.ts";

const NO_RETRY = { retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1, maxWaitMs: 0 } };

describe("tracker URLs", () => {
  it("accepts https anywhere and plain http only to this machine", () => {
    expect(trackerUrlProblem("https://redmine.example.jp/redmine")).toBeUndefined();
    expect(trackerUrlProblem("http://127.0.0.1:3000")).toBeUndefined();
    expect(trackerUrlProblem("http://localhost:3000")).toBeUndefined();
    expect(trackerUrlProblem("http://[::1]:3000")).toBeUndefined();
    expect(trackerUrlProblem("http://redmine.example.jp")).toMatch(/https URL/);
    expect(trackerUrlProblem("http://10.0.0.5")).toMatch(/https URL/);
    expect(trackerUrlProblem("ftp://example.jp")).toMatch(/https URL/);
    expect(trackerUrlProblem("redmine.example.jp")).toMatch(/absolute https URL/);
  });

  it("refuses link-local and cloud metadata addresses however they are written, and credentials in the URL", () => {
    for (const url of [
      "https://169.254.169.254/latest/meta-data/", "https://[fd00:ec2::254]/", "https://100.100.100.200/", "https://[fe80::1]/",
      "https://[::ffff:169.254.169.254]/", "https://metadata.google.internal/", "https://0.0.0.0/", "https://169.254.170.2/v2/credentials",
    ]) expect(trackerUrlProblem(url), url).toMatch(/link-local or cloud metadata/);
    expect(trackerUrlProblem("https://user:pass@redmine.example.jp")).toMatch(/secret reference/);
  });

  it("classifies addresses, IPv4-mapped IPv6 included", () => {
    expect(forbiddenAddress("169.254.169.254")).toBe(true);
    expect(forbiddenAddress("::ffff:a9fe:a9fe")).toBe(true);
    expect(forbiddenAddress("10.1.2.3")).toBe(false);
    expect(forbiddenAddress("203.0.113.7")).toBe(false);
  });

  it("refuses at connection time a name that resolves to a metadata address, before any byte is sent", async () => {
    const metadata: Resolver = (_host, _opts, cb) => cb(null, [{ address: "169.254.169.254", family: 4 }]);
    const outcome = await new Promise<string>((resolve) => {
      const req = request("http://tracker.example.jp/", { lookup: guardedLookup(false, metadata) }, () => resolve("connected"));
      req.on("error", (e) => resolve(e.message));
      req.end();
    });
    expect(outcome).toBe("tracker.example.jp resolves to 169.254.169.254: link-local or cloud metadata address");
  });

  it("refuses plain http to a name that resolves beyond loopback", async () => {
    const lan: Resolver = (_host, _opts, cb) => cb(null, [{ address: "192.168.1.20", family: 4 }]);
    const outcome = await new Promise<string>((resolve) => {
      const req = request("http://redmine.lan/", { lookup: guardedLookup(true, lan) }, () => resolve("connected"));
      req.on("error", (e) => resolve(e.message));
      req.end();
    });
    expect(outcome).toBe("redmine.lan resolves to 192.168.1.20: plain http is only for loopback");
  });

  it("refuses a metadata IP literal without connecting, and reaches a loopback tracker", async () => {
    const http = new TrackerHttp([], NO_RETRY);
    await expect(http.send({ method: "GET", url: new URL("http://169.254.169.254/latest/meta-data/"), idempotent: true }))
      .rejects.toThrow(/refused: 169\.254\.169\.254 is a link-local or cloud metadata address/);
    const tracker = await startFakeTracker(() => ({ status: 200, body: { ok: true } }));
    try {
      expect(await http.json({ method: "GET", url: new URL(`${tracker.url}/ok`), idempotent: true })).toEqual({ ok: true });
    } finally {
      await tracker.stop();
    }
  });

  it("does not follow redirects: a tracker cannot send cloud15 elsewhere", async () => {
    const tracker = await startFakeTracker(() => ({ status: 302, headers: { location: "http://169.254.169.254/" } }));
    try {
      await expect(new TrackerHttp([], NO_RETRY).send({ method: "GET", url: new URL(`${tracker.url}/x`), idempotent: true })).rejects.toThrow(/HTTP 302/);
      expect(tracker.requests).toHaveLength(1);
    } finally {
      await tracker.stop();
    }
  });
});
