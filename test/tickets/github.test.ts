import { afterEach, describe, expect, it } from "vitest";
import { groupIdOf, ticketMarker } from "../../tickets/outbox.ts";
import { startFakeTracker, type FakeAnswer, type FakeTracker, type SeenRequest } from "../support/fake-tracker.ts";
import { fail, KEYS, pass, PUBLIC, ticketHarness, VERSIONING } from "./harness.ts";

const TOKEN = "ghp_never_logged_0123456789";
const marker = (checkId: string) => ticketMarker(groupIdOf("example-co", "check", { id: "", checkId }));

interface GitHubIssue { number: number; title: string; body: string; labels: string[]; state: "open" | "closed"; state_reason: string | null; comments: string[] }

/**
 * GitHub's REST API (2022-11-28) as documented: bearer token, the JSON media type and the
 * version header on every request, issues listed by label (pull requests mixed in), created
 * with labels, edited with state and state_reason, commented.
 */
function fakeGitHub(opts: { before?: (req: SeenRequest) => FakeAnswer | undefined } = {}) {
  const issues: GitHubIssue[] = [];
  const json = (i: GitHubIssue) => ({
    number: i.number, html_url: `https://github.com/example-msp/tickets/issues/${i.number}`, state: i.state, state_reason: i.state_reason,
    title: i.title, body: i.body, labels: i.labels.map((name) => ({ name })),
  });
  const handle = (req: SeenRequest): FakeAnswer => {
    expect(req.headers.accept).toBe("application/vnd.github+json");
    expect(req.headers["x-github-api-version"]).toBe("2022-11-28");
    expect(req.headers["user-agent"]).toMatch(/^cloud15\//);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: { message: "Bad credentials" } };
    const early = opts.before?.(req);
    if (early) return early;
    const body = req.body ? JSON.parse(req.body) : undefined;
    const route = `${req.method} ${req.path}`;
    if (route === "GET /repos/example-msp/tickets/issues") {
      expect(Object.fromEntries(req.query)).toEqual({ labels: "cloud15", state: "all", per_page: "100", page: req.query.get("page") });
      const page = Number(req.query.get("page"));
      // A pull request shows up in the issues list too, and must never be taken for a ticket.
      const all = [{ number: 999, state: "open", body: issues.map((i) => i.body).join("\n"), pull_request: { url: "x" } }, ...issues.map(json)];
      return { status: 200, body: all.slice((page - 1) * 100, page * 100) };
    }
    if (route === "POST /repos/example-msp/tickets/issues") {
      expect(Object.keys(body).sort()).toEqual(["body", "labels", "title"]);
      const issue: GitHubIssue = { number: issues.length + 1, title: body.title, body: body.body, labels: body.labels, state: "open", state_reason: null, comments: [] };
      issues.push(issue);
      return { status: 201, body: json(issue) };
    }
    const m = /^\/repos\/example-msp\/tickets\/issues\/(\d+)(\/comments)?$/.exec(req.path);
    const issue = m && issues.find((i) => i.number === Number(m[1]));
    if (!issue) return { status: 404, body: { message: "Not Found" } };
    if (req.method === "POST" && m![2]) {
      expect(Object.keys(body)).toEqual(["body"]);
      issue.comments.push(body.body);
      return { status: 201, body: { id: issue.comments.length, body: body.body } };
    }
    if (req.method === "PATCH") {
      expect(Object.keys(body).every((k) => ["body", "state", "state_reason"].includes(k))).toBe(true);
      issue.body = body.body;
      if (body.state) {
        issue.state = body.state;
        issue.state_reason = body.state_reason;
      }
      return { status: 200, body: json(issue) };
    }
    throw new Error(`unexpected ${route}`);
  };
  return { issues, handle };
}

let github: FakeTracker | undefined;
let harness: Awaited<ReturnType<typeof ticketHarness>> | undefined;
afterEach(async () => {
  expect(github?.failures ?? []).toEqual([]);
  await github?.stop();
  await harness?.dispose();
  github = undefined;
  harness = undefined;
});

async function setUp(fake: ReturnType<typeof fakeGitHub>) {
  github = await startFakeTracker(fake.handle);
  harness = await ticketHarness(
    { kind: "github", url: github.url, allowPrivateNetwork: true, repo: "example-msp/tickets", token: { env: "GH_TOKEN" } },
    { GH_TOKEN: TOKEN },
  );
  return { github, h: harness };
}

const issueFor = (fake: ReturnType<typeof fakeGitHub>, checkId: string) => {
  const issue = fake.issues.find((i) => i.body.includes(marker(checkId)));
  if (!issue) throw new Error(`no issue for ${checkId}`);
  return issue;
};

describe("GitHub Issues target", () => {
  it("files a Markdown issue with the cloud15 and severity labels, closes it as completed and reopens it as reopened", async () => {
    const fake = fakeGitHub();
    const { h } = await setUp(fake);
    await h.scan(fail(PUBLIC, "a"), fail(VERSIONING, "c"));
    const pub = issueFor(fake, "aws.s3.bucket_public");
    expect(pub.labels).toEqual(["cloud15", "severity: critical"]);
    expect(issueFor(fake, "aws.s3.bucket_versioning").labels).toEqual(["cloud15", "severity: medium"]);
    expect(pub.title).toBe("[Example Co.] Action needed: aws.s3.bucket_public title");
    expect(pub.body).toContain("### What to do\n\nsteps");
    expect(pub.body).toContain("[Open the findings page](https://cloud15.example.jp/t/example-co/)");

    await h.scan(pass(PUBLIC, "a"), fail(VERSIONING, "c"));
    expect(pub).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(pub.comments.at(-1)).toContain("Fixed: a");

    await h.scan(fail(PUBLIC, "a"), fail(VERSIONING, "c"));
    expect(pub).toMatchObject({ state: "open", state_reason: "reopened" });
    expect(pub.comments.at(-1)).toContain("The problem is back");
    expect(fake.issues).toHaveLength(2);
  });

  it("leaves the rest of the outbox for the next run when the rate limit is spent until later, and delivers it then", async () => {
    let limitedUntil = 0;
    const fake = fakeGitHub({
      before: (req) => (req.method === "POST" && Date.now() < limitedUntil
        ? { status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(limitedUntil / 1000)) }, body: { message: "API rate limit exceeded" } }
        : undefined),
    });
    const { github, h } = await setUp(fake);
    limitedUntil = Date.now() + 3_600_000;
    const { report } = await h.scan(fail(PUBLIC, "a"), fail(VERSIONING, "c"), fail(KEYS, "k"));
    // One attempt hit the limit; the other two were not tried at all, so they burn no attempt.
    expect(report.targets[0]).toMatchObject({ delivered: 0, failed: 1, waiting: 3 });
    expect(github.calls("POST /repos/example-msp/tickets/issues")).toHaveLength(1);
    const waiting = await h.outbox();
    expect(waiting.map((e) => e.attempts).sort()).toEqual([0, 0, 1]);
    const limited = waiting.find((e) => e.attempts === 1)!;
    expect(Date.parse(limited.nextAttemptAt!) - h.now().getTime()).toBeGreaterThanOrEqual(3_500_000);

    limitedUntil = 0;
    h.advance(2 * 3_600_000);
    const later = await h.deliver();
    expect(later.targets[0]).toMatchObject({ delivered: 3, failed: 0, waiting: 0 });
    expect(fake.issues).toHaveLength(3);
  });

  it("keeps the token out of problems and the outbox when GitHub refuses it", async () => {
    const fake = fakeGitHub({ before: (req) => ({ status: 401, body: { message: `Bad credentials: ${req.headers.authorization}` } }) });
    const { h } = await setUp(fake);
    const { report } = await h.scan(fail(PUBLIC, "a"));
    expect(report.targets[0]!.problems[0]).toContain("HTTP 401");
    expect(report.targets[0]!.problems[0]).not.toContain(TOKEN);
    expect(JSON.stringify(await h.outbox())).not.toContain(TOKEN);
  });
});
