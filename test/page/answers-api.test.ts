import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredAnswer } from "../../feed/answers.ts";
import type { Feed } from "../../feed/schema.ts";
import { isFeed } from "../../feed/validate.ts";
import { startFindingsServer, type FindingsServer } from "../../page/server.ts";
import { writeFixtureData } from "./fixtures.ts";

/** Answering over real HTTP: who may write, what is refused, and that nothing refused is stored. */

let data: Awaited<ReturnType<typeof writeFixtureData>>;
let server: FindingsServer;

beforeAll(async () => {
  data = await writeFixtureData();
  server = await startFindingsServer({ dataDir: data.dataDir, port: 0 });
});

afterAll(async () => {
  await server?.stop();
  await data?.cleanup();
});

const link = (tenantId: string) => server.links.find((l) => l.tenantId === tenantId)!;
const linkToken = (tenantId: string) => new URL(link(tenantId).url).hash.slice("#link=".length);

/** Signs in as the page does: the session cookie, and the CSRF token from the same answer. */
async function signIn(tenantId: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.url}/api/tenants/${tenantId}/session`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: linkToken(tenantId) }),
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: response.headers.get("set-cookie")!.split(";")[0]!, csrf: csrfToken };
}

function post(tenantId: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${server.url}/api/tenants/${tenantId}/answers`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** What the store holds for acme, byte for byte ("" before the first answer). */
async function storedText(): Promise<string> {
  return readFile(join(data.dataDir, "acme", "answers.jsonl"), "utf8").catch(() => "");
}

const ITEM_2 = { kind: "item", item: 2, answer: "not_done", note: "まだ比較していない", by: "山田 花子" };

describe("answering through the page API", () => {
  it("refuses a write without the session, without or with a wrong CSRF token, or with a bearer token, and stores nothing", async () => {
    const acme = await signIn("acme");
    const beta = await signIn("beta");
    const attempts: [string, Record<string, string>, number][] = [
      ["no session", { "x-csrf-token": acme.csrf }, 401],
      ["no CSRF token", { cookie: acme.cookie }, 403],
      ["another tenant's CSRF token", { cookie: acme.cookie, "x-csrf-token": beta.csrf }, 403],
      ["a CSRF token of another value", { cookie: acme.cookie, "x-csrf-token": `${acme.csrf.slice(0, -1)}${acme.csrf.endsWith("A") ? "B" : "A"}` }, 403],
      ["the dashboard's bearer token", { authorization: `Bearer ${link("acme").apiToken}`, "x-csrf-token": acme.csrf }, 401],
    ];
    for (const [what, headers, status] of attempts) {
      const response = await post("acme", ITEM_2, headers);
      expect(response.status, what).toBe(status);
    }
    const form = await fetch(`${server.url}/api/tenants/acme/answers`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie: acme.cookie, "x-csrf-token": acme.csrf },
      body: "kind=item&item=2&answer=done",
    });
    expect(form.status).toBe(415);
    expect(await storedText()).toBe("");
  });

  it("answers 400 with a clear reason for an unknown item, a bad value or an oversized note, and stores nothing", async () => {
    const { cookie, csrf } = await signIn("acme");
    const headers = { cookie, "x-csrf-token": csrf };
    const before = await storedText();
    const cases: [unknown, string][] = [
      [{ kind: "item", item: 16, answer: "done" }, "unknown item 16: items are numbered 1 to 15"],
      [{ kind: "item", item: 1, answer: "yes" }, "answer must be one of done, partly, not_done, not_applicable"],
      [{ kind: "item", item: 1, answer: "done", note: "あ".repeat(2001) }, "note is 2001 characters long; at most 2000 are allowed"],
      [{ kind: "selfCheck", question: 0, answer: "done" }, "unknown question 0: the self-check has questions 1 to 25"],
      ["{not json", "expected JSON"],
    ];
    for (const [body, error] of cases) {
      const response = await post("acme", body, headers);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error });
    }
    expect(await storedText()).toBe(before);
  });

  it("records an answer with who and when, keeps the earlier one, and serves the feed with it applied", async () => {
    const { cookie, csrf } = await signIn("acme");
    // A reloaded page asks the session endpoint for its token again: the same one.
    const again = await fetch(`${server.url}/api/tenants/acme/session`, { headers: { cookie } });
    expect(await again.json()).toEqual({ csrfToken: csrf });

    const first = await post("acme", ITEM_2, { cookie, "x-csrf-token": csrf });
    expect(first.status).toBe(201);
    const { answer } = (await first.json()) as { answer: StoredAnswer };
    expect(answer).toMatchObject({ ...ITEM_2, id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) });
    expect(Date.now() - Date.parse(answer.at)).toBeLessThan(60_000);
    const second = await post("acme", { kind: "item", item: 2, answer: "done", by: "山田 花子" }, { cookie, "x-csrf-token": csrf });
    expect(second.status).toBe(201);

    const history = (await (await fetch(`${server.url}/api/tenants/acme/answers`, { headers: { cookie } })).json()) as { answers: StoredAnswer[] };
    expect(history.answers.map((a) => ("answer" in a ? a.answer : a.kind))).toEqual(["not_done", "done"]);

    // Dashboards read the same view with their bearer token.
    const response = await fetch(`${server.url}/api/tenants/acme/feed`, { headers: { authorization: `Bearer ${link("acme").apiToken}` } });
    const feed = (await response.json()) as Feed;
    expect(isFeed(feed)).toBe(true);
    expect(feed.items.find((i) => i.number === 2)).toMatchObject({
      status: "pass", attestation: { answer: "done", by: "山田 花子", date: answer.at.slice(0, 10) },
    });
    expect(feed.findings.find((f) => f.checkId === "owner.item_2")).toMatchObject({ provider: "owner", status: "pass" });
  });
});
