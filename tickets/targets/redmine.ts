import type { Severity } from "../../checks/framework.ts";
import { endpoint, TrackerError, type TrackerHttp } from "../http.ts";
import { plainText } from "../render.ts";
import type { RedmineTarget } from "../target-config.ts";
import type { TicketAdapter, TicketDelivery, TrackerTicket } from "./adapter.ts";

interface RedmineStatus { id: number; name: string; is_closed?: boolean }
interface RedminePriority { id: number; name: string; is_default?: boolean; active?: boolean }
interface RedmineIssue { id: number; status: { id: number }; description?: string }

/**
 * Redmine's REST API (https://www.redmine.org/projects/redmine/wiki/Rest_api): JSON, the key
 * in `X-Redmine-API-Key`. The marker sits in the description and is found with the
 * description filter (`description=~`), closed issues included (`status_id=*`).
 */
export class RedmineAdapter implements TicketAdapter {
  private statuses?: Promise<RedmineStatus[]>;
  private priorities?: Promise<RedminePriority[]>;

  constructor(private readonly target: RedmineTarget, private readonly apiKey: string, private readonly http: TrackerHttp) {}

  async find(marker: string): Promise<TrackerTicket | undefined> {
    const page = await this.get<{ issues: RedmineIssue[] }>("issues.json", {
      project_id: this.target.project, status_id: "*", description: `~${marker}`, sort: "id", limit: "100",
    });
    // `~` is "contains": a longer marker could match too, so the description must carry this one.
    const issue = page.issues.find((i) => (i.description ?? "").includes(marker));
    return issue ? this.ticket(issue) : undefined;
  }

  async create(d: TicketDelivery): Promise<TrackerTicket> {
    const created = await this.http.json<{ issue: RedmineIssue }>({
      method: "POST",
      url: endpoint(this.target.url, "issues.json"),
      headers: this.headers(),
      body: JSON.stringify({
        issue: { project_id: this.target.project, subject: d.title, description: plainText(d.body), priority_id: await this.priorityId(d.severity) },
      }),
      idempotent: false,
    });
    return this.ticket(created.issue);
  }

  async update(ticket: TrackerTicket, d: TicketDelivery): Promise<void> {
    const status = d.state ? await this.statusFor(d.state) : undefined;
    await this.http.send({
      method: "PUT",
      url: endpoint(this.target.url, `issues/${encodeURIComponent(ticket.key)}.json`),
      headers: this.headers(),
      body: JSON.stringify({
        issue: { description: plainText(d.body), notes: plainText(d.comment), ...(status !== undefined ? { status_id: status } : {}) },
      }),
      // The journal note makes a repeat visible, but nothing else doubles; only a 429 or a
      // refused connection is retried, like any request that is not idempotent.
      idempotent: false,
    });
  }

  /** Closed: the first status Redmine marks closed (Closed); reopened: the first open one (New). */
  private async statusFor(state: "close" | "reopen"): Promise<number> {
    const statuses = await this.statusList();
    const status = statuses.find((s) => (state === "close" ? s.is_closed : !s.is_closed));
    if (!status) throw new TrackerError(`Redmine has no ${state === "close" ? "closed" : "open"} issue status`, undefined, false, false);
    return status.id;
  }

  /**
   * Redmine's priorities in its own order (Low, Normal, High, Urgent, Immediate by default):
   * medium takes the default, each step of severity one step up or down from there.
   */
  private async priorityId(severity: Severity): Promise<number> {
    this.priorities ??= this.get<{ issue_priorities: RedminePriority[] }>("enumerations/issue_priorities.json")
      .then((r) => r.issue_priorities.filter((p) => p.active !== false));
    const list = await this.priorities;
    if (list.length === 0) throw new TrackerError("Redmine has no active issue priority", undefined, false, false);
    const normal = Math.max(0, list.findIndex((p) => p.is_default));
    const step = { critical: 2, high: 1, medium: 0, low: -1, info: -1 }[severity];
    return list[Math.min(list.length - 1, Math.max(0, normal + step))]!.id;
  }

  private statusList(): Promise<RedmineStatus[]> {
    this.statuses ??= this.get<{ issue_statuses: RedmineStatus[] }>("issue_statuses.json").then((r) => r.issue_statuses);
    return this.statuses;
  }

  private async ticket(issue: RedmineIssue): Promise<TrackerTicket> {
    const closed = new Set((await this.statusList()).filter((s) => s.is_closed).map((s) => s.id));
    return { key: String(issue.id), url: endpoint(this.target.url, `issues/${issue.id}`).href, open: !closed.has(issue.status.id) };
  }

  private get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.http.json<T>({ method: "GET", url: endpoint(this.target.url, path, query), headers: this.headers(), idempotent: true });
  }

  private headers(): Record<string, string> {
    return { "X-Redmine-API-Key": this.apiKey, "Content-Type": "application/json", Accept: "application/json" };
  }
}
