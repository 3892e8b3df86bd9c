import { setTimeout as sleep } from "node:timers/promises";

/**
 * Every simulator's latency: resolves at `due` (a `performance.now()` time) or as soon after as
 * the event loop allows, never before. Node's timers count whole milliseconds on a clock kept
 * to the millisecond, so a timer can fire up to a millisecond before the time asked for (a
 * timeout rounded up did, for about one answer in twenty): each wake reads the clock and
 * sleeps again for what is left. Timers only, no spinning: a simulator shares the cores with
 * the scan it answers.
 */
export async function waitUntil(due: number): Promise<void> {
  for (let left = due - performance.now(); left > 0; left = due - performance.now()) await sleep(left);
}
