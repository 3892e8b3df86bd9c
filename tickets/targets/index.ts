import type { SecretReader } from "../../secrets/secret-ref.ts";
import { TrackerHttp, type TrackerHttpOptions } from "../http.ts";
import type { TicketTarget } from "../target-config.ts";
import type { TicketAdapter } from "./adapter.ts";
import { BacklogAdapter } from "./backlog.ts";
import { GitHubAdapter } from "./github.ts";
import { JiraAdapter } from "./jira.ts";
import { RedmineAdapter } from "./redmine.ts";
import { WebhookAdapter } from "./webhook.ts";

/**
 * The adapter for a configured target, its credential read from where the config points. The
 * credential goes to the adapter and to the HTTP client's redaction list, nowhere else.
 */
export async function createAdapter(
  target: TicketTarget,
  secrets: SecretReader,
  options: TrackerHttpOptions,
): Promise<TicketAdapter> {
  // Whether private addresses may be called is the target's to say, never a caller's default.
  const http = { ...options, allowPrivateNetwork: target.allowPrivateNetwork === true };
  switch (target.kind) {
    case "webhook": {
      const secret = await secrets.read(target.secret);
      return new WebhookAdapter(target, secret, new TrackerHttp([secret], http));
    }
    case "redmine": {
      const key = await secrets.read(target.apiKey);
      return new RedmineAdapter(target, key, new TrackerHttp([key], http));
    }
    case "jira": {
      const token = await secrets.read(target.apiToken);
      return new JiraAdapter(target, token, new TrackerHttp([token, Buffer.from(`${target.email}:${token}`).toString("base64")], http));
    }
    case "backlog": {
      const key = await secrets.read(target.apiKey);
      return new BacklogAdapter(target, key, new TrackerHttp([key], http));
    }
    case "github": {
      const token = await secrets.read(target.token);
      return new GitHubAdapter(target, token, new TrackerHttp([token], http));
    }
  }
}
