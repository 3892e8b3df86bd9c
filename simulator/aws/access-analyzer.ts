import { restJson, restJsonError } from "./json.ts";
import { accountCreatedAt } from "./model.ts";
import { AwsError, intParam, pageOf, unsupported, type Route, type SimService } from "./wire.ts";

/** IAM Access Analyzer over REST-JSON: GET /analyzer (ListAnalyzers), per region, paged. */
const TYPES = ["ACCOUNT", "ORGANIZATION", "ACCOUNT_UNUSED_ACCESS", "ORGANIZATION_UNUSED_ACCESS", "ACCOUNT_INTERNAL_ACCESS", "ORGANIZATION_INTERNAL_ACCESS"];

const invalid = (message: string) => new AwsError(400, "ValidationException", message);

export const accessAnalyzerService: SimService = {
  name: "access-analyzer",
  route(req, ctx): Route {
    if (req.method !== "GET" || req.path !== "/analyzer") {
      return unsupported("access-analyzer", `${req.method} ${req.path}`, () =>
        new AwsError(404, "UnknownOperationException", "The requested operation is not supported by the simulator"));
    }
    return {
      operation: "ListAnalyzers", permission: "access-analyzer:ListAnalyzers",
      respond: () => {
        const type = req.query.get("type");
        if (type !== null && !TYPES.includes(type)) throw invalid(`Invalid type: ${type}`);
        const all = (ctx.account.accessAnalyzers?.[req.region] ?? []).filter((a) => type === null || a.type === type);
        const size = intParam("maxResults", req.query.get("maxResults"), { min: 1, max: 1000 }, invalid) ?? 100;
        const page = pageOf(all, req.query.get("nextToken"), size, invalid);
        return restJson(200, {
          analyzers: page.items.map((a) => ({
            arn: `arn:aws:access-analyzer:${req.region}:${ctx.account.accountId}:analyzer/${a.name}`,
            name: a.name,
            type: a.type,
            createdAt: accountCreatedAt(ctx.account),
            status: a.status ?? "ACTIVE",
          })),
          ...(page.next ? { nextToken: page.next } : {}),
        });
      },
    };
  },
  error: restJsonError,
};
