/** What must show any occurrence among a size's nightly rounds, whatever the others did. */
export interface RoundOutcomes {
  busy: number;
  unfinished: number;
  storedTwice: number;
  peakRssMb: number;
}

/**
 * The mean of one fleet size's nightly rounds, figure by figure: numbers averaged, lists element
 * by element, names and other text from the first round. A round busy, unfinished or stored
 * twice is summed rather than averaged, so one occurrence is never diluted below a whole, and
 * peak memory is the highest.
 */
export function meanRound<T extends RoundOutcomes>(rounds: readonly T[]): T {
  if (rounds.length === 0) throw new Error("meanRound: no rounds to average");
  const sum = (pick: (r: T) => number) => rounds.reduce((n, r) => n + pick(r), 0);
  return {
    ...(meanOf(rounds) as T),
    busy: sum((r) => r.busy),
    unfinished: sum((r) => r.unfinished),
    storedTwice: sum((r) => r.storedTwice),
    peakRssMb: Math.max(...rounds.map((r) => r.peakRssMb)),
  };
}

function meanOf(values: readonly unknown[]): unknown {
  const first = values[0];
  if (typeof first === "number") return Number(((values as number[]).reduce((a, b) => a + b, 0) / values.length).toPrecision(6));
  if (Array.isArray(first)) return first.map((_, i) => meanOf(values.map((v) => (v as unknown[])[i])));
  if (first !== null && typeof first === "object") {
    return Object.fromEntries(Object.keys(first).map((k) => [k, meanOf(values.map((v) => (v as Record<string, unknown>)[k]))]));
  }
  return first;
}
