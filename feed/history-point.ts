import type { Feed } from "./schema.ts";

/**
 * Whether a round's feed becomes a point of the history (the page's trend, the monthly report).
 * The shop is checked hourly, and such a round carries the clouds' verdicts unchanged from the
 * night (`lastScan` on their entries): kept as points, they would fill the history 24 times a
 * day with the same verdicts, and the trend's last 30 points would cover little more than a day.
 * The latest feed still takes every round, so the page and the tickets see the shop at once.
 * A tenant with no cloud at all keeps every round.
 */
export function isHistoryPoint(feed: Feed): boolean {
  const clouds = feed.scan.providers.filter((p) => p.provider !== "site");
  return clouds.length === 0 || clouds.some((p) => p.lastScan === undefined);
}
