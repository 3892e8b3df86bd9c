import { Type, type Static, type TSchema } from "@sinclair/typebox";
import type { Severity } from "../checks/framework.ts";
import type { Language } from "../checks/text.ts";
import type { ConfigIssue } from "../config/load.ts";
import { Severity as SeveritySchema } from "../feed/schema.ts";
import { SecretRefSchema } from "../secrets/secret-ref.ts";
import { trackerUrlProblem } from "./tracker-url.ts";

/**
 * Where a tenant's findings become tickets (`tenants[].tickets[]` in the config). Credentials
 * are secret references; the config never holds a key or token.
 */
const TrackerUrl = (description: string) => Type.String({ pattern: "^https?://[^\\s]+$", description });

const secret = (what: string) => ({
  ...SecretRefSchema,
  description: `a reference to ${what}: {"env": NAME}, {"file": PATH} or {"ssm": "/parameter/name"}, never the value itself`,
});

/** Settings every kind shares. */
const common = {
  id: Type.Optional(Type.String({
    pattern: "^[a-z0-9][a-z0-9-]{0,62}$",
    description: "a name for this target, unique in the tenant (default: its kind); ticket keys are remembered under it",
  })),
  grouping: Type.Optional(Type.Union([Type.Literal("check"), Type.Literal("finding")], {
    description: "\"check\" (default): one ticket per check listing the affected resources; \"finding\": one ticket per resource",
  })),
  minSeverity: Type.Optional({ ...SeveritySchema, description: "only findings at this severity or worse (default low)" }),
  language: Type.Optional(Type.Union([Type.Literal("ja"), Type.Literal("en")], {
    description: "language of the ticket text (default: the tenant's)",
  })),
  allowPrivateNetwork: Type.Optional(Type.Boolean({
    description: "true to let cloud15 call a tracker on a private network (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) or this machine; refused by default, also when a name resolves there",
  })),
  maxAttempts: Type.Optional(Type.Integer({
    minimum: 1, maximum: 100,
    description: "failed deliveries before an update is given up as dead and shown in the feed (default 10)",
  })),
};

const target = <K extends string, P extends Record<string, TSchema>>(kind: K, properties: P, description: string) =>
  Type.Object({ kind: Type.Literal(kind), ...properties, ...common }, { additionalProperties: false, description });

const WebhookTargetSchema = target("webhook", {
  url: TrackerUrl("the https endpoint that receives the signed JSON"),
  secret: secret("the HMAC signing secret"),
}, "a generic webhook: signed, versioned JSON (docs/tickets.md)");

const RedmineTargetSchema = target("redmine", {
  url: TrackerUrl("the Redmine base URL, e.g. https://redmine.example.jp"),
  apiKey: secret("the Redmine user's API key"),
  project: Type.String({ minLength: 1, description: "the project identifier (or numeric id)" }),
}, "Redmine, through its REST API");

const JiraTargetSchema = target("jira", {
  url: TrackerUrl("the Jira Cloud site, e.g. https://example.atlassian.net"),
  email: Type.String({ pattern: "^[^@\\s]+@[^@\\s]+$", description: "the Atlassian account email the API token belongs to" }),
  apiToken: secret("the Atlassian API token"),
  project: Type.String({ pattern: "^[A-Z][A-Z0-9_]{1,9}$", description: "the project key, e.g. OPS" }),
  issueType: Type.Optional(Type.String({ minLength: 1, description: "issue type name (default Task)" })),
}, "Jira Cloud, through REST API v3");

const BacklogTargetSchema = target("backlog", {
  url: TrackerUrl("the Backlog space, e.g. https://example.backlog.com or https://example.backlog.jp"),
  apiKey: secret("the Backlog API key"),
  project: Type.String({ pattern: "^[A-Z0-9_]+$", description: "the project key, e.g. ITSUPPORT" }),
  issueType: Type.Optional(Type.String({ minLength: 1, description: "issue type name (default: the project's first)" })),
}, "Backlog, through API v2");

const GitHubTargetSchema = target("github", {
  url: Type.Optional(TrackerUrl("the REST API root (default https://api.github.com)")),
  repo: Type.String({ pattern: "^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$", description: "owner/name of the repository" }),
  token: secret("a token with Issues read and write permission"),
}, "GitHub Issues");

export const TicketTargetSchema = Type.Union(
  [WebhookTargetSchema, RedmineTargetSchema, JiraTargetSchema, BacklogTargetSchema, GitHubTargetSchema],
  { description: "a ticket target: kind webhook, redmine, jira, backlog or github" },
);

export type TicketTarget = Static<typeof TicketTargetSchema>;
export type WebhookTarget = Static<typeof WebhookTargetSchema>;
export type RedmineTarget = Static<typeof RedmineTargetSchema>;
export type JiraTarget = Static<typeof JiraTargetSchema>;
export type BacklogTarget = Static<typeof BacklogTargetSchema>;
export type GitHubTarget = Static<typeof GitHubTargetSchema>;
export type TargetKind = TicketTarget["kind"];
export type Grouping = "check" | "finding";

export const GITHUB_API = "https://api.github.com";
const DEFAULT_MAX_ATTEMPTS = 10;

/** A target with every default applied: what the outbox and the adapters work with. */
export interface ResolvedTarget {
  id: string;
  kind: TargetKind;
  grouping: Grouping;
  minSeverity: Severity;
  language: Language;
  maxAttempts: number;
  config: TicketTarget;
}

export function resolveTarget(target: TicketTarget, tenantLanguage: Language | undefined): ResolvedTarget {
  return {
    id: target.id ?? target.kind,
    kind: target.kind,
    grouping: target.grouping ?? "check",
    minSeverity: target.minSeverity ?? "low",
    language: target.language ?? tenantLanguage ?? "ja",
    maxAttempts: target.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    config: target,
  };
}

/** Rules the schema cannot say: unique target ids, and tracker URLs that are safe to call. */
export function ticketTargetIssues(targets: readonly TicketTarget[], where: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const firstIndex = new Map<string, number>();
  targets.forEach((t, i) => {
    const id = t.id ?? t.kind;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, i);
    else {
      issues.push({
        where: `${where}[${i}]${t.id ? ".id" : ".kind"}`,
        expected: `a target id no other target of this tenant uses (${where}[${first}] is already "${id}"; give each an "id")`,
        found: JSON.stringify(id),
      });
    }
    const url = t.url ?? (t.kind === "github" ? GITHUB_API : undefined);
    const problem = url === undefined ? undefined : trackerUrlProblem(url, { allowPrivateNetwork: t.allowPrivateNetwork === true });
    if (problem) issues.push({ where: `${where}[${i}].url`, expected: problem, found: JSON.stringify(url) });
  });
  return issues;
}
