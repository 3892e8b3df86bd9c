import type { Fact } from "../fact.ts";
import type { GraphCaller } from "./caller.ts";
import type { ServiceHealth } from "./facts.ts";
import { dateOrNull, issueIsOpen, parseIssueClassification } from "./parse.ts";

/** Every service the tenant subscribes to, with its issues, in one paged listing. */
export function getServiceHealth(caller: GraphCaller): Promise<Fact<ServiceHealth[]>> {
  return caller.fact("ListHealthOverviews", async () => {
    const services = await caller.list<GraphServiceHealth>("ListHealthOverviews", "/admin/serviceAnnouncement/healthOverviews?$expand=issues");
    return services.map((s) => ({
      id: s.id,
      service: s.service ?? s.id,
      status: typeof s.status === "string" ? s.status : "unknown",
      openIssues: (s.issues ?? []).filter((i) => issueIsOpen(i.isResolved)).map((i) => ({
        id: i.id,
        title: i.title ?? i.id,
        classification: parseIssueClassification(i.classification),
        status: typeof i.status === "string" ? i.status : "unknown",
        feature: i.feature ?? null,
        impactDescription: i.impactDescription ?? null,
        startDateTime: dateOrNull(i.startDateTime),
      })),
    }));
  });
}

interface GraphServiceHealth {
  id: string;
  service?: string;
  status?: unknown;
  issues?: GraphIssue[];
}

interface GraphIssue {
  id: string;
  title?: string;
  classification?: unknown;
  status?: unknown;
  feature?: string | null;
  impactDescription?: string | null;
  startDateTime?: unknown;
  isResolved?: unknown;
}
