import { endpoint, type TrackerHttp } from "../http.ts";
import type { Block, Inline } from "../render.ts";
import { GITHUB_API, type GitHubTarget } from "../target-config.ts";
import type { TicketAdapter, TicketDelivery, TrackerTicket } from "./adapter.ts";

interface GitHubIssue { number: number; html_url: string; state: string; body?: string | null; pull_request?: unknown }

/** Pages of 100 looked through for a marker: 1,000 cloud15 issues in one repository is plenty. */
const MAX_PAGES = 10;

/**
 * GitHub Issues through the REST API (version 2022-11-28): a bearer token, the JSON media
 * type. Issues carry the `cloud15` label; the marker sits in the body and is found by listing
 * the labelled issues, which, unlike the search API, sees an issue the moment it exists.
 * GitHub has no priority: the severity becomes a label.
 */
export class GitHubAdapter implements TicketAdapter {
  private readonly api: string;

  constructor(private readonly target: GitHubTarget, private readonly token: string, private readonly http: TrackerHttp) {
    this.api = target.url ?? GITHUB_API;
  }

  async find(marker: string): Promise<TrackerTicket | undefined> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const issues = await this.http.json<GitHubIssue[]>({
        method: "GET",
        url: this.url("issues", { labels: "cloud15", state: "all", per_page: "100", page: String(page) }),
        headers: this.headers(),
        idempotent: true,
      });
      const issue = issues.find((i) => !i.pull_request && (i.body ?? "").includes(marker));
      if (issue) return ticket(issue);
      if (issues.length < 100) return undefined;
    }
    return undefined;
  }

  async create(d: TicketDelivery): Promise<TrackerTicket> {
    const issue = await this.http.json<GitHubIssue>({
      method: "POST",
      url: this.url("issues"),
      headers: this.headers(),
      body: JSON.stringify({ title: d.title, body: markdown(d.body), labels: ["cloud15", `severity: ${d.severity}`] }),
      idempotent: false,
    });
    return ticket(issue);
  }

  async update(t: TrackerTicket, d: TicketDelivery): Promise<void> {
    const state = d.state === "close" ? { state: "closed", state_reason: "completed" }
      : d.state === "reopen" ? { state: "open", state_reason: "reopened" } : {};
    await this.http.send({
      method: "PATCH",
      url: this.url(`issues/${t.key}`),
      headers: this.headers(),
      body: JSON.stringify({ body: markdown(d.body), ...state }),
      idempotent: true,
    });
    // The comment goes last: if anything before it fails, the next run repeats only what is
    // harmless to repeat.
    await this.http.send({
      method: "POST",
      url: this.url(`issues/${t.key}/comments`),
      headers: this.headers(),
      body: JSON.stringify({ body: markdown(d.comment) }),
      idempotent: false,
    });
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    return endpoint(this.api, `repos/${this.target.repo}/${path}`, query);
  }

  private headers(): Record<string, string> {
    return {
      Accept: "application/vnd.github+json",
      Authorization: `Bearer ${this.token}`,
      "X-GitHub-Api-Version": "2022-11-28",
      "Content-Type": "application/json",
    };
  }
}

function ticket(issue: GitHubIssue): TrackerTicket {
  return { key: String(issue.number), url: issue.html_url, open: issue.state === "open" };
}

/** Blocks as GitHub-flavoured Markdown; text is escaped so a resource name cannot become markup. */
function markdown(blocks: readonly Block[]): string {
  const escape = (text: string) => text.replace(/([\\`*_[\]<>#|~])/g, "\\$1");
  const inline = (parts: readonly Inline[]) => parts.map((p) => (typeof p === "string" ? escape(p) : `[${escape(p.text)}](${p.href})`)).join("");
  return blocks.map((b) => {
    if (b.kind === "heading") return `### ${escape(b.text)}`;
    if (b.kind === "paragraph") return inline(b.parts);
    return b.items.map((item) => `- ${inline(item)}`).join("\n");
  }).join("\n\n");
}
