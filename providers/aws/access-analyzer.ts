import { AccessAnalyzerClient, ListAnalyzersCommand } from "@aws-sdk/client-accessanalyzer";
import type { Fact } from "../fact.ts";
import type { AwsCaller } from "./caller.ts";
import type { AwsClients } from "./clients.ts";
import { UnreadableValue } from "./parse.ts";
import type { Analyzer } from "./security-facts.ts";

/** IAM Access Analyzer is regional: every analyzer of the region in one listing (rarely more than a page). */
export function getAnalyzers(caller: AwsCaller, clients: AwsClients, region: string): Promise<Fact<Analyzer[]>> {
  const analyzer = clients.client("access-analyzer", AccessAnalyzerClient, region);
  return caller.fact("ListAnalyzers", async () => {
    const analyzers: Analyzer[] = [];
    let token: string | undefined;
    do {
      const page = await caller.call("ListAnalyzers", (abortSignal) =>
        analyzer.send(new ListAnalyzersCommand({ nextToken: token }), { abortSignal }));
      for (const a of page.analyzers ?? []) {
        if (!a.arn || !a.type || !a.status) throw new UnreadableValue("ListAnalyzers returned an analyzer without its ARN, type or status");
        analyzers.push({ name: a.name ?? a.arn, arn: a.arn, type: a.type, status: a.status });
      }
      token = page.nextToken;
    } while (token);
    return analyzers;
  });
}
