import { request, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallClock } from "../../bench/fleet-calls.ts";

/** The fleet benchmark's model replays each invocation's wait from these times: they must cover every client the scans use. */

let server: Server;
let url: string;
const ANSWER_MS = 50;

const viaHttp = () => new Promise<void>((resolve, reject) => {
  request(url, (res) => { res.resume(); res.on("end", resolve); }).on("error", reject).end();
});
const viaFetch = async () => { await (await fetch(url)).text(); };

describe("CallClock", () => {
  beforeAll(async () => {
    server = createServer((_req, res) => { setTimeout(() => res.end("ok"), ANSWER_MS); });
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
});
