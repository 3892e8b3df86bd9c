import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../config/load.ts";

const config = (tickets: unknown[], extra: object = {}) =>
  JSON.stringify({ tenants: [{ id: "example-co", name: "Example Co.", tickets }], ...extra });

function problems(tickets: unknown[]): string[] {
  try {
    parseConfig(config(tickets), "cloud15.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message.split("\n");
  }
  throw new Error("the config was accepted");
}

describe("ticket targets in the config", () => {
  it("accepts every kind with its credentials as secret references, and a page URL", () => {
    const parsed = parseConfig(config([
      { kind: "webhook", url: "https://hooks.example.jp/cloud15", secret: { env: "HOOK_SECRET" } },
      { kind: "redmine", url: "https://redmine.example.jp", apiKey: { file: "/run/secrets/redmine" }, project: "it-support", grouping: "finding", minSeverity: "high" },
      { kind: "jira", url: "https://example.atlassian.net", email: "vendor@example.jp", apiToken: { ssm: "/cloud15/jira" }, project: "OPS", language: "en" },
      { kind: "backlog", url: "https://example.backlog.jp", apiKey: { env: "BACKLOG_KEY" }, project: "ITSUPPORT", issueType: "タスク", maxAttempts: 20 },
      { kind: "github", repo: "example-msp/tickets", token: { env: "GH_TOKEN" } },
    ], { pageUrl: "https://cloud15.example.jp" }), "cloud15.json");
    expect(parsed.tenants[0]!.tickets!.map((t) => t.kind)).toEqual(["webhook", "redmine", "jira", "backlog", "github"]);
  });

  it("names the missing and the unknown keys of the kind the target says it is", () => {
    expect(problems([{ kind: "redmine", url: "https://r.example.jp", apiKey: { env: "K" } }])).toEqual([
      "cloud15.json: tenants[0].tickets[0].project: expected this key, required: the project identifier (or numeric id), found nothing",
    ]);
    expect(problems([{ kind: "github", repo: "a/b", token: { env: "T" }, project: "x" }])[0]).toBe(
      "cloud15.json: tenants[0].tickets[0].project: expected no such key (allowed here: kind, url, repo, token, id, grouping, minSeverity, language, allowPrivateNetwork, maxAttempts), found an unknown key",
    );
    expect(problems([{ kind: "trello", url: "https://t.example.jp" }])[0]).toMatch(/tickets\[0\]: expected a ticket target: kind webhook, redmine, jira, backlog or github/);
  });

  it("refuses a credential typed in where its reference belongs, without echoing it", () => {
    const [message] = problems([{ kind: "github", repo: "a/b", token: "ghp_0123456789abcdef" }]);
    expect(message).toMatch(/tickets\[0\]\.token: expected a reference to a token .*never the value itself, found a plain string/);
    expect(message).not.toContain("ghp_0123456789abcdef");
  });

  it("refuses plain http beyond this machine and metadata addresses", () => {
    expect(problems([{ kind: "jira", url: "http://jira.example.jp", email: "a@example.jp", apiToken: { env: "T" }, project: "OPS" }])).toEqual([
      "cloud15.json: tenants[0].tickets[0].url: expected an https URL (plain http only to localhost, 127.0.0.1 or [::1]), found \"http://jira.example.jp\"",
    ]);
    expect(problems([{ kind: "webhook", url: "https://169.254.169.254/latest", secret: { env: "S" } }])[0]).toMatch(/url: expected a tracker address, not a link-local or cloud metadata address/);
  });

  it("refuses a private or loopback tracker address unless the target allows the private network, naming the file and the key", () => {
    expect(problems([{ kind: "redmine", url: "https://10.0.0.5/redmine", apiKey: { env: "K" }, project: "it" }])).toEqual([
      "cloud15.json: tenants[0].tickets[0].url: expected a public tracker address (10.0.0.5 is on a private network or this machine; " +
        "set \"allowPrivateNetwork\": true on this target if the tracker really is on your own network), found \"https://10.0.0.5/redmine\"",
    ]);
    for (const url of ["https://172.20.1.1", "https://192.168.1.20", "https://[fd12:3456::1]", "http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000"]) {
      expect(problems([{ kind: "webhook", url, secret: { env: "S" } }])[0], url).toMatch(/tickets\[0\]\.url: expected a public tracker address/);
    }
    expect(() => parseConfig(config([
      { kind: "redmine", url: "https://10.0.0.5/redmine", apiKey: { env: "K" }, project: "it", allowPrivateNetwork: true },
      { kind: "webhook", url: "http://127.0.0.1:3000/hook", secret: { env: "S" }, allowPrivateNetwork: true },
    ]), "cloud15.json")).not.toThrow();
    // Metadata addresses stay refused whatever the target allows.
    expect(problems([{ kind: "webhook", url: "https://169.254.169.254/", secret: { env: "S" }, allowPrivateNetwork: true }])[0])
      .toMatch(/url: expected a tracker address, not a link-local or cloud metadata address/);
    expect(problems([{ kind: "webhook", url: "https://hooks.example.jp", secret: { env: "S" }, allowPrivateNetwork: "yes" }])[0])
      .toMatch(/tickets\[0\]\.allowPrivateNetwork: expected/);
  });

  it("asks for an id when two targets of one tenant would share one", () => {
    expect(problems([
      { kind: "webhook", url: "https://a.example.jp", secret: { env: "S" } },
      { kind: "webhook", url: "https://b.example.jp", secret: { env: "S" } },
    ])).toEqual([
      "cloud15.json: tenants[0].tickets[1].kind: expected a target id no other target of this tenant uses (tenants[0].tickets[0] is already \"webhook\"; give each an \"id\"), found \"webhook\"",
    ]);
    expect(() => parseConfig(config([
      { kind: "webhook", id: "chat", url: "https://a.example.jp", secret: { env: "S" } },
      { kind: "webhook", id: "siem", url: "https://b.example.jp", secret: { env: "S" } },
    ]), "cloud15.json")).not.toThrow();
  });
});
