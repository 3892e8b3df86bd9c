import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildFeed, writeFixtureData } from "./fixtures.ts";

/**
 * A vendor's data folder: the page fixtures' `acme` (1 critical, with a score history) and
 * `beta` (no critical), plus `gamma` (3 criticals, its Microsoft 365 unreachable and shown
 * from an older scan, as feed schema 1.1 records it) and `delta`, whose feed is damaged.
 */
export const GAMMA_NAME = "ガンマ運輸株式会社";
export const STALE_SINCE = "2025-01-27T18:00:00Z";

export async function writeVendorFixtureData() {
  const data = await writeFixtureData();
  const gamma = buildFeed({
    tenant: { id: "gamma", name: GAMMA_NAME }, scanId: "scan-gamma-1", finishedAt: "2025-02-03T18:10:00Z", score: 31,
    specs: ["root", "public", "edit-link"].map((name) => ({
      checkId: `aws.test.${name}`, provider: "aws" as const, service: "iam", status: "fail" as const, severity: "critical" as const,
      ipaItems: [9], state: "open" as const, name, title: ["問題があります", "A problem"] as [string, string],
    })),
  });
  const providers = [
    ...gamma.scan.providers,
    {
      provider: "microsoft", status: "unreachable", startedAt: gamma.scan.startedAt, finishedAt: gamma.scan.finishedAt, apiCalls: {},
      errors: [{ operation: "token", code: "ETIMEDOUT", message: "connect ETIMEDOUT 40.126.0.1:443" }],
      stale: { since: STALE_SINCE, reason: { ja: "接続できませんでした", en: "could not be reached" } },
    },
  ];
  await mkdir(join(data.dataDir, "gamma"), { recursive: true });
  await writeFile(join(data.dataDir, "gamma", "feed.json"), JSON.stringify({ ...gamma, schemaVersion: "1.1", scan: { ...gamma.scan, providers } }));
  await mkdir(join(data.dataDir, "delta"), { recursive: true });
  await writeFile(join(data.dataDir, "delta", "feed.json"), "{\"schemaVersion\": \"1.0\", \"tenant\":");
  return data;
}
