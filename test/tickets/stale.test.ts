import { describe, expect, it } from "vitest";
import type { FeedProviderScan } from "../../feed/schema.ts";
import type { TicketTarget } from "../../tickets/target-config.ts";
import { startFakeTracker } from "../support/fake-tracker.ts";
import { fail, pass, PUBLIC, result, run, ticketHarness, VERSIONING } from "./harness.ts";

const refused = { operation: "AssumeRole", code: "AccessDenied", message: "not authorized to perform sts:AssumeRole" };

function aws(status: FeedProviderScan["status"]): FeedProviderScan {
  const at = "2026-11-01T00:00:00.000Z";
  return { provider: "aws", status, startedAt: at, finishedAt: at, apiCalls: {}, errors: status === "ok" ? [] : [refused] };
}

/** What the pipeline judges when the account cannot be reached: every check `error` (scan/scan-steps.ts). */
const unreached = (...metas: (typeof PUBLIC)[]) => metas.map((m) =>
  run(m, result("error", { uid: "aws:tenant/example-co", name: "AWS (example-co)", type: "AWS::Account" }, { reason: { ja: "拒否", en: "refused" }, cause: refused })));

describe("tickets when a provider could not be scanned", () => {
  it("closes no ticket and sends nothing while the account is unreachable, and resolves once a scan sees the fix", async () => {
    const events: { event: string; changes: { kind: string; resource: { name: string } }[] }[] = [];
    const hook = await startFakeTracker((req) => {
      events.push(JSON.parse(req.body));
      return { status: 204 };
    });
    const harness = await ticketHarness({ kind: "webhook", url: `${hook.url}/cloud15`, secret: { env: "HOOK_SECRET" }, allowPrivateNetwork: true } as TicketTarget, { HOOK_SECRET: "s" });
    try {
      await harness.scanAs([aws("ok")], fail(PUBLIC, "site"), pass(VERSIONING, "site"));
      expect(events.map((e) => e.event)).toEqual(["opened"]);

      const { feed, report } = await harness.scanAs([aws("unreachable")], ...unreached(PUBLIC, VERSIONING));
      expect(feed.findings.find((f) => f.checkId === PUBLIC.id)).toMatchObject({ status: "fail", state: "open", stale: true });
      expect(feed.summary.resolved).toBe(0);
      expect(report.targets[0]).toMatchObject({ delivered: 0, failed: 0, waiting: 0 });
      expect(await harness.outbox()).toEqual([]);
      // Nor a "could not check" note: the stale verdict is the last known one, unchanged.
      await harness.scanAs([aws("unreachable")], ...unreached(PUBLIC, VERSIONING));
      expect(events).toHaveLength(1);

      await harness.scanAs([aws("ok")], pass(PUBLIC, "site"), pass(VERSIONING, "site"));
      expect(events.map((e) => [e.event, e.changes.map((c) => `${c.kind} ${c.resource.name}`)])).toEqual([
        ["opened", ["opened site"]],
        ["resolved", ["resolved site"]],
      ]);
      expect(hook.failures).toEqual([]);
    } finally {
      await hook.stop();
      await harness.dispose();
    }
  });
});
