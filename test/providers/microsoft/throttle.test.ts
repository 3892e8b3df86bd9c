import { describe, expect, it } from "vitest";
import { PastDeadline, retryAfterMs, ThrottleGate } from "../../../providers/microsoft/throttle.ts";

describe("ThrottleGate: one Retry-After pauses every request of the tenant", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = () => Date.parse("2026-11-27T00:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Fri, 27 Nov 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs("soon")).toBeUndefined();
  });

  it("holds every caller until the longest pause asked for is over", async () => {
    const gate = new ThrottleGate();
    gate.hold(120);
    gate.hold(40);
    const started = Date.now();
    await Promise.all([gate.ready(), gate.ready()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(gate.longestWaitSeconds).toBe(1);
  });

  it("refuses to wait past the run's deadline, saying so", async () => {
    // A minute left: 0.5 s fits however slowly this runs, 600 s does not.
    const gate = new ThrottleGate(Date.now() + 60_000);
    expect(gate.fits(500)).toBe(true);
    gate.hold(600_000);
    await expect(gate.ready()).rejects.toBeInstanceOf(PastDeadline);
    await expect(gate.ready()).rejects.toThrow("Microsoft Graph asked to wait 600 s (Retry-After), longer than this run has left; the next scan resumes from the saved checkpoint");
  });
});
