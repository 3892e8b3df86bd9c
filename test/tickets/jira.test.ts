import { afterEach, describe, expect, it } from "vitest";
import { groupIdOf, ticketMarker } from "../../tickets/outbox.ts";
import { startFakeTracker, type FakeAnswer, type FakeTracker, type SeenRequest } from "../support/fake-tracker.ts";
import { fail, KEYS, PAGE_URL, pass, PUBLIC, ticketHarness, VERSIONING } from "./harness.ts";

const EMAIL = "vendor@example.jp";
const TOKEN = "jira-token-never-logged";
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString("base64")}`;
const marker = (checkId: string) => ticketMarker(groupIdOf("example-co", "check", { id: "", checkId }));

interface JiraIssue { key: string; labels: string[]; category: "new" | "done"; fields: Record<string, unknown>; comments: unknown[] }

/** Nodes and marks of ADF that Jira renders; anything else in our output would be a bug. */
function assertAdf(doc: unknown): void {
  const d = doc as { version: number; type: string; content: unknown[] };
  if (d.version !== 1 || d.type !== "doc" || !Array.isArray(d.content)) throw new Error("not an ADF doc");
  const walk = (node: { type: string; text?: string; content?: unknown[]; marks?: { type: string; attrs?: { href?: string } }[]; attrs?: { level?: number } }) => {
    if (!["paragraph", "heading", "bulletList", "listItem", "text"].includes(node.type)) throw new Error(`unexpected ADF node ${node.type}`);
    if (node.type === "text" && !node.text) throw new Error("empty ADF text node");
    if (node.type === "heading" && !(node.attrs?.level && node.attrs.level >= 1 && node.attrs.level <= 6)) throw new Error("heading without level");
    for (const mark of node.marks ?? []) if (mark.type !== "link" || !mark.attrs?.href) throw new Error(`unexpected mark ${mark.type}`);
    for (const child of node.content ?? []) walk(child as never);
  };
  for (const node of d.content) walk(node as never);
}

const adfText = (doc: unknown): string => JSON.stringify(doc);

function issueFor(fake: ReturnType<typeof fakeJira>, checkId: string): JiraIssue {
  const issue = [...fake.issues.values()].find((i) => i.labels.includes(marker(checkId)));
  if (!issue) throw new Error(`no issue for ${checkId}`);
  return issue;
}

/**
 * Jira Cloud REST v3 as documented: basic auth (email:API token), JSON, the enhanced JQL
 * search, issue create with ADF and labels, edit, comments, and workflow transitions.
 */
function fakeJira(opts: { onCreate?: (req: SeenRequest, issue: JiraIssue) => FakeAnswer | undefined; onComment?: () => FakeAnswer | undefined } = {}) {
  const issues = new Map<string, JiraIssue>();
  const handle = (req: SeenRequest): FakeAnswer => {
    if (req.headers.authorization !== BASIC) return { status: 401, body: { errorMessages: ["unauthorized"] } };
    if (req.method !== "GET" && req.headers["content-type"] !== "application/json") throw new Error("body is not JSON");
    if (req.headers.accept !== "application/json") throw new Error("Accept is not application/json");
    const body = req.body ? JSON.parse(req.body) : undefined;
    const route = `${req.method} ${req.path}`;
    if (route === "POST /rest/api/3/search/jql") {
      const m = /^project = "OPS" AND labels = "(cloud15-[0-9a-f]{24})"$/.exec(body.jql);
      if (!m) throw new Error(`unexpected JQL ${body.jql}`);
      expect(body).toEqual({ jql: body.jql, fields: ["status"], maxResults: 1 });
      const found = [...issues.values()].filter((i) => i.labels.includes(m[1]!));
      return { status: 200, body: { issues: found.map((i) => ({ id: i.key, key: i.key, fields: { status: { statusCategory: { key: i.category } } } })) } };
    }
    if (route === "POST /rest/api/3/issue") {
      const f = body.fields;
      expect(Object.keys(f).sort()).toEqual(["description", "issuetype", "labels", "priority", "project", "summary"]);
      expect(f.project).toEqual({ key: "OPS" });
      expect(f.issuetype).toEqual({ name: "Task" });
      expect(f.labels).toEqual(["cloud15", expect.stringMatching(/^cloud15-[0-9a-f]{24}$/)]);
      assertAdf(f.description);
      const issue: JiraIssue = { key: `OPS-${issues.size + 1}`, labels: f.labels, category: "new", fields: f, comments: [] };
      issues.set(issue.key, issue);
      return opts.onCreate?.(req, issue) ?? { status: 201, body: { id: String(10000 + issues.size), key: issue.key, self: `${req.headers.host}/rest/api/3/issue/${issue.key}` } };
    }
    const m = /^\/rest\/api\/3\/issue\/(OPS-\d+)(\/comment|\/transitions)?$/.exec(req.path);
    const issue = m && issues.get(m[1]!);
    if (!issue) return { status: 404, body: { errorMessages: ["Issue does not exist"] } };
    if (req.method === "PUT" && !m![2]) {
      expect(Object.keys(body.fields)).toEqual(["description"]);
      assertAdf(body.fields.description);
      issue.fields.description = body.fields.description;
      return { status: 204 };
    }
    if (req.method === "POST" && m![2] === "/comment") {
      const answer = opts.onComment?.();
      if (answer) return answer;
      assertAdf(body.body);
      issue.comments.push(body.body);
      return { status: 201, body: { id: String(issue.comments.length) } };
    }
    const transitions = [
      { id: "11", name: "To Do", to: { name: "To Do", statusCategory: { key: "new" } } },
      { id: "31", name: "Done", to: { name: "Done", statusCategory: { key: "done" } } },
    ].filter((t) => t.to.statusCategory.key !== issue.category);
    if (req.method === "GET" && m![2] === "/transitions") return { status: 200, body: { transitions } };
    if (req.method === "POST" && m![2] === "/transitions") {
      const chosen = transitions.find((t) => t.id === body.transition?.id);
      if (!chosen) return { status: 400, body: { errorMessages: ["Transition id is not valid for this issue"] } };
      issue.category = chosen.to.statusCategory.key as JiraIssue["category"];
      return { status: 204 };
    }
    throw new Error(`unexpected ${route}`);
  };
  return { issues, handle };
}

let jira: FakeTracker | undefined;
let harness: Awaited<ReturnType<typeof ticketHarness>> | undefined;
afterEach(async () => {
  expect(jira?.failures ?? []).toEqual([]);
  await jira?.stop();
  await harness?.dispose();
  jira = undefined;
  harness = undefined;
});

async function setUp(fake: ReturnType<typeof fakeJira>) {
  jira = await startFakeTracker(fake.handle);
  harness = await ticketHarness(
    { kind: "jira", url: jira.url, allowPrivateNetwork: true, email: EMAIL, apiToken: { env: "JIRA_TOKEN" }, project: "OPS" },
    { JIRA_TOKEN: TOKEN },
  );
  return { jira, h: harness };
}

describe("Jira Cloud target", () => {
  it("looks each ticket up by its label, then creates it with an ADF description, the marker label and the severity's priority", async () => {
    const fake = fakeJira();
    const { jira, h } = await setUp(fake);
    const { report } = await h.scan(fail(PUBLIC, "a", "b"), fail(VERSIONING, "c"));
    expect(report.targets[0]).toMatchObject({ targetId: "jira", delivered: 2, failed: 0, waiting: 0 });
    expect(jira.calls("POST /rest/api/3/search/jql")).toHaveLength(2);
    const pub = issueFor(fake, "aws.s3.bucket_public");
    expect(pub.fields.priority).toEqual({ name: "Highest" });
    expect(issueFor(fake, "aws.s3.bucket_versioning").fields.priority).toEqual({ name: "Medium" });
    expect(pub.fields.summary).toBe("[Example Co.] Action needed: aws.s3.bucket_public title");
    const description = adfText(pub.fields.description);
    expect(description).toContain("Affected resources");
    expect(description).toContain("What to do");
    expect(description).toContain(`"href":"${PAGE_URL}/t/example-co/"`);
    expect(description).toMatch(/"text":"a \(AWS::S3::Bucket, ap-northeast-1\)"/);
    expect(description).toMatch(/"text":"b \(AWS::S3::Bucket, ap-northeast-1\)"/);
  });

  it("updates the description, comments what changed, and moves the issue through the workflow to close and reopen", async () => {
    const fake = fakeJira();
    const { jira, h } = await setUp(fake);
    await h.scan(fail(PUBLIC, "a", "b"), fail(VERSIONING, "c"));
    const searches = jira.calls("POST /rest/api/3/search/jql").length;

    await h.scan(fail(PUBLIC, "a"), pass(PUBLIC, "b"), pass(VERSIONING, "c"));
    // Keys are recorded: no more searches.
    expect(jira.calls("POST /rest/api/3/search/jql")).toHaveLength(searches);
    const [pub, ver] = [issueFor(fake, "aws.s3.bucket_public"), issueFor(fake, "aws.s3.bucket_versioning")];
    expect(pub.category).toBe("new");
    expect(adfText(pub.comments.at(-1))).toContain("Fixed: b");
    expect(adfText(pub.fields.description)).not.toContain("\"text\":\"b (");
    expect(ver.category).toBe("done");
    expect(adfText(ver.comments.at(-1))).toContain("Every affected resource is fixed now");
    expect(jira.calls(`POST /rest/api/3/issue/${ver.key}/transitions`).map((r) => JSON.parse(r.body))).toEqual([{ transition: { id: "31" } }]);

    await h.scan(fail(PUBLIC, "a"), fail(VERSIONING, "c"));
    expect(ver.category).toBe("new");
    expect(adfText(ver.comments.at(-1))).toContain("The problem is back");
    expect(jira.calls(`POST /rest/api/3/issue/${ver.key}/transitions`).map((r) => JSON.parse(r.body))).toEqual([{ transition: { id: "31" } }, { transition: { id: "11" } }]);
    expect(fake.issues.size).toBe(2);
  });

  it("waits out a 429's Retry-After within the run and then delivers", async () => {
    let throttled = 0;
    const fake = fakeJira({ onComment: () => (throttled++ === 0 ? { status: 429, headers: { "Retry-After": "1" }, body: { errorMessages: ["Rate limit exceeded"] } } : undefined) });
    const { jira, h } = await setUp(fake);
    await h.scan(fail(PUBLIC, "a"));
    const started = Date.now();
    const { report } = await h.scan(fail(PUBLIC, "a", "b"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(report.targets[0]).toMatchObject({ delivered: 1, failed: 0, waiting: 0 });
    expect(jira.calls("POST /rest/api/3/issue/OPS-1/comment")).toHaveLength(2);
    expect(fake.issues.get("OPS-1")!.comments).toHaveLength(1);
  });

  it("never repeats a creation that got a 5xx; the next run finds the issue the tracker made anyway", async () => {
    let failCreate = true;
    const fake = fakeJira({
      onCreate: () => (failCreate ? { status: 500, body: { errorMessages: ["Internal server error"] } } : undefined),
    });
    const { jira, h } = await setUp(fake);
    const first = await h.scan(fail(KEYS, "k"));
    expect(first.report.targets[0]).toMatchObject({ delivered: 0, failed: 1, waiting: 1 });
    expect(first.report.targets[0]!.problems[0]).toMatch(/^POST 127\.0\.0\.1:\d+\/rest\/api\/3\/issue: HTTP 500/);
    // Created on the tracker's side despite the 500, and not sent again within the run.
    expect(jira.calls("POST /rest/api/3/issue")).toHaveLength(1);
    expect(fake.issues.size).toBe(1);

    failCreate = false;
    h.advance(60 * 60_000);
    const report = await h.deliver();
    expect(report.targets[0]).toMatchObject({ delivered: 1, failed: 0, waiting: 0 });
    expect(jira.calls("POST /rest/api/3/issue")).toHaveLength(1);
    expect(fake.issues.size).toBe(1);
    expect(fake.issues.get("OPS-1")!.fields.priority).toEqual({ name: "Low" });
  });

  it("keeps the token out of every message, even when the tracker echoes it", async () => {
    const fake = fakeJira();
    const echo = (req: SeenRequest): FakeAnswer => ({ status: 400, body: { errorMessages: [`bad request from ${req.headers.authorization} (${TOKEN})`] } });
    const { h } = await setUp({ ...fake, handle: echo });
    const { feed, report } = await h.scan(fail(PUBLIC, "a"));
    const problem = report.targets[0]!.problems[0]!;
    expect(problem).toContain("HTTP 400");
    expect(problem).not.toContain(TOKEN);
    expect(problem).not.toContain(BASIC.slice(6));
    expect(JSON.stringify(await h.outbox())).not.toContain(TOKEN);
    expect(JSON.stringify(feed)).not.toContain(TOKEN);
  });
});
