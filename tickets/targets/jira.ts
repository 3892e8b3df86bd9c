import type { Severity } from "../../checks/framework.ts";
import { endpoint, TrackerError, type TrackerHttp } from "../http.ts";
import type { Block, Inline } from "../render.ts";
import type { JiraTarget } from "../target-config.ts";
import type { TicketAdapter, TicketDelivery, TrackerTicket } from "./adapter.ts";

/** The names of Jira Cloud's default priority scheme. */
const PRIORITY: Record<Severity, string> = { critical: "Highest", high: "High", medium: "Medium", low: "Low", info: "Lowest" };

interface JiraTransition { id: string; name: string; to: { statusCategory?: { key: string } } }
interface JiraIssue { key: string; fields?: { status?: { statusCategory?: { key: string } } } }

/**
 * Jira Cloud REST API v3: basic auth with the account email and an API token, rich text in
 * the Atlassian Document Format, and the marker as a label (labels hold no spaces; a JQL
 * `labels =` match is exact). State changes go through the workflow's transitions: the first
 * one into the `done` category closes, the first one back to `new` (else `indeterminate`) reopens.
 */
export class JiraAdapter implements TicketAdapter {
  constructor(private readonly target: JiraTarget, private readonly apiToken: string, private readonly http: TrackerHttp) {}

  async find(marker: string): Promise<TrackerTicket | undefined> {
    const found = await this.http.json<{ issues?: JiraIssue[] }>({
      method: "POST",
      url: endpoint(this.target.url, "rest/api/3/search/jql"),
      headers: this.headers(),
      body: JSON.stringify({ jql: `project = "${this.target.project}" AND labels = "${marker}"`, fields: ["status"], maxResults: 1 }),
      // A search changes nothing however often it is sent.
      idempotent: true,
    });
    const issue = found.issues?.[0];
    return issue ? this.ticket(issue.key, issue.fields?.status?.statusCategory?.key !== "done") : undefined;
  }

  async create(d: TicketDelivery): Promise<TrackerTicket> {
    const created = await this.http.json<{ key: string }>({
      method: "POST",
      url: endpoint(this.target.url, "rest/api/3/issue"),
      headers: this.headers(),
      body: JSON.stringify({
        fields: {
          project: { key: this.target.project },
          issuetype: { name: this.target.issueType ?? "Task" },
          summary: d.title,
          description: adf(d.body),
          labels: ["cloud15", d.marker],
          priority: { name: PRIORITY[d.severity] },
        },
      }),
      idempotent: false,
    });
    return this.ticket(created.key, true);
  }

  async update(ticket: TrackerTicket, d: TicketDelivery): Promise<void> {
    const issue = endpoint(this.target.url, `rest/api/3/issue/${encodeURIComponent(ticket.key)}`);
    await this.http.send({
      method: "PUT", url: issue, headers: this.headers(), body: JSON.stringify({ fields: { description: adf(d.body) } }), idempotent: true,
    });
    if (d.state) await this.transition(issue, d.state);
    // The comment goes last: if anything before it fails, the next run repeats only what is
    // harmless to repeat (the transition finds the issue already moved).
    await this.http.send({
      method: "POST", url: new URL(`${issue.pathname}/comment`, issue), headers: this.headers(), body: JSON.stringify({ body: adf(d.comment) }), idempotent: false,
    });
  }

  private async transition(issue: URL, state: "close" | "reopen"): Promise<void> {
    const url = new URL(`${issue.pathname}/transitions`, issue);
    const { transitions } = await this.http.json<{ transitions: JiraTransition[] }>({ method: "GET", url, headers: this.headers(), idempotent: true });
    const into = (category: string) => transitions.find((t) => t.to.statusCategory?.key === category);
    const chosen = state === "close" ? into("done") : into("new") ?? into("indeterminate");
    if (!chosen) {
      // Already there (a person moved it first): nothing left to do.
      const statusOnly = new URL(issue);
      statusOnly.searchParams.set("fields", "status");
      const current = await this.http.json<JiraIssue>({ method: "GET", url: statusOnly, headers: this.headers(), idempotent: true });
      const done = current.fields?.status?.statusCategory?.key === "done";
      if (done === (state === "close")) return;
      throw new TrackerError(`Jira ${issue.pathname}: the workflow offers no transition to ${state === "close" ? "done" : "to do"}`, undefined, false, false);
    }
    await this.http.send({ method: "POST", url, headers: this.headers(), body: JSON.stringify({ transition: { id: chosen.id } }), idempotent: true });
  }

  private ticket(key: string, open: boolean): TrackerTicket {
    return { key, url: endpoint(this.target.url, `browse/${key}`).href, open };
  }

  private headers(): Record<string, string> {
    const basic = Buffer.from(`${this.target.email}:${this.apiToken}`).toString("base64");
    return { Authorization: `Basic ${basic}`, Accept: "application/json", "Content-Type": "application/json" };
  }
}

type AdfNode = Record<string, unknown>;

/** Blocks as an Atlassian Document Format document (version 1). ADF refuses empty text nodes. */
function adf(blocks: readonly Block[]): AdfNode {
  const inline = (parts: readonly Inline[]): AdfNode[] => parts
    .filter((p) => (typeof p === "string" ? p : p.text) !== "")
    .map((p) => (typeof p === "string"
      ? { type: "text", text: p }
      : { type: "text", text: p.text, marks: [{ type: "link", attrs: { href: p.href } }] }));
  const paragraph = (parts: readonly Inline[]): AdfNode => ({ type: "paragraph", content: inline(parts) });
  return {
    version: 1,
    type: "doc",
    content: blocks.map((b): AdfNode => {
      if (b.kind === "heading") return { type: "heading", attrs: { level: 3 }, content: inline([b.text]) };
      if (b.kind === "paragraph") return paragraph(b.parts);
      return { type: "bulletList", content: b.items.map((item) => ({ type: "listItem", content: [paragraph(item)] })) };
    }),
  };
}
