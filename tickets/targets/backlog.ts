import type { Severity } from "../../checks/framework.ts";
import { endpoint, TrackerError, type TrackerHttp } from "../http.ts";
import { plainText } from "../render.ts";
import type { BacklogTarget } from "../target-config.ts";
import type { TicketAdapter, TicketDelivery, TrackerTicket } from "./adapter.ts";

/** Backlog's fixed priorities (GET /api/v2/priorities): 2 High, 3 Normal, 4 Low. */
const PRIORITY: Record<Severity, number> = { critical: 2, high: 2, medium: 3, low: 4, info: 4 };
/** Backlog's built-in statuses: 1 Open (未対応) and 4 Closed (完了), present in every project. */
const STATUS = { open: 1, closed: 4 } as const;

interface BacklogIssue { id: number; issueKey: string; description?: string | null; status: { id: number } }

/**
 * Backlog API v2 (https://developer.nulab.com/docs/backlog/): the API key as the `apiKey` query
 * parameter, form-encoded bodies, `priorityId` and `issueTypeId` required on creation. The
 * marker sits in the description and is found with the `keyword` search.
 */
export class BacklogAdapter implements TicketAdapter {
  private project?: Promise<{ id: number; issueTypeId: number }>;

  constructor(private readonly target: BacklogTarget, private readonly apiKey: string, private readonly http: TrackerHttp) {}

  async find(marker: string): Promise<TrackerTicket | undefined> {
    const { id } = await this.projectIds();
    const issues = await this.get<BacklogIssue[]>("api/v2/issues", { "projectId[]": String(id), keyword: marker, count: "100" });
    const issue = issues.find((i) => (i.description ?? "").includes(marker));
    return issue ? this.ticket(issue) : undefined;
  }

  async create(d: TicketDelivery): Promise<TrackerTicket> {
    const { id, issueTypeId } = await this.projectIds();
    const issue = await this.http.json<BacklogIssue>({
      method: "POST",
      url: this.url("api/v2/issues"),
      headers: FORM,
      body: form({ projectId: id, summary: d.title, issueTypeId, priorityId: PRIORITY[d.severity], description: plainText(d.body) }),
      idempotent: false,
    });
    return this.ticket(issue);
  }

  async update(ticket: TrackerTicket, d: TicketDelivery): Promise<void> {
    await this.http.send({
      method: "PATCH",
      url: this.url(`api/v2/issues/${encodeURIComponent(ticket.key)}`),
      headers: FORM,
      body: form({
        description: plainText(d.body),
        comment: plainText(d.comment),
        ...(d.state ? { statusId: d.state === "close" ? STATUS.closed : STATUS.open } : {}),
      }),
      // The comment travels in the same request.
      idempotent: false,
    });
  }

  /** The project's numeric id and the issue type to file under: the configured name, else the project's first. */
  private projectIds(): Promise<{ id: number; issueTypeId: number }> {
    this.project ??= (async () => {
      const key = encodeURIComponent(this.target.project);
      const project = await this.get<{ id: number }>(`api/v2/projects/${key}`);
      const types = await this.get<{ id: number; name: string }[]>(`api/v2/projects/${key}/issueTypes`);
      const type = this.target.issueType ? types.find((t) => t.name === this.target.issueType) : types[0];
      if (!type) {
        const wanted = this.target.issueType ? `an issue type named ${JSON.stringify(this.target.issueType)}` : "an issue type";
        throw new TrackerError(`Backlog project ${this.target.project} has no ${wanted}`, undefined, false, false);
      }
      return { id: project.id, issueTypeId: type.id };
    })();
    return this.project;
  }

  private ticket(issue: BacklogIssue): TrackerTicket {
    return { key: issue.issueKey, url: endpoint(this.target.url, `view/${issue.issueKey}`).href, open: issue.status.id !== STATUS.closed };
  }

  private get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return this.http.json<T>({ method: "GET", url: this.url(path, query), headers: { Accept: "application/json" }, idempotent: true });
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    return endpoint(this.target.url, path, { apiKey: this.apiKey, ...query });
  }
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };

function form(fields: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
}
