import { afterEach, describe, expect, it } from "vitest";
import type { TicketTarget } from "../../tickets/target-config.ts";
import { startFakeTracker, type FakeAnswer, type FakeTracker } from "../support/fake-tracker.ts";
import { fail, PUBLIC, ticketHarness } from "./harness.ts";

const SECRET = "whsec-shared-between-msp-and-cloud15";
/** A token the tracker quotes that cloud15 never registered: only the shared patterns can catch it. */
const FOREIGN_TOKEN = "ghp_aaaaBBBBccccDDDDeeeeFFFFgggg0123456789";

let hook: FakeTracker | undefined;
let harness: Awaited<ReturnType<typeof ticketHarness>> | undefined;
afterEach(async () => {
  await hook?.stop();
  await harness?.dispose();
  hook = undefined;
  harness = undefined;
});

/** A webhook that gives up after one attempt, so the first refusal lands in the feed's `tickets.dead`. */
async function refusedBy(answer: FakeAnswer) {
  hook = await startFakeTracker(() => answer);
  harness = await ticketHarness(
    { kind: "webhook", url: `${hook.url}/cloud15`, allowPrivateNetwork: true, secret: { env: "HOOK_SECRET" }, maxAttempts: 1 } as TicketTarget,
    { HOOK_SECRET: SECRET },
    { retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1, maxWaitMs: 0 } },
  );
  const { report } = await harness.scan(fail(PUBLIC, "a"));
  // The feed shows the outbox as it stood before delivery: the next scan's feed lists it as dead.
  const { feed } = await harness.scan(fail(PUBLIC, "a"));
  const outbox = await harness.outbox();
  expect(outbox).toHaveLength(1);
  expect(feed.tickets!.dead).toHaveLength(1);
  const stored = [outbox[0]!.lastError!, feed.tickets!.dead[0]!.lastError, report.targets[0]!.problems[0]!];
  // The outbox, the feed and the report (what the CLI and the Lambda log) say the same.
  expect(new Set(stored).size).toBe(1);
  return { text: stored[0]!, path: `POST ${new URL(hook.url).host}/cloud15` };
}

describe("tracker error text in the outbox, the feed and the logs", () => {
  it("keeps only the status of an answer that is not a tracker's error document, never its body", async () => {
    const page = `<html><body><h1>Forbidden</h1><pre>X-Cloud15-Signature: v1=abc\nAuthorization: Bearer ${"x".repeat(40)}\n${"debug ".repeat(500)}</pre></body></html>`;
    const { text, path } = await refusedBy({ status: 403, headers: { "content-type": "text/html" }, body: page });
    expect(text).toBe(`${path}: HTTP 403 Forbidden`);
  });

  it("keeps the tracker's documented reason, short, with tokens it quotes blanked out", async () => {
    const { text, path } = await refusedBy({
      status: 422,
      body: {
        message: `Validation Failed for ${FOREIGN_TOKEN} with apiKey=k3y-that-leaked ${"because ".repeat(100)}`,
        documentation_url: "https://docs.github.com/rest",
        request: { headers: { authorization: `token ${FOREIGN_TOKEN}` } },
      },
    });
    expect(text.startsWith(`${path}: HTTP 422 Unprocessable Entity: Validation Failed for [token] with apiKey=[redacted] because`)).toBe(true);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).not.toContain(FOREIGN_TOKEN);
    expect(text).not.toContain("k3y-that-leaked");
    expect(text).not.toContain("docs.github.com");
  });

  it("blanks the target's own secret out before cutting, so no part of it is left at the cut", async () => {
    // The secret straddles the point where the reason is cut.
    const { text } = await refusedBy({ status: 400, body: { errors: [`${"y".repeat(150)}${SECRET}`] } });
    expect(text).not.toContain(SECRET.slice(0, 8));
    expect(text).toContain("[secret]");
  });

  it("reads each tracker's error document: Jira's errorMessages and errors, Redmine's errors, Backlog's errors[].message", async () => {
    const jira = await refusedBy({ status: 400, body: { errorMessages: ["Issue type is required"], errors: { summary: "Summary is too long" } } });
    expect(jira.text).toBe(`${jira.path}: HTTP 400 Bad Request: Issue type is required; summary: Summary is too long`);
    await hook!.stop();
    await harness!.dispose();
    const redmine = await refusedBy({ status: 422, body: { errors: ["Subject cannot be blank"] } });
    expect(redmine.text).toBe(`${redmine.path}: HTTP 422 Unprocessable Entity: Subject cannot be blank`);
    await hook!.stop();
    await harness!.dispose();
    const backlog = await refusedBy({ status: 400, body: { errors: [{ message: "No such issue type.", code: 7, moreInfo: "" }] } });
    expect(backlog.text).toBe(`${backlog.path}: HTTP 400 Bad Request: No such issue type.`);
  });
});
