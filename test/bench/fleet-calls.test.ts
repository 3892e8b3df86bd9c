import { request, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import PQueue from "p-queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallClock } from "../../bench/fleet-calls.ts";

/** The fleet benchmark's model replays each invocation's wait from these times: they must cover every client the scans use. */

let server: Server;
let url: string;
const ANSWER_MS = 50;
const SLOW_MS = 400;

const viaHttp = (path = "/") => new Promise<void>((resolve, reject) => {
  request(new URL(path, url), (res) => { res.resume(); res.on("end", resolve); }).on("error", reject).end();
});
const viaFetch = async () => { await (await fetch(url)).text(); };

describe("CallClock", () => {
  beforeAll(async () => {
    server = createServer((req, res) => { setTimeout(() => res.end("ok"), req.url === "/slow" ? SLOW_MS : ANSWER_MS); });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("times calls sent through node:http and through fetch, and counts the time calls overlap once", async () => {
    const clock = new CallClock();
    try {
      await Promise.all([viaHttp(), viaFetch(), viaHttp()]);
      const together = clock.take();
      expect(together.calls).toBe(3);
      expect(together.callMs).toBeGreaterThanOrEqual(3 * ANSWER_MS - 3);
      // Three calls at once: waited for about one answer time, not three.
      expect(together.coveredMs).toBeGreaterThanOrEqual(ANSWER_MS - 1);
      expect(together.coveredMs).toBeLessThan(together.callMs);

      await viaFetch();
      await viaHttp();
      const oneAfterAnother = clock.take();
      expect(oneAfterAnother.calls).toBe(2);
      expect(oneAfterAnother.coveredMs).toBeCloseTo(oneAfterAnother.callMs, 5);
    } finally {
      clock.close();
    }
    await viaHttp();
    expect(clock.take().calls).toBe(0);
  });

  it("counts calls one after another as one waited call and one link of the chain each, and calls at once as one together", async () => {
    const clock = new CallClock();
    try {
      await viaHttp();
      await viaFetch();
      await viaHttp();
      const serial = clock.take();
      expect(serial.waitedCalls).toBeCloseTo(3, 1);
      expect(serial.chainCalls).toBe(3);

      await Promise.all([viaHttp(), viaFetch(), viaHttp(), viaHttp()]);
      const together = clock.take();
      expect(together.waitedCalls).toBeCloseTo(1, 0);
      expect(together.chainCalls).toBe(1);

      // Eight calls through a limit of two: chains of four.
      const limit = new PQueue({ concurrency: 2 });
      await Promise.all(Array.from({ length: 8 }, () => limit.add(() => viaHttp())));
      expect(clock.take().chainCalls).toBe(4);
    } finally {
      clock.close();
    }
  });

  it("finds the chain of calls awaited in turn beside a slow call, and scales each call's share of the wait by its own answer time", async () => {
    const clock = new CallClock();
    try {
      // One slow call beside three fast ones awaited in turn: answered in one fixed time each,
      // the invocation would wait three answers (the chain), however slow the slow one was here.
      await Promise.all([viaHttp("/slow"), (async () => { await viaHttp(); await viaHttp(); await viaHttp(); })()]);
      const times = clock.take();
      expect(times.calls).toBe(4);
      expect(times.coveredMs).toBeGreaterThanOrEqual(SLOW_MS - 1);
      // Three fast calls sharing their time with the slow one (half each), then the slow one alone.
      const expected = 3 * 0.5 + (ANSWER_MS * 3 * 0.5 + (SLOW_MS - 3 * ANSWER_MS)) / SLOW_MS;
      expect(times.waitedCalls).toBeGreaterThan(expected - 0.25);
      expect(times.waitedCalls).toBeLessThan(expected + 0.25);
      // The chain that had to wait: the three fast calls one after another.
      expect(times.chainCalls).toBe(3);
    } finally {
      clock.close();
    }
  });

  it("counts the calls to the deployment's own services apart, by their host", async () => {
    const clock = new CallClock(new URL(url).host);
    const other = new CallClock("127.0.0.1:1");
    try {
      await Promise.all([viaHttp(), viaFetch()]);
      const own = clock.take().own;
      expect(own.calls).toBe(2);
      expect(own.callMs).toBeGreaterThanOrEqual(2 * ANSWER_MS - 2);
      expect(other.take().own.calls).toBe(0);
    } finally {
      clock.close();
      other.close();
    }
  });
});
