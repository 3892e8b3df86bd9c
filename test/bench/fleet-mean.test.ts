import { describe, expect, it } from "vitest";
import { meanRound, type RoundOutcomes } from "../../bench/fleet-mean.ts";

interface Figures extends RoundOutcomes {
  wallMs: number;
  slowestTenant: { id: string; scanMs: number };
  tenantScanMs: number[];
  perTenant: { monthlyCostUsd: number; cpuSeconds: number };
}

const round = (over: Partial<Figures>): Figures => ({
  busy: 0, unfinished: 0, storedTwice: 0, peakRssMb: 100,
  wallMs: 1000, slowestTenant: { id: "fleet-000", scanMs: 500 }, tenantScanMs: [100, 200],
  perTenant: { monthlyCostUsd: 0.002, cpuSeconds: 1 },
  ...over,
});

/** A size's nightly figure is the mean of its rounds (bench/fleet.ts): the cost target is judged on it. */
describe("meanRound", () => {
  it("averages every figure of the rounds, lists element by element, nested figures included", () => {
    const mean = meanRound([
      round({ wallMs: 1000, tenantScanMs: [100, 200], perTenant: { monthlyCostUsd: 0.002, cpuSeconds: 1.2 } }),
      round({ wallMs: 3000, tenantScanMs: [300, 400], perTenant: { monthlyCostUsd: 0.001, cpuSeconds: 0.8 } }),
    ]);
    expect(mean.wallMs).toBe(2000);
    expect(mean.tenantScanMs).toEqual([200, 300]);
    expect(mean.perTenant).toEqual({ monthlyCostUsd: 0.0015, cpuSeconds: 1 });
  });

  it("sums busy, unfinished and stored-twice rounds, so one occurrence among ten rounds still shows whole", () => {
    const rounds = Array.from({ length: 10 }, (_, i) => round(i === 7 ? { busy: 1, unfinished: 2, storedTwice: 1 } : {}));
    const mean = meanRound(rounds);
    expect([mean.busy, mean.unfinished, mean.storedTwice]).toEqual([1, 2, 1]);
  });

  it("keeps the highest peak memory and the first round's names", () => {
    const mean = meanRound([round({ peakRssMb: 90 }), round({ peakRssMb: 140, slowestTenant: { id: "fleet-010", scanMs: 700 } })]);
    expect(mean.peakRssMb).toBe(140);
    expect(mean.slowestTenant).toEqual({ id: "fleet-000", scanMs: 600 });
  });

  it("refuses to average no rounds rather than return an empty figure", () => {
    expect(() => meanRound([])).toThrow(/no rounds/);
  });
});
