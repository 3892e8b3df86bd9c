import { afterEach, describe, expect, it } from "vitest";
import { groupIdOf, ticketMarker } from "../../tickets/outbox.ts";
import { startFakeTracker, type FakeAnswer, type FakeTracker, type SeenRequest } from "../support/fake-tracker.ts";
import { fail, KEYS, PAGE_URL, pass, PUBLIC, ticketHarness, VERSIONING } from "./harness.ts";

const API_KEY = "backlog-api-key-never-logged";
const PROJECT_ID = 4711;
const marker = (checkId: string) => ticketMarker(groupIdOf("example-co", "check", { id: "", checkId }));

interface BacklogIssue { id: number; issueKey: string; form: URLSearchParams; statusId: number; description: string; comments: string[] }

/**
 * Backlog API v2 as documented: the key in the `apiKey` query parameter, form-encoded bodies,
 * project and issue types by key, `keyword` issue search, PATCH with `statusId` and `comment`.
 */
function fakeBacklog(opts: { before?: (req: SeenRequest) => FakeAnswer | undefined } = {}) {
  const issues = new Map<string, BacklogIssue>();
  const issueJson = (i: BacklogIssue) => ({
    id: i.id, projectId: PROJECT_ID, issueKey: i.issueKey, keyId: i.id, summary: i.form.get("summary"),
    description: i.description, priority: { id: Number(i.form.get("priorityId")) }, status: { id: i.statusId, projectId: PROJECT_ID },
  });
  const handle = (req: SeenRequest): FakeAnswer => {
    if (req.query.get("apiKey") !== API_KEY) return { status: 401, body: { errors: [{ message: "Authentication failure.", code: 11 }] } };
    const early = opts.before?.(req);
    if (early) return early;
    const form = new URLSearchParams(req.body);
    if (req.method === "POST" || req.method === "PATCH") {
      expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    }
    const route = `${req.method} ${req.path}`;
    if (route === "GET /api/v2/projects/ITSUPPORT") return { status: 200, body: { id: PROJECT_ID, projectKey: "ITSUPPORT", name: "IT support" } };
    if (route === "GET /api/v2/projects/ITSUPPORT/issueTypes") {
      return { status: 200, body: [{ id: 101, projectId: PROJECT_ID, name: "タスク" }, { id: 102, projectId: PROJECT_ID, name: "セキュリティ" }] };
    }
    if (route === "GET /api/v2/issues") {
      expect(req.query.getAll("projectId[]")).toEqual([String(PROJECT_ID)]);
      const keyword = req.query.get("keyword") ?? "";
      expect(keyword).toMatch(/^cloud15-[0-9a-f]{24}$/);
      return { status: 200, body: [...issues.values()].filter((i) => i.description.includes(keyword)).map(issueJson) };
    }
    if (route === "POST /api/v2/issues") {
      expect([...form.keys()].sort()).toEqual(["description", "issueTypeId", "priorityId", "projectId", "summary"]);
      expect(form.get("projectId")).toBe(String(PROJECT_ID));
      expect(form.get("issueTypeId")).toBe("102");
      const n = issues.size + 1;
      const issue: BacklogIssue = { id: n, issueKey: `ITSUPPORT-${n}`, form, statusId: 1, description: form.get("description")!, comments: [] };
      issues.set(issue.issueKey, issue);
      return { status: 201, body: issueJson(issue) };
    }
    const m = /^\/api\/v2\/issues\/(ITSUPPORT-\d+)$/.exec(req.path);
    const issue = m && issues.get(m[1]!);
    if (req.method === "PATCH" && issue) {
      expect([...form.keys()].every((k) => ["description", "comment", "statusId"].includes(k))).toBe(true);
      issue.description = form.get("description") ?? issue.description;
      if (form.get("comment")) issue.comments.push(form.get("comment")!);
      if (form.get("statusId")) issue.statusId = Number(form.get("statusId"));
      return { status: 200, body: issueJson(issue) };
    }
    throw new Error(`unexpected ${route}`);
  };
  return { issues, handle };
}

let backlog: FakeTracker | undefined;
let harness: Awaited<ReturnType<typeof ticketHarness>> | undefined;
afterEach(async () => {
  expect(backlog?.failures ?? []).toEqual([]);
  await backlog?.stop();
  await harness?.dispose();
  backlog = undefined;
  harness = undefined;
});

async function setUp(fake: ReturnType<typeof fakeBacklog>) {
  backlog = await startFakeTracker(fake.handle);
  harness = await ticketHarness(
    { kind: "backlog", url: backlog.url, allowPrivateNetwork: true, apiKey: { env: "BACKLOG_KEY" }, project: "ITSUPPORT", issueType: "セキュリティ" },
    { BACKLOG_KEY: API_KEY },
    { language: "ja" },
  );
  return { backlog, h: harness };
}

const issueFor = (fake: ReturnType<typeof fakeBacklog>, checkId: string) => {
  const issue = [...fake.issues.values()].find((i) => i.description.includes(marker(checkId)));
  if (!issue) throw new Error(`no issue for ${checkId}`);
  return issue;
};

describe("Backlog target", () => {
  it("creates issues with priorityId and issueTypeId in Japanese, closes with statusId 4 and reopens with 1, commenting each time", async () => {
    const fake = fakeBacklog();
    const { h } = await setUp(fake);
    await h.scan(fail(PUBLIC, "a"), fail(VERSIONING, "c"), fail(KEYS, "k"));
    const pub = issueFor(fake, "aws.s3.bucket_public");
    expect(pub.form.get("priorityId")).toBe("2");
    expect(issueFor(fake, "aws.s3.bucket_versioning").form.get("priorityId")).toBe("3");
    expect(issueFor(fake, "aws.iam.access_key_rotation").form.get("priorityId")).toBe("4");
    expect(pub.form.get("summary")).toBe("[Example Co.] 要対応: aws.s3.bucket_public 題");
    expect(pub.description).toContain("■ 対処方法\n\n手順");
    expect(pub.description).toContain(`診断結果ページを開く: ${PAGE_URL}/t/example-co/`);

    await h.scan(pass(PUBLIC, "a"), fail(VERSIONING, "c"), fail(KEYS, "k"));
    expect(pub.statusId).toBe(4);
    expect(pub.comments.at(-1)).toContain("解消: a");

    await h.scan(fail(PUBLIC, "a"), fail(VERSIONING, "c"), fail(KEYS, "k"));
    expect(pub.statusId).toBe(1);
    expect(pub.comments.at(-1)).toContain("問題が再発しました");
    expect(fake.issues.size).toBe(3);
  });

  it("sends the API key only as the apiKey query parameter, and never shows it in a problem", async () => {
    const fake = fakeBacklog({ before: (req) => (req.method === "POST" ? { status: 400, body: { errors: [{ message: `bad: ${req.query.get("apiKey")}` }] } } : undefined) });
    const { backlog, h } = await setUp(fake);
    const { report } = await h.scan(fail(PUBLIC, "a"));
    for (const req of backlog.requests) {
      expect(req.query.get("apiKey")).toBe(API_KEY);
      expect(JSON.stringify(req.headers)).not.toContain(API_KEY);
    }
    expect(report.targets[0]!.problems[0]).toMatch(/^POST 127\.0\.0\.1:\d+\/api\/v2\/issues: HTTP 400/);
    expect(report.targets[0]!.problems[0]).not.toContain(API_KEY);
  });

  it("honours X-RateLimit-Reset on a 429 and retries a 503 on a read, both within the run", async () => {
    let limited = false;
    let unavailable = false;
    const fake = fakeBacklog({
      before: (req) => {
        if (req.path === "/api/v2/projects/ITSUPPORT" && !unavailable) {
          unavailable = true;
          return { status: 503, body: "Service Unavailable" };
        }
        if (req.method === "POST" && !limited) {
          limited = true;
          return { status: 429, headers: { "X-RateLimit-Limit": "150", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(Math.ceil(Date.now() / 1000) + 1) }, body: { errors: [{ message: "Too Many Requests", code: 20 }] } };
        }
        return undefined;
      },
    });
    const { backlog, h } = await setUp(fake);
    const started = Date.now();
    const { report } = await h.scan(fail(PUBLIC, "a"));
    expect(report.targets[0]).toMatchObject({ delivered: 1, failed: 0, waiting: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(backlog.calls("GET /api/v2/projects/ITSUPPORT")).toHaveLength(2);
    expect(backlog.calls("POST /api/v2/issues")).toHaveLength(2);
    expect(fake.issues.size).toBe(1);
  });
});
